import type { Request, Response } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import type { AccessTokenStore } from './access-tokens';
import type { FaultInjector } from './faults';
import { computeRequestedCost } from './query-cost';
import { LeakyBucket, type ThrottleStatus } from './leaky-bucket';
import { createBulkOperationRoots } from './bulk-operations';
import { createMutationRoot } from './mutation-root';
import { createQueryRoot } from './query-root';
import { executeRequest, parseRequest, validateRequest } from './run-admin-graphql';
import type { LoadedSchema } from './load-admin-schema';
import type { ShopState } from './shop-state';

// POST /admin/api/:version/graphql.json (shop from Host or X-Shopify-Shop-Domain) and
// POST /shops/:shop/admin/api/:version/graphql.json (shop in the path, for rewriting fetches).
// Order: auth -> parse -> faults -> validate -> cost/throttle -> execute, so neither a faulted nor a
// throttled nor an invalid request changes state (an `afterExecution` fault answers after execute:
// the change is made and the answer lost).

export interface GraphqlRequestLogEntry {
  shop: string;
  operationName: string | null;
  query: string;
  variables: Record<string, unknown> | null;
  status: number;
  /** What happened: executed, invalid, throttled, or the fault kind. */
  outcome: string;
}

export interface AdminGraphqlDeps {
  shops: Map<string, ShopState>;
  tokens: AccessTokenStore;
  faults: FaultInjector;
  requests: GraphqlRequestLogEntry[];
  loadSchema: () => LoadedSchema;
  bucketFor: (shop: string) => LeakyBucket;
  now: () => Date;
  /** Requests held open by `timeout` faults, released on close. */
  heldResponses: Set<Response>;
}

const THROTTLE_DOCS = 'https://shopify.dev/api/usage/rate-limits';

function shopFromRequest(req: Request): string | null {
  const fromPath = req.params.shop;
  if (typeof fromPath === 'string' && fromPath) return fromPath;
  const header = req.get('x-shopify-shop-domain');
  if (header) return header;
  const host = (req.get('host') ?? '').replace(/:\d+$/, '');
  return host.endsWith('.myshopify.com') ? host : null;
}

function costExtension(requested: number, status: ThrottleStatus, actual = requested) {
  return { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: status } };
}

