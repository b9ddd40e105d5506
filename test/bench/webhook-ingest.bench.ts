// Webhook ingest (verify HMAC + store + dedupe + 200) against a bare Express endpoint in the same process.
import { spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import path from 'node:path';
import type { DbKind } from '../../web/core/db-client';
import { orderPayload } from '../fixtures/order-payloads';
import { closedLoop, openLoop, type LoadRequest } from './http-load';
import type { BenchResult } from './bench-result';

const root = path.resolve(__dirname, '../..');

// The secret webhook-ingest-server.ts configures (that file starts a server when loaded, so it is not imported).
const BENCH_API_SECRET = 'bench-api-secret-0123456789';

export function signWebhookBody(body: string): string {
  return createHmac('sha256', BENCH_API_SECRET).update(body).digest('base64');
}

/** An orders/paid delivery as Shopify sends it, with a fresh webhook id. */
export function orderWebhookRequest(shopDomain: string, body: string, hmac = signWebhookBody(body)): LoadRequest {
  return {
    method: 'POST',
    path: '/webhooks',
    body,
    headers: {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'x-shopify-topic': 'orders/paid',
      'x-shopify-shop-domain': shopDomain,
      'x-shopify-webhook-id': randomUUID(),
      'x-shopify-hmac-sha256': hmac,
      'x-shopify-api-version': '2026-07',
    },
  };
}

export async function startIngestServer(databaseUrl: string) {
  // node itself (tsx as a loader), so that killing the child really stops the server: killing the
  // tsx launcher left its node process running after every benchmark.
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/webhook-ingest-server.ts', databaseUrl], { cwd: root, env: { PATH: process.env.PATH } });
  const ports = await new Promise<{ appPort: number; barePort: number }>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolve(JSON.parse(output.split('\n')[0]!));
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`ingest server exited ${code}: ${output}`)));
  });
  return { ...ports, stop: () => child.kill('SIGKILL') };
}

export async function runWebhookIngestBenchmarks(options: { kind: DbKind; databaseUrl: string; durationMs?: number }): Promise<BenchResult[]> {
  const durationMs = options.durationMs ?? 10_000;
  const server = await startIngestServer(options.databaseUrl);
  try {
    const body = JSON.stringify(orderPayload({ customerId: 1, lines: [{ title: 'Colour & cut', price: '89.00', properties: [{ name: 'Date', value: '26-11-2026' }, { name: 'Time', value: '14:00' }] }] }));
    // Signed once: the load generator should spend its time sending, not hashing.
    const hmac = signWebhookBody(body);
    const webhook = (): LoadRequest => orderWebhookRequest('bench.myshopify.com', body, hmac);
    const bareRequest = (): LoadRequest => ({ ...webhook(), path: '/bare' });
    // Warm both up (JIT, connection pools) before measuring.
    await closedLoop(server.barePort, bareRequest, { connections: 16, durationMs: 1000 });
    await closedLoop(server.appPort, webhook, { connections: 16, durationMs: 1000 });
    const bare = await closedLoop(server.barePort, bareRequest, { connections: 32, durationMs });
    const ingest = await closedLoop(server.appPort, webhook, { connections: 32, durationMs });
    const paced = await openLoop(server.appPort, webhook, { rate: 500, durationMs });
    return [
      { name: `webhook ingest throughput [${options.kind}]`, value: Math.round(ingest.perSecond), unit: 'deliveries/s', detail: `32 connections, ${ingest.requests} deliveries, ${ingest.errors} errors, p99 ${ingest.p99.toFixed(1)} ms` },
      { name: `bare Express endpoint [${options.kind} run]`, value: Math.round(bare.perSecond), unit: 'requests/s', detail: `same process, same body; ingest/bare = ${(ingest.perSecond / bare.perSecond).toFixed(2)}` },
      { name: `webhook ingest p99 at 500/s [${options.kind}]`, value: Number(paced.p99.toFixed(1)), unit: 'ms', detail: `p50 ${paced.p50.toFixed(1)} ms, max ${paced.max.toFixed(1)} ms, ${paced.requests} deliveries, ${paced.errors} errors` },
    ];
  } finally {
    server.stop();
  }
}
