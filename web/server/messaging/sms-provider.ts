import type { DeliveryFailure } from './delivery-failure';

export interface SmsMessage {
  /** E.164, e.g. +31612345678. */
  to: string;
  body: string;
}

export interface SmsSendResult {
  /** The provider's message id, kept in the delivery log to match later status callbacks. */
  id: string;
  status: string;
  raw: unknown;
}

export interface SmsProvider {
  readonly name: string;
  send(message: SmsMessage): Promise<SmsSendResult>;
}

/** A failed SMS hand-over, already classified so the send task can decide to retry. */
export class SmsSendError extends Error {
  constructor(
    readonly provider: string,
    readonly failure: DeliveryFailure,
  ) {
    super(`${provider}: ${failure.reason}`);
    this.name = 'SmsSendError';
  }

  get retryable(): boolean {
    return this.failure.retryable;
  }
}