export function createAdminGraphqlHandler(deps: AdminGraphqlDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const domain = shopFromRequest(req);
    const shop = domain ? deps.shops.get(domain) : undefined;
    if (!domain || !shop) {
      res.status(404).json({ errors: 'Not Found' });
      return;
    }
    if (!deps.tokens.isValidFor(req.get('x-shopify-access-token'), domain)) {
      res.status(401).json({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
      return;
    }
    const body = (req.body ?? {}) as { query?: unknown; variables?: unknown; operationName?: unknown };
    const query = typeof body.query === 'string' ? body.query : null;
    const variables =
      body.variables && typeof body.variables === 'object' ? (body.variables as Record<string, unknown>) : null;
    const requestedName = typeof body.operationName === 'string' ? body.operationName : null;
    const log = (status: number, outcome: string, operationName: string | null) =>
      deps.requests.push({ shop: domain, operationName, query: query ?? '', variables, status, outcome });

    if (!query) {
      log(400, 'invalid', requestedName);
      res.status(400).json({ errors: { query: 'Required parameter missing or invalid' } });
      return;
    }
    const parsed = parseRequest(query, requestedName);

    const fault = deps.faults.take({
      shop: domain,
      operationName: parsed.operationName,
      rootFields: parsed.ok ? parsed.rootFields : [],
    });
    /** Answers as the fault says; false for `latency`, after which the request goes on. */
    const answeredWithFault = async (fault: NonNullable<ReturnType<typeof deps.faults.take>>): Promise<boolean> => {
      switch (fault.kind) {
        case 'latency':
          await new Promise((resolve) => setTimeout(resolve, fault.latencyMs ?? 1000));
          return false;
        case 'http500':
        case 'http502': {
          const status = fault.kind === 'http500' ? 500 : 502;
          log(status, fault.kind, parsed.operationName);
          res.status(status).json({ errors: status === 500 ? 'Internal Server Error' : 'Bad Gateway' });
          return true;
        }
        case 'http429':
          // What Shopify's edge answers when a shop exceeds its request rate (REST-style limit).
          log(429, fault.kind, parsed.operationName);
          res.status(429).setHeader('Retry-After', '1').json({ errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' });
          return true;
        case 'throttled': {
          log(200, fault.kind, parsed.operationName);
          const status = { ...deps.bucketFor(domain).status(), currentlyAvailable: 0 };
          res.json({
            errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: THROTTLE_DOCS } }],
            extensions: costExtension(parsed.ok ? 1 : 0, status, 0),
          });
          return true;
        }
        case 'timeout':
          log(0, fault.kind, parsed.operationName);
          // Never answer; the client's own timeout decides. Released when the simulator closes.
          deps.heldResponses.add(res);
          res.on('close', () => deps.heldResponses.delete(res));
          return true;
        case 'networkReset':
          log(0, fault.kind, parsed.operationName);
          req.socket.destroy();
          return true;
      }
    };
    const lostAnswer = fault?.afterExecution ? fault : null;
    if (fault && !lostAnswer && (await answeredWithFault(fault))) return;

    if (!parsed.ok) {
      log(200, 'invalid', parsed.operationName);
      res.json({ errors: parsed.errors });
      return;
    }
    const { schema } = deps.loadSchema();
    const validationErrors = validateRequest(schema, parsed.document);
    if (validationErrors.length > 0) {
      log(200, 'invalid', parsed.operationName);
      res.json({ errors: validationErrors });
      return;
    }

    const bucket = deps.bucketFor(domain);
    const cost = computeRequestedCost(schema, parsed.document, parsed.operation, variables ?? {});
    if (cost > bucket.maximumAvailable) {
      log(200, 'maxCostExceeded', parsed.operationName);
      res.json({
        errors: [
          {
            message: `Query cost is ${cost}, which exceeds the single query max cost limit (${bucket.maximumAvailable}).`,
            extensions: { code: 'MAX_COST_EXCEEDED', cost, maxCost: bucket.maximumAvailable, documentation: THROTTLE_DOCS },
          },
        ],
        extensions: costExtension(cost, bucket.status(), 0),
      });
      return;
    }
    if (!bucket.tryTake(cost)) {
      log(200, 'throttled', parsed.operationName);
      res.json({
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: THROTTLE_DOCS } }],
        extensions: costExtension(cost, bucket.status(), 0),
      });
      return;
    }

    const withBulkOperations = (query: Record<string, (args: Record<string, unknown>) => unknown>, mutation: Record<string, (args: Record<string, unknown>) => unknown>) => {
      const bulk = createBulkOperationRoots(shop, { schema, base: query, now: deps.now, resultBaseUrl: `${req.protocol}://${req.get('host')}` });
      return { query: { ...query, ...bulk.query }, mutation: { ...mutation, ...bulk.mutation } };
    };
    const result = executeRequest(
      schema,
      parsed.document,
      parsed.operationName,
      variables,
      withBulkOperations(createQueryRoot(shop), createMutationRoot(shop, deps.now)),
      parsed.operation,
    );
    const errors = result.errors?.map((error): GraphQLFormattedError => {
      const formatted = error.toJSON();
      // Variable coercion errors have no code in graphql-js; Shopify tags them INVALID_VARIABLE.
      if (!formatted.extensions?.code && formatted.message.startsWith('Variable "')) {
        return { ...formatted, extensions: { ...formatted.extensions, code: 'INVALID_VARIABLE' } };
      }
      return formatted;
    });
    log(200, 'executed', parsed.operationName);
    if (lostAnswer && (await answeredWithFault(lostAnswer))) return;
    res.json({
      ...(errors ? { errors } : {}),
      ...('data' in result ? { data: result.data } : {}),
      extensions: costExtension(cost, bucket.status()),
    });
  };
}
