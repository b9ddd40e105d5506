import type { DeliveryFailure } from './delivery-failure';
import { SmsSendError, type SmsMessage, type SmsProvider, type SmsSendResult } from './sms-provider';

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  /** A Twilio number or alphanumeric sender id; ignored when messagingServiceSid is set. */
  from?: string;
  /** Lets Twilio pick the sender from a pool (needed for some countries and for scale). */
  messagingServiceSid?: string;
  /** Defaults to Twilio; tests point it at a local server. */
  baseUrl?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

interface TwilioErrorBody {
  code?: number;
  message?: string;
  more_info?: string;
}

/**
 * Twilio's Messages resource: POST form fields to
 * `/2010-04-01/Accounts/{AccountSid}/Messages.json` with HTTP basic auth (SID:token).
 * 429 and 5xx are retried (throttling, outages); any other 4xx is a bad number, an opted-out
 * recipient or a configuration error, which a retry would only repeat.
 */
export class TwilioSmsProvider implements SmsProvider {
  readonly name = 'twilio';
  private readonly url: string;
  private readonly authorization: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly settings: TwilioSettings) {
    if (!settings.from && !settings.messagingServiceSid) {
      throw new Error('Twilio needs either a From number or a Messaging Service SID.');
    }
    const baseUrl = (settings.baseUrl ?? 'https://api.twilio.com').replace(/\/+$/, '');
    this.url = `${baseUrl}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
    this.authorization = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;
    this.fetchImpl = settings.fetch ?? fetch;
    this.timeoutMs = settings.timeoutMs ?? 15_000;
  }

  async send(message: SmsMessage): Promise<SmsSendResult> {
    const form = new URLSearchParams({ To: message.to, Body: message.body });
    if (this.settings.messagingServiceSid) form.set('MessagingServiceSid', this.settings.messagingServiceSid);
    else if (this.settings.from) form.set('From', this.settings.from);

    let response: Response;
    try {
      response = await this.fetchImpl(this.url, {
        method: 'POST',
        headers: {
          authorization: this.authorization,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const timeout = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      throw new SmsSendError(this.name, {
        retryable: true,
        kind: timeout ? 'timeout' : 'connection',
        reason: err instanceof Error ? describeNetworkError(err) : String(err),
      });
    }

    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw new SmsSendError(this.name, classifyTwilioResponse(response.status, body));

    const sid = isRecord(body) && typeof body.sid === 'string' ? body.sid : undefined;
    if (!sid) {
      // Accepted but unreadable: retrying could send twice, so report it rather than guess.
      throw new SmsSendError(this.name, {
        retryable: false,
        kind: 'unknown',
        reason: 'Twilio accepted the request but returned no message SID.',
        status: response.status,
      });
    }
    const status = isRecord(body) && typeof body.status === 'string' ? body.status : 'queued';
    return { id: sid, status, raw: body };
  }
}

/** Twilio codes that are about the number itself: invalid, not a mobile, or opted out (STOP). */
const RECIPIENT_ERROR_CODES = new Set(['21211', '21214', '21610', '21612', '21614']);

export function classifyTwilioResponse(status: number, body: unknown): DeliveryFailure {
  const error: TwilioErrorBody = isRecord(body) ? (body as TwilioErrorBody) : {};
  const reason = typeof error.message === 'string' && error.message !== '' ? error.message : `HTTP ${status}`;
  const code = typeof error.code === 'number' ? String(error.code) : undefined;
  const base = { reason, status, ...(code !== undefined ? { code } : {}) };
  if (status === 429) return { ...base, retryable: true, kind: 'rate_limited' };
  if (status >= 500) return { ...base, retryable: true, kind: 'temporary_rejection' };
  if (status === 401 || status === 403) return { ...base, retryable: false, kind: 'auth' };
  if (status === 404) return { ...base, retryable: false, kind: 'config' };
  if (code !== undefined && RECIPIENT_ERROR_CODES.has(code)) return { ...base, retryable: false, kind: 'recipient_rejected' };
  return { ...base, retryable: false, kind: 'message_rejected' };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** fetch wraps the socket error in `cause`; its code (ECONNREFUSED…) is the useful part. */
function describeNetworkError(err: Error): string {
  const cause = (err as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (cause && typeof cause.code === 'string') return `${err.message} (${cause.code})`;
  return err.message;
}
