/**
 * Why a message could not be handed over, in the terms the send task needs: retry it later, or
 * record it as failed for good. `reason` is the provider's own words (e.g. "550 5.1.1 No such
 * user"), kept for the delivery log; it never contains credentials.
 */
export interface DeliveryFailure {
  retryable: boolean;
  kind:
    | 'connection'
    | 'timeout'
    | 'rate_limited'
    | 'temporary_rejection'
    | 'recipient_rejected'
    | 'message_rejected'
    | 'auth'
    | 'config'
    | 'unknown';
  reason: string;
  /** SMTP reply code or HTTP status. */
  status?: number;
  /** Nodemailer error code (`ECONNECTION`…) or the SMS provider's error code. */
  code?: string;
}
