import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: 'loyalty', ...base },
    // Tokens, secrets and codes never reach the logs.
    redact: ['req.headers.authorization', '*.accessToken', '*.password', '*.giftCardCode', 'headers["x-shopify-hmac-sha256"]'],
  });
}
