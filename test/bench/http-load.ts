// A small HTTP/1.1 load generator for the benchmarks: closed loop for throughput, open loop at a
// fixed rate for latency percentiles (latency includes any queueing, as a client sees it).
//
// It speaks HTTP over raw keep-alive sockets (request bytes written directly, responses framed by
// Content-Length) rather than through node:http's client, which costs about as much CPU per request
// as the endpoint under test: the generator shares the machine's two cores with the app and
// PostgreSQL, and its own cost would otherwise be measured as the app's latency.
import net from 'node:net';

export interface LoadRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** One keep-alive connection, one request at a time. */
class Connection {
  private readonly socket: net.Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (status: number) => void; reject: (error: Error) => void } | null = null;
  private ready: Promise<void>;
  closed = false;

  constructor(private readonly port: number) {
    this.socket = net.connect(port, '127.0.0.1');
    this.socket.setNoDelay(true);
    this.ready = new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('error', reject);
    });
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    const fail = (error: Error) => {
      this.closed = true;
      this.waiting?.reject(error);
      this.waiting = null;
    };
    this.socket.on('error', fail);
    this.socket.on('close', () => fail(new Error('connection closed')));
  }

  async send(request: LoadRequest): Promise<number> {
    if (this.closed) throw new Error('connection closed');
    await this.ready;
    let head = `${request.method} ${request.path} HTTP/1.1\r\nHost: 127.0.0.1:${this.port}\r\nConnection: keep-alive\r\n`;
    for (const [name, value] of Object.entries(request.headers)) head += `${name}: ${value}\r\n`;
    if (request.body !== undefined && !Object.keys(request.headers).some((name) => name.toLowerCase() === 'content-length')) {
      head += `content-length: ${Buffer.byteLength(request.body)}\r\n`;
    }
    return new Promise((resolve, reject) => {
      // A benchmark must end: an answer that never comes counts as an error after 30 s.
      const timer = setTimeout(() => {
        reject(new Error('no response within 30 s'));
        this.close();
      }, 30_000);
      this.waiting = {
        resolve: (status) => {
          clearTimeout(timer);
          resolve(status);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.socket.write(`${head}\r\n${request.body ?? ''}`);
    });
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const end = this.buffer.indexOf(HEADER_END);
    if (end < 0) return;
    const head = this.buffer.subarray(0, end).toString('latin1');
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!length) {
      this.waiting?.reject(new Error('response without Content-Length'));
      this.waiting = null;
      this.socket.destroy();
      return;
    }
    const total = end + HEADER_END.length + Number(length[1]);
    if (this.buffer.length < total) return;
    this.buffer = this.buffer.subarray(total);
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.resolve(Number(head.slice(9, 12)));
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summarise(latencies: number[], errors: number, seconds: number): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? 0,
  };
}

export async function closedLoop(port: number, next: (i: number) => LoadRequest, options: { connections: number; durationMs: number; expectStatus?: number }): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let counter = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const connections: Connection[] = [];
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      let connection = new Connection(port);
      connections.push(connection);
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          const status = await connection.send(next(counter++));
          if (status !== (options.expectStatus ?? 200)) errors += 1;
        } catch {
          errors += 1;
          connection = new Connection(port);
          connections.push(connection);
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  for (const connection of connections) connection.close();
  return summarise(latencies, errors, (performance.now() - started) / 1000);
}

export async function openLoop(port: number, next: (i: number) => LoadRequest, options: { rate: number; durationMs: number; expectStatus?: number }): Promise<LoadResult> {
  const latencies: number[] = [];
  const idle: Connection[] = [];
  const all: Connection[] = [];
  let errors = 0;
  const total = Math.round((options.rate * options.durationMs) / 1000);
  const interval = 1000 / options.rate;
  const started = performance.now();
  const inFlight: Array<Promise<void>> = [];
  for (let i = 0; i < total; i += 1) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    let connection = idle.pop();
    while (connection?.closed) connection = idle.pop();
    if (!connection) {
      connection = new Connection(port);
      all.push(connection);
    }
    const used = connection;
    // From when the request was due (so a slow server cannot hide its backlog), or from when it was
    // sent if the timer let it go out early.
    const from = Math.max(due, performance.now());
    inFlight.push(
      used.send(next(i)).then(
        (status) => {
          if (status !== (options.expectStatus ?? 200)) errors += 1;
          latencies.push(performance.now() - from);
          idle.push(used);
        },
        () => {
          errors += 1;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  for (const connection of all) connection.close();
  return summarise(latencies, errors, (performance.now() - started) / 1000);
}

/**
 * The same loops in a worker thread of their own (own heap and event loop), so that the garbage
 * collector and timers of the process that starts them — here also the Shopify simulator, with the
 * whole Admin schema in memory — do not show up as the server's latency. Requests are given as a
 * list (used round-robin) because functions cannot cross into the worker.
 */
export async function runLoadInWorker(
  kind: 'open' | 'closed',
  port: number,
  requests: LoadRequest[],
  options: { rate?: number; connections?: number; durationMs: number; expectStatus?: number },
): Promise<LoadResult> {
  const { Worker } = await import('node:worker_threads');
  // The worker loads this TypeScript file through tsx's CommonJS hook.
  const source = `require('tsx/cjs'); require(${JSON.stringify(__filename)});`;
  const worker = new Worker(source, { eval: true, workerData: { loadWorker: true, kind, port, requests, options } });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: LoadResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`load worker exited with ${code}`)));
  });
}

async function runAsLoadWorker(): Promise<void> {
  const { parentPort, workerData } = await import('node:worker_threads');
  const data = workerData as { kind: 'open' | 'closed'; port: number; requests: LoadRequest[]; options: { rate?: number; connections?: number; durationMs: number; expectStatus?: number } };
  const next = (i: number) => data.requests[i % data.requests.length]!;
  const result =
    data.kind === 'open'
      ? await openLoop(data.port, next, { rate: data.options.rate ?? 1000, durationMs: data.options.durationMs, expectStatus: data.options.expectStatus })
      : await closedLoop(data.port, next, { connections: data.options.connections ?? 16, durationMs: data.options.durationMs, expectStatus: data.options.expectStatus });
  parentPort!.postMessage(result);
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
if ((require('node:worker_threads') as typeof import('node:worker_threads')).workerData?.loadWorker) void runAsLoadWorker();
