import { classifySmtpError } from '../../../web/server/messaging/classify-smtp-error';

function smtpError(fields: Record<string, unknown>): Error {
  return Object.assign(new Error(String(fields.message ?? 'smtp error')), fields);
}

describe('classifySmtpError', () => {
  it('retries when the connection is refused or drops', () => {
    expect(classifySmtpError(smtpError({ code: 'ESOCKET', originalCode: 'ECONNREFUSED' }))).toMatchObject({ retryable: true, kind: 'connection' });
    expect(classifySmtpError(smtpError({ code: 'ECONNECTION' }))).toMatchObject({ retryable: true, kind: 'connection' });
    expect(classifySmtpError(smtpError({ code: 'ECONNREFUSED' }))).toMatchObject({ retryable: true, kind: 'connection' });
  });

  it('retries after a timeout', () => {
    expect(classifySmtpError(smtpError({ code: 'ETIMEDOUT' }))).toMatchObject({ retryable: true, kind: 'timeout' });
  });

  it('retries a 4xx reply (greylisting, mailbox busy, 421 service closing)', () => {
    for (const responseCode of [421, 450, 451, 452]) {
      expect(classifySmtpError(smtpError({ code: 'EENVELOPE', responseCode, command: 'RCPT TO' }))).toMatchObject({
        retryable: true,
        kind: 'temporary_rejection',
        status: responseCode,
      });
    }
  });

  it('gives up on a 5xx recipient rejection and keeps the server reason', () => {
    const failure = classifySmtpError(
      smtpError({ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO', response: '550 5.1.1 No such user here' }),
    );
    expect(failure).toEqual({ retryable: false, kind: 'recipient_rejected', status: 550, code: 'EENVELOPE', reason: '550 5.1.1 No such user here' });
  });

  it('gives up on a 5xx rejection of the message itself', () => {
    expect(classifySmtpError(smtpError({ code: 'EMESSAGE', responseCode: 554, command: 'DATA', response: '554 spam' }))).toMatchObject({
      retryable: false,
      kind: 'message_rejected',
    });
  });

  it('retries 503, which is a session-state error a new connection fixes', () => {
    expect(classifySmtpError(smtpError({ code: 'EPROTOCOL', responseCode: 503 }))).toMatchObject({ retryable: true });
  });

  it('does not retry wrong credentials or TLS settings', () => {
    expect(classifySmtpError(smtpError({ code: 'EAUTH', responseCode: 535, response: '535 Invalid login' }))).toMatchObject({ retryable: false, kind: 'auth' });
    expect(classifySmtpError(smtpError({ code: 'ENOAUTH' }))).toMatchObject({ retryable: false, kind: 'auth' });
    expect(classifySmtpError(smtpError({ code: 'ETLS' }))).toMatchObject({ retryable: false, kind: 'config' });
  });

  it('retries an error it does not recognise, leaving the limit to the task attempts', () => {
    expect(classifySmtpError(new Error('something odd'))).toMatchObject({ retryable: true, kind: 'unknown', reason: 'something odd' });
    expect(classifySmtpError('a string')).toMatchObject({ retryable: true, reason: 'a string' });
  });
});
