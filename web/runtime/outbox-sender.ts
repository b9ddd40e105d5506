// What the outbox sender needs in a process (e-mail over SMTP, SMS through the configured provider),
// built once per runtime: pooled SMTP connections live as long as the process, so a scheduler reuses
// them between runs.
import { createSecretBox } from '../core/crypto/secret-box';
import { SMTP_PASSWORD_PURPOSE } from '../core/messaging/smtp-settings-store';
import type { AppConfig } from './config';
import { LogSmsProvider } from '../server/messaging/log-sms-provider';
import { sendDueOutboxMessages, type OutboxSenderDeps, type SendOutboxOptions, type SendOutboxResult } from '../server/messaging/send-outbox';
import type { SmsProvider } from '../server/messaging/sms-provider';
import { TransportCache } from '../server/messaging/transport-cache';
import { TwilioSmsProvider } from '../server/messaging/twilio-sms-provider';
import type { Runtime } from './runtime';
import type { Logger } from './logger';
import { GIFT_CARD_CODE_PURPOSE } from '../core/redemption/redemption-types';

export function appSmtpSettings(config: AppConfig): OutboxSenderDeps['appSmtp'] {
  const smtp = config.smtp;
  if (!smtp.host) return undefined;
  return { host: smtp.host, port: smtp.port, secure: smtp.secure, ...(smtp.user ? { user: smtp.user } : {}), ...(smtp.password ? { password: smtp.password } : {}), from: smtp.from };
}

export function smsProviderFor(config: AppConfig, logger: Logger): SmsProvider {
  const sms = config.sms;
  if (sms.provider === 'twilio' && sms.twilioAccountSid && sms.twilioAuthToken) {
    return new TwilioSmsProvider({ accountSid: sms.twilioAccountSid, authToken: sms.twilioAuthToken, ...(sms.twilioFrom ? { from: sms.twilioFrom } : {}), ...(sms.twilioBaseUrl ? { baseUrl: sms.twilioBaseUrl } : {}) });
  }
  return new LogSmsProvider(logger);
}

const senders = new WeakMap<Runtime, OutboxSenderDeps>();

export function outboxSenderFor(runtime: Runtime): OutboxSenderDeps {
  let deps = senders.get(runtime);
  if (!deps) {
    const { config, logger } = runtime;
    deps = {
      db: runtime.db,
      logger,
      secretBox: createSecretBox(config.encryptionKey, SMTP_PASSWORD_PURPOSE),
      giftCardCodes: createSecretBox(config.encryptionKey, GIFT_CARD_CODE_PURPOSE),
      appSmtp: appSmtpSettings(config),
      allowPrivateShopSmtpHosts: config.smtp.allowPrivateShopHosts,
      sms: smsProviderFor(config, logger),
      transports: new TransportCache(),
      // The crash test's "kill -9 between claim and send", set only through OUTBOX_CRASH_AFTER_CLAIM.
      ...(config.outbox.crashAfterClaim ? { afterClaim: () => void process.kill(process.pid, 'SIGKILL') } : {}),
      // The bulk crash test's "kill -9 in the middle of sending", set only through OUTBOX_CRASH_AFTER_SENT.
      ...(config.outbox.crashAfterSent ? { afterSent: (sent: number) => void (sent >= config.outbox.crashAfterSent! && process.kill(process.pid, 'SIGKILL')) } : {}),
      // Demo mode: outgoing mail goes to the built-in catcher the admin can open.
      ...(config.demoMode ? { catcher: true } : {}),
    };
    senders.set(runtime, deps);
  }
  return deps;
}

/** One delivery run with this runtime's sender and its configured batch size and lease. */
export function sendDueOutbox(runtime: Runtime, options: Pick<SendOutboxOptions, 'now' | 'shouldStop'> = {}): Promise<SendOutboxResult> {
  return sendDueOutboxMessages(outboxSenderFor(runtime), { batchSize: runtime.config.outbox.batchSize, leaseMs: runtime.config.outbox.leaseMs, ...options });
}

/** Closes the pooled SMTP connections kept for this runtime (when its process stops). */
export function closeOutboxSender(runtime: Runtime): void {
  senders.get(runtime)?.transports.close();
  senders.delete(runtime);
}
