import { Router } from 'express';
import { z } from 'zod';
import { createSecretBox } from '../../../core/crypto/secret-box';
import type { Db } from '../../../core/db-client';
import { AppError } from '../../../core/errors/app-error';
import { SMTP_PASSWORD_PURPOSE, deleteSmtpSettings, getSmtpSettingsView, resolveSmtpConnection, saveSmtpSettings, type SmtpConnection } from '../../../core/messaging/smtp-settings-store';
import type { AppConfig } from '../../../runtime/config';
import { createEmailTransport, sendEmail, type EmailTransport } from '../../messaging/email-transport';
import { checkedSmtpSettings, SmtpHostRefusedError } from '../../messaging/smtp-host-guard';
import { classifySmtpError } from '../../messaging/classify-smtp-error';
import { adminAuthOf } from '../session-token-auth';

const settingsSchema = z.strictObject({
  host: z.string().trim().min(1).max(255).regex(/^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:.]+\]$/, 'must be a host name or IP address'),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean(),
  user: z.string().max(255).default(''),
  /** Omit to keep the stored password; "" removes it. */
  password: z.string().max(1000).optional(),
  fromAddress: z.string().trim().min(3).max(320).regex(/^[^\r\n]*@[^\r\n]*$/, 'must contain an e-mail address'),
});
const testSchema = z.strictObject({ to: z.email() });

function appDefaultOf(config: AppConfig): SmtpConnection | undefined {
  const smtp = config.smtp;
  if (!smtp.host) return undefined;
  return { host: smtp.host, port: smtp.port, secure: smtp.secure, ...(smtp.user ? { user: smtp.user } : {}), ...(smtp.password ? { password: smtp.password } : {}), from: smtp.from };
}

export function createSmtpSettingsRouter(deps: { db: Db; config: AppConfig }): Router {
  const router = Router();
  const prisma = deps.db.prisma;
  const box = createSecretBox(deps.config.encryptionKey, SMTP_PASSWORD_PURPOSE);
  const appDefault = appDefaultOf(deps.config);

  router.get('/settings/smtp', async (_req, res) => {
    res.json(await getSmtpSettingsView(prisma, adminAuthOf(res.locals).shopId, appDefault));
  });
  router.put('/settings/smtp', async (req, res) => {
    res.json(await saveSmtpSettings(prisma, box, adminAuthOf(res.locals).shopId, settingsSchema.parse(req.body), appDefault));
  });
  router.delete('/settings/smtp', async (_req, res) => {
    res.json(await deleteSmtpSettings(prisma, adminAuthOf(res.locals).shopId, appDefault));
  });
  // Sends through the settings in force (the shop's, else the app's) and reports the server's answer.
  router.post('/settings/smtp/test', async (req, res) => {
    const { to } = testSchema.parse(req.body);
    const shopId = adminAuthOf(res.locals).shopId;
    const smtp = await resolveSmtpConnection(prisma, box, shopId, appDefault);
    if (!smtp) throw new AppError('VALIDATION', 'No SMTP server is configured for this shop or the app.');
    const shop = await prisma.shop.findUniqueOrThrow({ where: { id: shopId }, select: { name: true } });
    let transport: EmailTransport | undefined;
    try {
      transport = createEmailTransport(await checkedSmtpSettings(smtp, { allowPrivateShopHosts: deps.config.smtp.allowPrivateShopHosts }));
      const sent = await sendEmail(transport, {
        from: smtp.from,
        to,
        subject: `Test e-mail from ${shop.name} loyalty`,
        text: 'This is a test e-mail. Your SMTP settings work.\n',
        html: '<p>This is a test e-mail. Your SMTP settings work.</p>',
      });
      res.json({ ok: true, messageId: sent.messageId, response: sent.response });
    } catch (error) {
      // Refused before any connection is made, the same way whatever the port: nothing to learn from it.
      if (error instanceof SmtpHostRefusedError) throw new AppError('VALIDATION', error.message);
      const failure = classifySmtpError(error);
      res.json({ ok: false, failure: { kind: failure.kind, reason: failure.reason, retryable: failure.retryable, ...(failure.status ? { status: failure.status } : {}) } });
    } finally {
      transport?.close();
    }
  });
  return router;
}
