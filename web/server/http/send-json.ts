// JSON for the storefront's answers, without Express' ETag and freshness work (they are `no-store`:
// a balance or a gift card code must never come from a cache). Works on plain node:http responses too.
import type { ServerResponse } from 'node:http';

export function sendNoStoreJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}
