import type { Db } from '../../core/db-client';
import type { Logger } from '../../runtime/logger';

export interface WebhookContext {
  db: Db;
  logger: Logger;
  now: () => Date;
}

export interface StoredDelivery {
  id: string;
  shopDomain: string;
  topic: string;
  webhookId: string;
  payload: unknown;
  triggeredAt: Date | null;
}

export interface WebhookHandler {
  topic: string;
  handle(context: WebhookContext, delivery: StoredDelivery): Promise<void>;
}

/** A delivery whose payload can never be processed: the task fails at once instead of retrying. */
export class MalformedPayloadError extends Error {
  readonly permanent = true;
  constructor(topic: string, detail: string) {
    super(`malformed ${topic} payload: ${detail}`);
    this.name = 'MalformedPayloadError';
  }
}
