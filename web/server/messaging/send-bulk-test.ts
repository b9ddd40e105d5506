// "Send a test to myself": the draft rendered for a sample member, e-mailed at once to the address the
// staff member gives, through the same SMTP server the outbox would use (in demo mode without one, the catcher).
import { createSecretBox } from '../../core/crypto/secret-box';
import type { Db } from '../../core/db-client';
import { AppError } from '../../core/errors/app-error';
import { catchOutgoingMessage } from '../../core/messaging/caught-message-store';
import type { MessageLanguage } from '../../core/messaging/message-template';
import { SMTP_PASSWORD_PURPOSE, resolveSmtpConnection } from '../../core/messaging/smtp-settings-store';
import { shopLanguageOf } from '../../core/bulk-messages/bulk-message-store';
import { SAMPLE_RECIPIENT } from '../../core/bulk-messages/preview-bulk-message';
import { bulkContentFor, bulkVariables, renderBulkMessage, type BulkContent } from '../../core/bulk-messages/render-bulk-message';
import type { AppConfig } from '../../runtime/config';
import { appSmtpSettings } from '../../runtime/outbox-sender';
import { classifySmtpError } from './classify-smtp-error';
import { createEmailTransport, sendEmail, type EmailTransport } from './email-transport';
import { checkedSmtpSettings, SmtpHostRefusedError } from './smtp-host-guard';

export type BulkTestResult = { ok: true; caught?: true } | { ok: false; failure: { kind: string; reason: string } };

export async function sendBulkTest(db: Db, config: AppConfig, shopId: string, input: { content: BulkContent; language: MessageLanguage; to: string }): Promise<BulkTestResult> {
  const shop = await shopLanguageOf(db.prisma, shopId);
  const { language, template } = bulkContentFor(input.content, input.language, shop.primaryLocale);
  const rendered = renderBulkMessage(language, template, bulkVariables(language, SAMPLE_RECIPIENT, shop));
  const email = { to: input.to, subject: `[Test] ${rendered.subject}`, html: rendered.html, text: rendered.text };
  const smtp = await resolveSmtpConnection(db.prisma, createSecretBox(config.encryptionKey, SMTP_PASSWORD_PURPOSE), shopId, appSmtpSettings(config));
  if (!smtp && config.demoMode) {
    await catchOutgoingMessage(db.prisma, { shopId, outboxMessageId: null, channel: 'email', recipient: email.to, subject: email.subject, html: email.html, text: email.text });
    return { ok: true, caught: true };
  }
  if (!smtp) throw new AppError('CONFLICT', 'No e-mail server is set up: add one in Settings → Messages before sending a test.');
  let transport: EmailTransport | undefined;
  try {
    transport = createEmailTransport(await checkedSmtpSettings(smtp, { allowPrivateShopHosts: config.smtp.allowPrivateShopHosts }));
    await sendEmail(transport, { from: smtp.from, ...email });
    return { ok: true };
  } catch (error) {
    if (error instanceof SmtpHostRefusedError) throw new AppError('VALIDATION', error.message);
    const failure = classifySmtpError(error);
    return { ok: false, failure: { kind: failure.kind, reason: failure.reason } };
  } finally {
    transport?.close();
  }
}
