// What staff may submit for a bulk message, and the checks a template gets (known variables only,
// the fields each chosen channel needs, an SMS of at most 300 characters).
import { z } from 'zod';
import { BULK_MESSAGE_VARIABLES, MESSAGE_CHANNEL_CHOICES, type BulkMessageDraft, type MessageChannelChoice } from '../../contracts/bulk-messages-api';
import { AppError } from '../errors/app-error';
import { MESSAGE_LANGUAGES, SMS_MAX_CHARACTERS, type MessageLanguage, type MessageTemplate } from '../messaging/message-template';
import { findTokens } from '../messaging/template-tokens';

const templateSchema = z.strictObject({
  subject: z.string().max(500).default(''),
  html: z.string().max(100_000).default(''),
  text: z.string().max(50_000).default(''),
  sms: z.string().max(2000).default(''),
});

const languageSchema = z.enum(MESSAGE_LANGUAGES);

export const bulkMessageDraftSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  audience: z.strictObject({
    allMembers: z.boolean(),
    groupIds: z.array(z.string().min(1).max(64)).max(50).default([]),
  }),
  channels: z.enum(MESSAGE_CHANNEL_CHOICES),
  content: z.partialRecord(languageSchema, templateSchema),
});

export const createBulkMessageSchema = bulkMessageDraftSchema.extend({
  runAt: z.iso.datetime({ offset: true }).nullable().optional(),
  confirm: z.literal(true, { message: 'Confirm the send (confirm: true) after checking the recipients and the cost.' }),
});

export const bulkPreviewSchema = bulkMessageDraftSchema.extend({ language: languageSchema });
export const bulkTestSendSchema = bulkMessageDraftSchema.extend({ language: languageSchema, to: z.email().max(320) });

export interface BulkProblem {
  language: string;
  field: string;
  /** for the admin UI's own wording: AUDIENCE, PRIMARY_LANGUAGE, REQUIRED, UNKNOWN_VARIABLE, SUBJECT_MULTILINE, SMS_TOO_LONG */
  code: string;
  variable?: string;
  message: string;
}

export function channelsOf(choice: MessageChannelChoice | string): Array<'email' | 'sms'> {
  return choice === 'both' ? ['email', 'sms'] : choice === 'sms' ? ['sms'] : ['email'];
}

const allowed: ReadonlySet<string> = new Set(BULK_MESSAGE_VARIABLES);

/** Every problem of the draft's content, so the compose page can show them all at once. */
export function bulkDraftProblems(draft: BulkMessageDraft, shopLanguage: MessageLanguage): BulkProblem[] {
  const problems: BulkProblem[] = [];
  const channels = channelsOf(draft.channels);
  const languages = Object.keys(draft.content) as MessageLanguage[];
  if (!draft.audience.allMembers && draft.audience.groupIds.length === 0) {
    problems.push({ language: '', field: 'audience', code: 'AUDIENCE', message: 'Choose at least one group, or all members.' });
  }
  if (!languages.includes(shopLanguage)) {
    problems.push({ language: shopLanguage, field: 'content', code: 'PRIMARY_LANGUAGE', message: `Write the message in the shop's language (${shopLanguage}); members in other languages without their own version get it.` });
  }
  for (const language of languages) {
    const template = draft.content[language] as MessageTemplate;
    const fields: Array<keyof MessageTemplate> = [...(channels.includes('email') ? (['subject', 'html', 'text'] as const) : []), ...(channels.includes('sms') ? (['sms'] as const) : [])];
    for (const field of fields) {
      if (template[field].trim() === '') problems.push({ language, field, code: 'REQUIRED', message: `The ${field} must not be empty.` });
      for (const name of findTokens(template[field])) {
        if (!allowed.has(name)) problems.push({ language, field, code: 'UNKNOWN_VARIABLE', variable: name, message: `%${name}% is not available in bulk messages. Allowed: ${BULK_MESSAGE_VARIABLES.map((v) => `%${v}%`).join(', ')}.` });
      }
    }
    if (/[\r\n]/.test(template.subject)) problems.push({ language, field: 'subject', code: 'SUBJECT_MULTILINE', message: 'The subject must be a single line.' });
    const smsLength = [...template.sms].length;
    if (channels.includes('sms') && smsLength > SMS_MAX_CHARACTERS) {
      problems.push({ language, field: 'sms', code: 'SMS_TOO_LONG', message: `The SMS is ${smsLength} characters; the limit is ${SMS_MAX_CHARACTERS}.` });
    }
  }
  return problems;
}

export function assertValidBulkDraft(draft: BulkMessageDraft, shopLanguage: MessageLanguage): void {
  const problems = bulkDraftProblems(draft, shopLanguage);
  if (problems.length > 0) throw new AppError('VALIDATION', problems.map((p) => (p.language ? `${p.language} ${p.field}: ${p.message}` : p.message)).join(' '), { problems });
}
