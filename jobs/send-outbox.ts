// Delivers the outbox (e-mail over SMTP, SMS through the configured provider). Pooled SMTP
// connections live as long as the process, so a scheduler reuses them between runs.
import { createSecretBox } from '../web/core/crypto/secret-box';
import { SMTP_PASSWORD_PURPOSE } from '../web/core/messaging/smtp-settings-store';
import type { AppConfig } from '../web/server/config';
import { LogSmsProvider } from '../web/server/messaging/log-sms-provider';
import { sendDueOutboxMessages, type OutboxSenderDeps } from '../web/server/messaging/send-outbox';
import type { SmsProvider } from '../web/server/messaging/sms-provider';
import { TransportCache } from '../web/server/messaging/transport-cache';
import { TwilioSmsProvider } from '../web/server/messaging/twilio-sms-provider';
import type { Runtime } from '../web/server/runtime';
import type { Logger } from '../web/server/logger';
import { GIFT_CARD_CODE_PURPOSE } from '../web/core/redemption/redemption-types';
import type { Job } from './job';

export function appSmtpSettings(config: AppConfig): OutboxSenderDeps['appSmtp'] {
  const smtp = config.smtp;
  if (!smtp.host) return undefined;
  return { host: smtp.host, port: smtp.port, secure: smtp.secure, ...(smtp.user ? { user: smtp.user } : {}), ...(smtp.password ? { password: smtp.password } : {}), from: smtp.from };
}

export function smsProviderFor(config: AppConfig, logger: Logger): SmsProvider {
  const sms = config.sms;
  if (sms.provider === 'twilio' && sms.twilioAccountSid && sms.twilioAuthToken) {
    return new TwilioSmsProvider({ accountSid: sms.twilioAccountSid, authToken: sms.twilioAuthToken, ...(sms.twilioFrom ? { from: sms.twilioFrom } : {}) });
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
    };
    senders.set(runtime, deps);
  }
  return deps;
}

export const sendOutboxJob: Job = {
  name: 'send-outbox',
  schedule: '*/10 * * * * *',
  async run({ runtime, now, shouldStop }) {
    const result = await sendDueOutboxMessages(outboxSenderFor(runtime), { now, batchSize: runtime.config.outbox.batchSize, leaseMs: runtime.config.outbox.leaseMs, ...(shouldStop ? { shouldStop } : {}) });
    return { ...result };
  },
  async dispose({ runtime }) {
    senders.get(runtime)?.transports.close();
    senders.delete(runtime);
  },
};
