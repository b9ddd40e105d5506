import { defaultTemplate } from '../../../web/core/messaging/default-templates';
import { renderTemplate } from '../../../web/core/messaging/render-template';
import { createEmailTransport, sendEmail } from '../../../web/server/messaging/email-transport';
import { startLocalSmtpServer } from './local-smtp-server';

const MESSAGES = 2_000;

/**
 * Measures, does not assert: throughput depends on the machine. The figure goes to the test
 * output so a bulk-send estimate (and docs/benchmarks.md) can quote it.
 */
describe('pooled SMTP transport throughput', () => {
  it(`sends ${MESSAGES} rendered e-mails through the pool to a local SMTP server`, async () => {
    const server = await startLocalSmtpServer();
    const transport = createEmailTransport({
      host: '127.0.0.1',
      port: server.port,
      secure: false,
      ignoreTls: true,
      from: 'shop@example.test',
    });
    const template = defaultTemplate('points_credited', 'en');
    try {
      const started = process.hrtime.bigint();
      await Promise.all(
        Array.from({ length: MESSAGES }, (_unused, index) => {
          const variables = {
            first_name: `Member ${index}`,
            points: 10,
            balance: 100 + index,
            shop_name: 'Studio Zen',
            portal_url: 'https://studio-zen.test',
          };
          return sendEmail(transport, {
            from: 'shop@example.test',
            to: `member${index}@example.test`,
            subject: renderTemplate(template.subject, variables, { html: false }),
            html: renderTemplate(template.html, variables, { html: true }),
            text: renderTemplate(template.text, variables, { html: false }),
          });
        }),
      );
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const rate = Math.round(MESSAGES / seconds);
      console.log(`SMTP pool (5 connections): ${MESSAGES} messages in ${seconds.toFixed(2)} s = ${rate} messages/s`);
      expect(server.received).toHaveLength(MESSAGES);
    } finally {
      transport.close();
      await server.close();
    }
  });
});
