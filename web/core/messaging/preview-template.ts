import { countSmsSegments, type SmsSegmentCount } from './count-sms-segments';
import { memberNameVariables, type MemberName } from './member-variables';
import { allowedVariables, type MessageEvent } from './message-events';
import type { MessageTemplate } from './message-template';
import { renderTemplate } from './render-template';
import type { TemplateVariables } from './template-variables';
import { validateTemplate, type TemplateValidation } from './validate-template';

export interface SampleMember extends MemberName {
  /** Any other value to show instead of the neutral sample (shop name, formatted money, dates…). */
  variables?: TemplateVariables;
}

export interface TemplatePreview extends MessageTemplate {
  smsSegments: SmsSegmentCount;
  /** Shown next to the preview so the shop sees problems before pressing save. */
  validation: TemplateValidation;
}

const SAMPLE_VALUES: TemplateVariables = {
  points: 50,
  balance: 1250,
  pending_points: 120,
  description: 'Sample description',
  gift_card_code: 'ABCD EFGH JKLM 1234',
  gift_card_value: '25.00',
  shop_name: 'Sample Shop',
  portal_url: 'https://example.com/account/loyalty',
  expiry_date: '2030-12-31',
};

/**
 * Renders a template the way a real send would for the sample member. Only variables the event
 * offers get a value, so a disallowed token previews as empty, exactly as it would arrive.
 */
export function previewTemplate(event: MessageEvent, template: MessageTemplate, sampleMember: SampleMember): TemplatePreview {
  const offered = { ...SAMPLE_VALUES, ...memberNameVariables(sampleMember), ...sampleMember.variables };
  const variables: TemplateVariables = {};
  for (const name of allowedVariables(event)) variables[name] = offered[name];

  const sms = renderTemplate(template.sms, variables, { html: false });
  return {
    subject: renderTemplate(template.subject, variables, { html: false }),
    html: renderTemplate(template.html, variables, { html: true }),
    text: renderTemplate(template.text, variables, { html: false }),
    sms,
    smsSegments: countSmsSegments(sms),
    validation: validateTemplate(event, template),
  };
}
