// Requests answered before Express sees them. Express 5 allocates enough per request (prototype swaps,
// router closures) that under storefront load V8's young-generation collections take ~5 ms each, a few
// times a second: measured with a trivial endpoint at 1,000 requests/s, Express had a p99 of 8 ms where
// node:http alone had 2 ms (docs/benchmarks.md). The storefront's hottest read is served here instead;
// everything else, with its middleware and error handling, stays in Express.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express } from 'express';

/** The request's path without its query string, as an early handler matches it. */
export function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/** Answers the request and returns true, or returns false to leave it to Express. */
export type EarlyHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/** What node:http (`http.createServer(listener)`) and supertest take; `express` is the app behind it. */
export type AppListener = ((req: IncomingMessage, res: ServerResponse) => void) & { readonly express: Express };

/**
 * A request listener that offers each request to `handlers` first and gives the others to the Express
 * app, used as the plain request listener Express documents (`http.createServer(app)`), so nothing of
 * Express's internals is touched.
 */
export function answerBeforeExpress(app: Express, handlers: EarlyHandler[]): AppListener {
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    for (const handler of handlers) if (handler(req, res)) return;
    app(req, res);
  };
  return Object.assign(listener, { express: app });
}
