// Requests answered before Express sees them. Express 5 allocates enough per request (prototype swaps,
// router closures) that under storefront load V8's young-generation collections take ~5 ms each, a few
// times a second: measured with a trivial endpoint at 1,000 requests/s, Express had a p99 of 8 ms where
// node:http alone had 2 ms (docs/benchmarks.md). The storefront's hottest read is served here instead;
// everything else, with its middleware and error handling, stays in Express.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express } from 'express';

/** Answers the request and returns true, or returns false to leave it to Express. */
export type EarlyHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/** The same Express app, with `handlers` consulted first for every request it is given. */
export function answerBeforeExpress(app: Express, handlers: EarlyHandler[]): Express {
  const expressApp = app as Express & { handle(req: IncomingMessage, res: ServerResponse, next?: unknown): void };
  const handleInExpress = expressApp.handle.bind(app);
  // An Express app calls app.handle for each request (also under http.createServer and supertest).
  expressApp.handle = (req, res, next) => {
    for (const handler of handlers) if (handler(req, res)) return;
    handleInExpress(req, res, next);
  };
  return app;
}
