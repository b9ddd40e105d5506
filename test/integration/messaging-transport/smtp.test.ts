import { defaultTemplate } from '../../../web/core/messaging/default-templates';
import { memberNameVariables } from '../../../web/core/messaging/member-variables';
import { renderTemplate } from '../../../web/core/messaging/render-template';
import type { TemplateVariables } from '../../../web/core/messaging/template-variables';
import { classifySmtpError } from '../../../web/server/messaging/classify-smtp-error';
import { createEmailTransport, sendEmail, verifyEmailTransport, type EmailTransport } from '../../../web/server/messaging/email-transport';
import { closedPort, startLocalSmtpServer, type LocalSmtpServer } from './local-smtp-server';
import { decodeHeader, parseMime } from './parse-mime';

const FROM = 'Studio Zen <loyalty@studio-zen.test>';

function transportTo(port: number): EmailTransport {
  return createEmailTransport({ host: '127.0.0.1', port, secure: false, ignoreTls: true, from: FROM });
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the send to fail');
}

describe('e-mail over a real SMTP server', () => {
  let server: LocalSmtpServer;
  let transport: EmailTransport;

  beforeAll(async () => {
    server = await startLocalSmtpServer({ rejectRecipients: ['nobody@studio-zen.test'] });
    transport = transportTo(server.port);
  });

  afterAll(async () => {
    transport.close();
    await server.close();
  });

  it('delivers a points_credited e-mail with the subject and variables filled and the name escaped in HTML', async () => {
    const template = defaultTemplate('points_credited', 'en');
    const variables: TemplateVariables = {
      ...memberNameVariables({ firstName: '<script>alert(1)</script>', lastName: 'Jansen' }),
      points: 40,
      balance: 1290,
      shop_name: 'Studio Zen',
      portal_url: 'https://studio-zen.test/apps/loyalty',
    };

    const result = await sendEmail(transport, {
      from: FROM,
      to: 'anna@example.test',
      subject: renderTemplate(template.subject, variables, { html: false }),
      html: renderTemplate(template.html, variables, { html: true }),
      text: renderTemplate(template.text, variables, { html: false }),
      headers: { 'X-Loyalty-Delivery': 'delivery-1' },
    });

    expect(result.accepted).toEqual(['anna@example.test']);
    expect(result.rejected).toEqual([]);
    expect(result.response).toMatch(/^250 /);
    expect(result.messageId).toMatch(/^<.+@.+>$/);

    const received = server.received.find((mail) => mail.raw.includes('delivery-1'));
    expect(received?.to).toEqual(['anna@example.test']);
    const email = parseMime(received?.raw ?? '');
    expect(decodeHeader(email.headers.get('subject') ?? '')).toBe("You've earned 40 points at Studio Zen");
    expect(email.headers.get('x-loyalty-delivery')).toBe('delivery-1');

    expect(email.html).toContain("We've added 40 points to your balance, which is now 1290 points.");
    expect(email.html).toContain('Hi &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('href="https://studio-zen.test/apps/loyalty"');
    expect(email.text).toContain('Hi <script>alert(1)</script>,');
    expect(email.text).toContain('View your points: https://studio-zen.test/apps/loyalty');
    expect(email.text).not.toMatch(/%[a-z_]+%/);
  });

  it('classifies a recipient the server rejects with 550 as permanent, with the reason', async () => {
    const error = await failureOf(
      sendEmail(transport, { from: FROM, to: 'nobody@studio-zen.test', subject: 's', html: '<p>x</p>', text: 'x' }),
    );
    const failure = classifySmtpError(error);
    expect(failure).toMatchObject({ retryable: false, kind: 'recipient_rejected', status: 550 });
    expect(failure.reason).toContain('No such user here');
  });

  it('keeps working for other recipients after a rejection', async () => {
    await expect(
      sendEmail(transport, { from: FROM, to: 'next@example.test', subject: 's', html: '<p>x</p>', text: 'x' }),
    ).resolves.toMatchObject({ accepted: ['next@example.test'] });
  });

  it('passes the connection check of the SMTP settings page', async () => {
    await expect(verifyEmailTransport(transport)).resolves.toEqual({ ok: true });
  });
});

describe('e-mail when the SMTP server is down', () => {
  it('classifies a refused connection as retryable', async () => {
    const transport = transportTo(await closedPort());
    try {
      const error = await failureOf(sendEmail(transport, { from: FROM, to: 'anna@example.test', subject: 's', html: 'x', text: 'x' }));
      expect(classifySmtpError(error)).toMatchObject({ retryable: true, kind: 'connection' });
      expect(await verifyEmailTransport(transport)).toMatchObject({ ok: false, failure: { retryable: true } });
    } finally {
      transport.close();
    }
  });
});
