// One bulk message as one member reads it: their language's version (else the shop's), with the member
// and shop variables filled in, exactly as the preview shows it.
import type { MessageLanguage, MessageTemplate } from '../messaging/message-template';
import { memberNameVariables } from '../messaging/member-variables';
import { portalUrl, type MessageRecipient, type MessageShop } from '../messaging/message-variables';
import { pickMessageLanguage } from '../messaging/message-language';
import { renderTemplate } from '../messaging/render-template';
import type { TemplateVariables } from '../messaging/template-variables';

export type BulkContent = Partial<Record<MessageLanguage, MessageTemplate>>;

export interface RenderedBulkMessage {
  language: MessageLanguage;
  subject: string;
  html: string;
  text: string;
  sms: string;
}

/** The member's language if the message has it, else the shop's, else the first one written. */
export function bulkContentFor(content: BulkContent, memberLocale: string | null | undefined, shopPrimaryLocale: string): { language: MessageLanguage; template: MessageTemplate } {
  const wanted = pickMessageLanguage(memberLocale, shopPrimaryLocale);
  const shopLanguage = pickMessageLanguage(shopPrimaryLocale, 'en');
  for (const language of [wanted, shopLanguage, ...(Object.keys(content) as MessageLanguage[])]) {
    const template = content[language];
    if (template) return { language, template };
  }
  return { language: wanted, template: { subject: '', html: '', text: '', sms: '' } };
}

export function bulkVariables(language: MessageLanguage, recipient: MessageRecipient, shop: MessageShop): TemplateVariables {
  const number = new Intl.NumberFormat(language);
  return {
    ...memberNameVariables(recipient),
    balance: number.format(recipient.balance),
    pending_points: number.format(recipient.pendingPoints),
    shop_name: shop.name,
    portal_url: portalUrl(shop),
  };
}

export function renderBulkMessage(language: MessageLanguage, template: MessageTemplate, variables: TemplateVariables): RenderedBulkMessage {
  return {
    language,
    subject: renderTemplate(template.subject, variables, { html: false }),
    html: renderTemplate(template.html, variables, { html: true }),
    text: renderTemplate(template.text, variables, { html: false }),
    sms: renderTemplate(template.sms, variables, { html: false }).trim(),
  };
}
