import { LogSmsProvider } from '../../../web/server/messaging/log-sms-provider';

describe('LogSmsProvider', () => {
  it('logs the message through the injected logger and returns a fake id instead of sending', async () => {
    const info = jest.fn();
    const result = await new LogSmsProvider({ info }).send({ to: '+31612345678', body: 'Je hebt 50 punten gespaard' });
    expect(result.id).toMatch(/^log-[0-9a-f-]{36}$/);
    expect(result.status).toBe('logged');
    expect(info).toHaveBeenCalledWith(
      expect.objectContaining({ smsId: result.id, to: '+31612345678', body: 'Je hebt 50 punten gespaard' }),
      expect.any(String),
    );
  });
});
