import { createHash } from 'node:crypto';
import { createEmailTransport, type EmailTransport, type SmtpSettings } from './email-transport';

/**
 * One pooled transport per distinct SMTP settings, kept for the life of the job process so a
 * steady trickle of messages reuses open connections. Keyed by a hash, so the map never holds a
 * second plaintext copy of the password; changed settings simply get a new key (the old pool
 * idles out and is closed with the cache).
 */
export class TransportCache {
  private readonly transports = new Map<string, EmailTransport>();

  constructor(private readonly create: (settings: SmtpSettings) => EmailTransport = createEmailTransport) {}

  get(settings: SmtpSettings): EmailTransport {
    const key = createHash('sha256').update(JSON.stringify([settings.host, settings.port, settings.secure, settings.user ?? '', settings.password ?? '', settings.from, settings.requireTls ?? false, settings.ignoreTls ?? false, settings.servername ?? ''])).digest('hex');
    let transport = this.transports.get(key);
    if (!transport) {
      transport = this.create(settings);
      this.transports.set(key, transport);
    }
    return transport;
  }

  get size(): number {
    return this.transports.size;
  }

  close(): void {
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
  }
}
