import type { Request, Response } from 'express';
import type { AccessTokenStore } from './access-tokens';
import { verifySessionToken } from './session-token';
import type { ShopState } from './shop-state';

// POST /admin/oauth/access_token with grant_type token-exchange, as @shopify/shopify-api sends it.

const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ID_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:id_token';
const OFFLINE = 'urn:shopify:params:oauth:token-type:offline-access-token';
const ONLINE = 'urn:shopify:params:oauth:token-type:online-access-token';

export interface TokenExchangeDeps {
  apiKey: string;
  apiSecret: string;
  scopes: string;
  shops: Map<string, ShopState>;
  tokens: AccessTokenStore;
}

export function createTokenExchangeHandler(deps: TokenExchangeDeps) {
  return (req: Request, res: Response): void => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const fail = (error: string, description: string) => {
      res.status(400).json({ error, error_description: description });
    };
    if (body.client_id !== deps.apiKey || body.client_secret !== deps.apiSecret) {
      fail('invalid_client', 'Client credentials are invalid');
      return;
    }
    if (body.grant_type !== TOKEN_EXCHANGE_GRANT) {
      fail('unsupported_grant_type', 'Only token exchange is supported');
      return;
    }
    if (body.subject_token_type !== ID_TOKEN_TYPE || typeof body.subject_token !== 'string') {
      fail('invalid_request', 'subject_token must be an id_token');
      return;
    }
    const requested = body.requested_token_type ?? OFFLINE;
    if (requested !== OFFLINE && requested !== ONLINE) {
      fail('invalid_request', 'Unsupported requested_token_type');
      return;
    }
    const payload = verifySessionToken(body.subject_token, deps.apiKey, deps.apiSecret, Math.floor(Date.now() / 1000));
    if (!payload) {
      fail('invalid_subject_token', 'Session token is invalid or expired');
      return;
    }
    const shop = new URL(payload.dest).hostname;
    if (!deps.shops.has(shop)) {
      fail('invalid_subject_token', `Unknown shop ${shop}`);
      return;
    }
    if (requested === OFFLINE) {
      res.json({ access_token: deps.tokens.issue(shop, 'offline').token, scope: deps.scopes });
      return;
    }
    const expiresIn = 86_399;
    const issued = deps.tokens.issue(shop, 'online', payload.sub, expiresIn);
    res.json({
      access_token: issued.token,
      scope: deps.scopes,
      expires_in: expiresIn,
      associated_user_scope: deps.scopes,
      associated_user: {
        id: Number(payload.sub),
        first_name: 'Demo',
        last_name: `Staff ${payload.sub}`,
        email: `staff-${payload.sub}@${shop}`,
        account_owner: payload.sub === '1',
        locale: 'en',
        collaborator: false,
        email_verified: true,
      },
    });
  };
}
