import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedEmail {
  from: string;
  to: string[];
  raw: string;
}

export interface LocalSmtpServer {
  port: number;
  received: ReceivedEmail[];
  close(): Promise<void>;
}

/**
 * A real SMTP server in the test process: plain text, no auth required, so the test exercises
 * Nodemailer's SMTP conversation without TLS certificates. Recipients on `rejectRecipients` get a
 * 550, as a real mailbox provider answers for an unknown user. `delayMs` makes each message take that
 * long to be accepted (a slow provider).
 */
export async function startLocalSmtpServer(options: { rejectRecipients?: string[]; port?: number; delayMs?: number } = {}): Promise<LocalSmtpServer> {
  const received: ReceivedEmail[] = [];
  const reject = new Set((options.rejectRecipients ?? []).map((address) => address.toLowerCase()));

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (reject.has(address.address.toLowerCase())) {
        const error = Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mailFrom = session.envelope.mailFrom;
        received.push({
          from: mailFrom ? mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        if (options.delayMs) setTimeout(callback, options.delayMs);
        else callback();
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on: bind, read the number, close. */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
