import nodemailer from 'nodemailer';
import type { SMTPPoolOptions, SMTPPoolSentMessageInfo, Transporter } from 'nodemailer';
import { classifySmtpError } from './classify-smtp-error';
import type { DeliveryFailure } from './delivery-failure';

export { classifySmtpError } from './classify-smtp-error';

/** A shop's own SMTP outbox, or the app's. The password arrives decrypted (see core/crypto/secret-box). */
export interface SmtpSettings {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (usually port 465). When false, STARTTLS is used if offered. */
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
  /** Fail rather than send in clear text when the server does not offer STARTTLS. */
  requireTls?: boolean;
  /** Skip STARTTLS even when offered: only for local development and tests. */
  ignoreTls?: boolean;
  /** The name TLS verifies the certificate against when `host` is an address we resolved it to. */
  servername?: string;
}

export type EmailTransport = Transporter<SMTPPoolSentMessageInfo, SMTPPoolOptions>;

export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** e.g. List-Unsubscribe on marketing mail, or an idempotency reference for the delivery log. */
  headers?: Record<string, string>;
}

export interface EmailSendResult {
  accepted: string[];
  rejected: string[];
  response: string;
  messageId: string;
}

/**
 * Pooled, because a bulk send would otherwise pay a TCP + TLS + AUTH handshake per message. Five
 * connections is what most providers tolerate per client; maxMessages Infinity keeps a
 * connection for the whole run instead of reconnecting every 100 messages. Timeouts are far below
 * Nodemailer's two-minute default so a dead server fails a job attempt quickly.
 */
export function createEmailTransport(settings: SmtpSettings): EmailTransport {
  const auth = settings.user !== undefined && settings.user !== '' ? { user: settings.user, pass: settings.password ?? '' } : undefined;
  return nodemailer.createTransport(
    {
      pool: true,
      maxConnections: 5,
      maxMessages: Infinity,
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      ...(auth ? { auth } : {}),
      ...(settings.requireTls ? { requireTLS: true } : {}),
      ...(settings.ignoreTls ? { ignoreTLS: true } : {}),
      ...(settings.servername ? { servername: settings.servername } : {}),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    },
    { from: settings.from },
  );
}

function addresses(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((entry) =>
    typeof entry === 'object' && entry !== null && 'address' in entry ? String(entry.address) : String(entry),
  );
}

/** Throws the transport's error unchanged; `classifySmtpError` tells the caller what to do with it. */
export async function sendEmail(transport: EmailTransport, email: OutgoingEmail): Promise<EmailSendResult> {
  const info = await transport.sendMail({
    from: email.from,
    to: email.to,
    subject: email.subject,
    html: email.html,
    text: email.text,
    ...(email.headers ? { headers: email.headers } : {}),
  });
  return {
    accepted: addresses(info.accepted),
    rejected: addresses(info.rejected),
    response: info.response,
    messageId: info.messageId,
  };
}

/** For the "send a test / check connection" button in the SMTP settings. */
export async function verifyEmailTransport(transport: EmailTransport): Promise<{ ok: true } | { ok: false; failure: DeliveryFailure }> {
  try {
    await transport.verify();
    return { ok: true };
  } catch (err) {
    return { ok: false, failure: classifySmtpError(err) };
  }
}
