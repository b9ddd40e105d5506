// A local SMS provider speaking Twilio's Messages API (POST /2010-04-01/Accounts/{sid}/Messages.json,
// form-encoded To/From/Body, HTTP basic auth), for tests that send SMS through the real TwilioSmsProvider
// (TWILIO_BASE_URL points the app at it). Numbers listed in `rejectNumbers` get Twilio's 400 21211.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';

export interface FakeTwilioMessage {
  accountSid: string;
  authorization: string | undefined;
  to: string;
  from: string;
  body: string;
}

export interface FakeTwilioServer {
  url: string;
  received: FakeTwilioMessage[];
  close(): Promise<void>;
}

export async function startFakeTwilioServer(options: { accountSid: string; authToken: string; rejectNumbers?: string[] }): Promise<FakeTwilioServer> {
  const received: FakeTwilioMessage[] = [];
  const expected = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  const app = express();
  let sequence = 0;
  app.post('/2010-04-01/Accounts/:accountSid/Messages.json', express.urlencoded({ extended: false }), (req, res) => {
    const form = req.body as Record<string, string>;
    if (req.headers.authorization !== expected || req.params.accountSid !== options.accountSid) {
      res.status(401).json({ code: 20003, message: 'Authenticate', status: 401 });
      return;
    }
    if (options.rejectNumbers?.includes(form.To ?? '')) {
      res.status(400).json({ code: 21211, message: `The 'To' number ${form.To} is not a valid phone number.`, status: 400 });
      return;
    }
    received.push({ accountSid: req.params.accountSid, authorization: req.headers.authorization, to: form.To ?? '', from: form.From ?? '', body: form.Body ?? '' });
    sequence += 1;
    res.status(201).json({ sid: `SM${String(sequence).padStart(32, '0')}`, to: form.To, from: form.From, body: form.Body, status: 'queued' });
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
