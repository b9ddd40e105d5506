import { allowedVariables, type MessageEvent } from './message-events';
import { SMS_MAX_CHARACTERS, type MessageTemplate } from './message-template';
import { findTokens } from './template-tokens';
import type { TemplateVariable } from './template-variables';

export type TemplateField = keyof MessageTemplate;

export type TemplateProblem =
  | { field: TemplateField; code: 'UNKNOWN_VARIABLE'; variable: string; message: string }
  | { field: TemplateField; code: 'REQUIRED'; message: string }
  | { field: 'subject'; code: 'SUBJECT_MULTILINE'; message: string }
  | { field: 'sms'; code: 'SMS_TOO_LONG'; length: number; max: number; message: string };

export interface TemplateValidation {
  valid: boolean;
  /** Every `%word%` token the event does not offer, without duplicates, in order of appearance. */
  unknownVariables: string[];
  /** Returned so the API can answer a 400 that tells the shop what it may use instead. */
  allowedVariables: readonly TemplateVariable[];
  problems: TemplateProblem[];
}

const FIELDS: readonly TemplateField[] = ['subject', 'html', 'text', 'sms'];
const FIELD_LABELS: Record<TemplateField, string> = { subject: 'subject', html: 'HTML body', text: 'text body', sms: 'SMS' };

/** SMS length counts what a person sees: code points, so an emoji is one character here. */
function visibleLength(text: string): number {
  return [...text].length;
}

export function validateTemplate(event: MessageEvent, template: MessageTemplate): TemplateValidation {
  const allowed = allowedVariables(event);
  const allowedSet: ReadonlySet<string> = new Set(allowed);
  const problems: TemplateProblem[] = [];
  const unknown = new Set<string>();

  for (const field of FIELDS) {
    for (const name of findTokens(template[field])) {
      if (allowedSet.has(name)) continue;
      unknown.add(name);
      problems.push({
        field,
        code: 'UNKNOWN_VARIABLE',
        variable: name,
        message: `%${name}% is not available for ${event} messages.`,
      });
    }
  }

  // SMS may stay empty: it means the shop does not send an SMS for this event.
  for (const field of ['subject', 'html', 'text'] as const) {
    if (template[field].trim() === '') {
      problems.push({ field, code: 'REQUIRED', message: `The ${FIELD_LABELS[field]} must not be empty.` });
    }
  }
  // A line break in a subject would end the header; mail clients show at most one line anyway.
  if (/[\r\n]/.test(template.subject)) {
    problems.push({ field: 'subject', code: 'SUBJECT_MULTILINE', message: 'The subject must be a single line.' });
  }
  const smsLength = visibleLength(template.sms);
  if (smsLength > SMS_MAX_CHARACTERS) {
    problems.push({
      field: 'sms',
      code: 'SMS_TOO_LONG',
      length: smsLength,
      max: SMS_MAX_CHARACTERS,
      message: `The SMS is ${smsLength} characters; the limit is ${SMS_MAX_CHARACTERS}.`,
    });
  }

  return { valid: problems.length === 0, unknownVariables: [...unknown], allowedVariables: allowed, problems };
}
