import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { SmsSendError } from '../../../web/server/messaging/sms-provider';
import { TwilioSmsProvider } from '../../../web/server/messaging/twilio-sms-provider';

interface RecordedRequest {
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  form: Record<string, string>;
}

/**
 * Mimics Twilio's Messages resource closely enough to exercise the real HTTP path: basic auth,
 * form-encoded body, 201 with a message resource, and Twilio's error body on failures.
 * The recipient number picks the answer.
 */
function twilioLookalike(recorded: RecordedRequest[]) {
  const app = express();
  app.post('/2010-04-01/Accounts/:accountSid/Messages.json', express.urlencoded({ extended: false }), (req, res) => {
    const form = req.body as Record<string, string>;
    recorded.push({ path: req.path, authorization: req.headers.authorization, contentType: req.headers['content-type'], form });
    const expected = `Basic ${Buffer.from(`${req.params.accountSid}:secret-token`).toString('base64')}`;
    if (req.headers.authorization !== expected) {
      res.status(401).json({ code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
      return;
    }
    if (form.To === '+000') {
      res.status(400).json({
        code: 21211,
        message: "The 'To' number +000 is not a valid phone number.",
        more_info: 'https://www.twilio.com/docs/errors/21211',
        status: 400,
      });
      return;
    }
    if (form.To === '+500') {
      res.status(500).json({ code: 20500, message: 'Internal Server Error', status: 500 });
      return;
    }
    res.status(201).json({
      sid: 'SM0123456789abcdef0123456789abcdef',
      account_sid: req.params.accountSid,
      to: form.To,
      from: form.From,
      body: form.Body,
      status: 'queued',
      num_segments: '1',
    });
  });
  return app;
}

describe('Twilio SMS provider against a local Twilio lookalike', () => {
  const recorded: RecordedRequest[] = [];
  let server: Server;
  let provider: TwilioSmsProvider;

  beforeAll(async () => {
    server = await new Promise<Server>((resolve) => {
      const listening = twilioLookalike(recorded).listen(0, '127.0.0.1', () => resolve(listening));
    });
    const { port } = server.address() as AddressInfo;
    provider = new TwilioSmsProvider({
      accountSid: 'AC00000000000000000000000000000000',
      authToken: 'secret-token',
      from: '+15005550006',
      baseUrl: `http://127.0.0.1:${port}`,
    });
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function failure(to: string): Promise<SmsSendError> {
    try {
      await provider.send({ to, body: 'x' });
    } catch (err) {
      if (err instanceof SmsSendError) return err;
      throw err;
    }
    throw new Error('expected the send to fail');
  }

  it('sends the message and returns the Twilio message SID and status', async () => {
    const result = await provider.send({ to: '+31612345678', body: 'Je hebt 50 punten gespaard! €' });
    expect(result).toMatchObject({ id: 'SM0123456789abcdef0123456789abcdef', status: 'queued' });
    expect(recorded.at(-1)).toMatchObject({
      path: '/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json',
      contentType: 'application/x-www-form-urlencoded',
      form: { To: '+31612345678', From: '+15005550006', Body: 'Je hebt 50 punten gespaard! €' },
    });
  });

  it("reports a 400 with Twilio's code and message as permanent", async () => {
    const error = await failure('+000');
    expect(error.retryable).toBe(false);
    expect(error.failure).toMatchObject({ status: 400, code: '21211', kind: 'recipient_rejected' });
    expect(error.failure.reason).toBe("The 'To' number +000 is not a valid phone number.");
  });

  it('reports a 500 as retryable', async () => {
    const error = await failure('+500');
    expect(error.retryable).toBe(true);
    expect(error.failure).toMatchObject({ status: 500, code: '20500' });
  });

  it('reports wrong credentials as permanent', async () => {
    const wrong = new TwilioSmsProvider({
      accountSid: 'AC00000000000000000000000000000000',
      authToken: 'wrong',
      from: '+15005550006',
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    });
    await expect(wrong.send({ to: '+31612345678', body: 'x' })).rejects.toMatchObject({
      failure: { kind: 'auth', retryable: false, code: '20003' },
    });
  });
});
