import type { DeliveryFailure } from './delivery-failure';

interface SmtpErrorShape {
  message?: unknown;
  code?: unknown;
  originalCode?: unknown;
  responseCode?: unknown;
  response?: unknown;
  command?: unknown;
}

const CONNECTION_CODES = new Set([
  'ECONNECTION',
  'ESOCKET',
  'EDNS',
  'EPROXY',
  'EMAXLIMIT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
const AUTH_CODES = new Set(['EAUTH', 'ENOAUTH', 'EOAUTH2']);
const CONFIG_CODES = new Set(['ETLS', 'EREQUIRETLS', 'ECONFIG']);
const MESSAGE_CODES = new Set(['EMESSAGE', 'ESTREAM', 'EMAXRECIPIENTS']);

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Decides whether a failed send is worth retrying. An SMTP reply code is the strongest signal
 * (RFC 5321: 4yz transient, 5yz permanent — except 503, a session-state error that a new
 * connection fixes); without one, the Nodemailer error code says whether we never reached the
 * server (retry) or the settings are wrong (retrying would only repeat the failure). Anything
 * unrecognised is retried: the send task caps attempts, and losing a message silently is worse.
 */
export function classifySmtpError(err: unknown): DeliveryFailure {
  const e: SmtpErrorShape = typeof err === 'object' && err !== null ? (err as SmtpErrorShape) : { message: String(err) };
  const code = text(e.code);
  const status = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const reason = text(e.response) ?? text(e.message) ?? 'Unknown SMTP error';
  const base = { reason, ...(status !== undefined ? { status } : {}), ...(code !== undefined ? { code } : {}) };

  if (status !== undefined) {
    if (status >= 500 && status < 600 && status !== 503) {
      if (code !== undefined && AUTH_CODES.has(code)) return { ...base, retryable: false, kind: 'auth' };
      const command = text(e.command)?.toUpperCase() ?? '';
      const recipient = command.startsWith('RCPT') || code === 'EENVELOPE';
      return { ...base, retryable: false, kind: recipient ? 'recipient_rejected' : 'message_rejected' };
    }
    if (status >= 400 && status < 600) return { ...base, retryable: true, kind: 'temporary_rejection' };
  }

  const original = text(e.originalCode);
  if (code === 'ETIMEDOUT' || original === 'ETIMEDOUT') return { ...base, retryable: true, kind: 'timeout' };
  if ((code !== undefined && CONNECTION_CODES.has(code)) || (original !== undefined && CONNECTION_CODES.has(original))) {
    return { ...base, retryable: true, kind: 'connection' };
  }
  if (code !== undefined && AUTH_CODES.has(code)) return { ...base, retryable: false, kind: 'auth' };
  if (code !== undefined && CONFIG_CODES.has(code)) return { ...base, retryable: false, kind: 'config' };
  // Without a reply code an envelope error is ours: an address Nodemailer could not even use.
  if (code === 'EENVELOPE') return { ...base, retryable: false, kind: 'recipient_rejected' };
  if (code !== undefined && MESSAGE_CODES.has(code)) return { ...base, retryable: false, kind: 'message_rejected' };
  return { ...base, retryable: true, kind: 'unknown' };
}
