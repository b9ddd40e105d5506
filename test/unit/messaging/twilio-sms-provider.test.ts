import { SmsSendError } from '../../../web/server/messaging/sms-provider';
import { TwilioSmsProvider, classifyTwilioResponse } from '../../../web/server/messaging/twilio-sms-provider';

function fakeFetch(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  const impl = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { impl, calls };
}

async function sendError(provider: TwilioSmsProvider): Promise<SmsSendError> {
  try {
    await provider.send({ to: '+31612345678', body: 'Hi' });
  } catch (err) {
    if (err instanceof SmsSendError) return err;
    throw err;
  }
  throw new Error('expected send to fail');
}

describe('TwilioSmsProvider', () => {
  it('posts form-encoded To, From and Body with basic auth to the Messages resource', async () => {
    const fetch = fakeFetch(201, { sid: 'SM123', status: 'queued' });
    const provider = new TwilioSmsProvider({ accountSid: 'AC1', authToken: 'tok', from: '+15005550006', baseUrl: 'http://twilio.test/', fetch: fetch.impl });
    await expect(provider.send({ to: '+31612345678', body: 'Hoi & tot ziens' })).resolves.toMatchObject({ id: 'SM123', status: 'queued' });

    const call = fetch.calls[0];
    expect(call?.url).toBe('http://twilio.test/2010-04-01/Accounts/AC1/Messages.json');
    expect(call?.init.method).toBe('POST');
    const headers = call?.init.headers as Record<string, string>;
    expect(headers.authorization).toBe(`Basic ${Buffer.from('AC1:tok').toString('base64')}`);
    expect(headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(String(call?.init.body)))).toEqual({ To: '+31612345678', From: '+15005550006', Body: 'Hoi & tot ziens' });
  });

  it('sends MessagingServiceSid instead of From when a messaging service is configured', async () => {
    const fetch = fakeFetch(201, { sid: 'SM1', status: 'accepted' });
    const provider = new TwilioSmsProvider({ accountSid: 'AC1', authToken: 't', from: '+1', messagingServiceSid: 'MG9', fetch: fetch.impl });
    await provider.send({ to: '+1555', body: 'x' });
    const form = new URLSearchParams(String(fetch.calls[0]?.init.body));
    expect(form.get('MessagingServiceSid')).toBe('MG9');
    expect(form.has('From')).toBe(false);
  });

  it('refuses a configuration without a sender', () => {
    expect(() => new TwilioSmsProvider({ accountSid: 'AC1', authToken: 't' })).toThrow(/From number or a Messaging Service SID/);
  });

  it("reports Twilio's code and message for a rejected number, as permanent", async () => {
    const fetch = fakeFetch(400, { code: 21211, message: "The 'To' number +31 is not a valid phone number.", status: 400 });
    const error = await sendError(new TwilioSmsProvider({ accountSid: 'AC1', authToken: 't', from: '+1', fetch: fetch.impl }));
    expect(error.retryable).toBe(false);
    expect(error.failure).toMatchObject({ kind: 'recipient_rejected', code: '21211', status: 400 });
    expect(error.message).toContain('not a valid phone number');
  });

  it('retries 429 and 5xx responses', async () => {
    expect(classifyTwilioResponse(429, { code: 20429, message: 'Too Many Requests' })).toMatchObject({ retryable: true, kind: 'rate_limited' });
    expect(classifyTwilioResponse(503, undefined)).toMatchObject({ retryable: true, reason: 'HTTP 503' });
  });

  it('does not retry bad credentials', () => {
    expect(classifyTwilioResponse(401, { code: 20003, message: 'Authenticate' })).toMatchObject({ retryable: false, kind: 'auth' });
  });

  it('retries when Twilio cannot be reached', async () => {
    const impl = (async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    }) as typeof fetch;
    const error = await sendError(new TwilioSmsProvider({ accountSid: 'AC1', authToken: 't', from: '+1', fetch: impl }));
    expect(error.failure).toMatchObject({ retryable: true, kind: 'connection', reason: 'fetch failed (ECONNREFUSED)' });
  });
});
