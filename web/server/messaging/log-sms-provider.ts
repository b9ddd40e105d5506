import { randomUUID } from 'node:crypto';
import type { SmsMessage, SmsProvider, SmsSendResult } from './sms-provider';

/** The part of pino the provider uses, so tests can pass a plain spy. */
export interface SmsLogger {
  info(object: Record<string, unknown>, message: string): void;
}

/**
 * For development and the demo shop: nothing leaves the machine, and the message shows up in the
 * log so the flow can be followed end to end.
 */
export class LogSmsProvider implements SmsProvider {
  readonly name = 'log';

  constructor(private readonly logger: SmsLogger) {}

  async send(message: SmsMessage): Promise<SmsSendResult> {
    const id = `log-${randomUUID()}`;
    this.logger.info({ smsId: id, to: message.to, body: message.body }, 'SMS not sent (log provider)');
    return { id, status: 'logged', raw: { provider: this.name } };
  }
}
