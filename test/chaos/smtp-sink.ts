// The chaos run's mail server: a real SMTP server in the runner that counts what it received per outbox
// row (the X-Outbox-Message-Id header the app sets), and that can be taken down (every connection cut at
// once, the port closed) and brought back on the same port.
import type { Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SmtpReceipt {
  outboxId: string | null;
  to: string[];
  at: number;
}

export interface SmtpSink {
  port: number;
  receipts: SmtpReceipt[];
  /** when the server was taken down, as epoch ms, for telling the documented duplicate window apart */
  downAt: number[];
  isUp(): boolean;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startSmtpSink(port: number): Promise<SmtpSink> {
  const receipts: SmtpReceipt[] = [];
  const downAt: number[] = [];
  let server: SMTPServer | undefined;
  const sockets = new Set<Socket>();

  const up = async () => {
    if (server) return;
    const created = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const header = /^X-Outbox-Message-Id:\s*(\S+)/im.exec(raw.slice(0, raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.length));
          receipts.push({ outboxId: header?.[1] ?? null, to: session.envelope.rcptTo.map((rcpt) => rcpt.address), at: Date.now() });
          callback();
        });
      },
    });
    created.server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    created.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      created.server.once('error', reject);
      created.listen(port, '127.0.0.1', () => resolve());
    });
    server = created;
  };

  const down = async () => {
    const current = server;
    if (!current) return;
    server = undefined;
    downAt.push(Date.now());
    const closed = new Promise<void>((resolve) => current.server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    await closed;
  };

  await up();
  return { port, receipts, downAt, isUp: () => server !== undefined, down, up, close: down };
}
