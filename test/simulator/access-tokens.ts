import { randomBytes } from 'node:crypto';

// Admin API access tokens this simulator has issued, by token string.

export interface IssuedAccessToken {
  token: string;
  shop: string;
  kind: 'offline' | 'online';
  userId: string | null;
  /** Epoch ms; null for offline tokens, which do not expire. */
  expiresAt: number | null;
}

export class AccessTokenStore {
  readonly issued = new Map<string, IssuedAccessToken>();

  issue(shop: string, kind: 'offline' | 'online' = 'offline', userId: string | null = null, expiresInSeconds = 86_399): IssuedAccessToken {
    const token = `${kind === 'offline' ? 'shpat' : 'shpua'}_${randomBytes(16).toString('hex')}`;
    const issued = { token, shop, kind, userId, expiresAt: kind === 'online' ? Date.now() + expiresInSeconds * 1000 : null };
    this.issued.set(token, issued);
    return issued;
  }

  isValidFor(token: string | undefined, shop: string): boolean {
    const issued = token ? this.issued.get(token) : undefined;
    return Boolean(issued && issued.shop === shop && (issued.expiresAt === null || issued.expiresAt > Date.now()));
  }
}
