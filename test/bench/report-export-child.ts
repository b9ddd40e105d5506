// Child process of report.bench.ts: exports every row of one shop to a discarding stream and prints
// { ms, cpuMs, rows, bytes, maxRssMb, rssByQuarterMb } as JSON, so the parent reads the export's own
// peak memory (this process is the "server side": the sink is a no-op, or a throttled one).
// rssByQuarterMb: the highest RSS sampled in each quarter of the run — flat means constant memory.
// Run alone: node --import tsx test/bench/report-export-child.ts <url> <shopId> csv|xlsx [batchSize|""] [fast|slow:<MB/s>]
import { Writable } from 'node:stream';
import { writeReport, type ExportFormat } from '../../web/core/reports/export-report';
import { createDatabase } from '../../web/server/db/create-database';
import { createPgRowQuery } from '../../web/server/db/pg-row-query';

/** A sink that drops the bytes; with a rate, it acknowledges them no faster than that (a slow client). */
function sinkOf(spec: string, counter: { bytes: number }): Writable {
  const rate = spec.startsWith('slow:') ? Number(spec.slice(5)) * 1e6 : 0;
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      counter.bytes += chunk.length;
      if (rate > 0) setTimeout(callback, (chunk.length / rate) * 1000);
      else callback();
    },
  });
}

async function main(): Promise<void> {
  const [url, shopId, format, batch, sinkSpec] = process.argv.slice(2) as [string, string, ExportFormat, string?, string?];
  const database = createDatabase(url);
  const counter = { bytes: 0 };
  const sink = sinkOf(sinkSpec ?? 'fast', counter);
  const pgRows = database.kind === 'postgresql' ? createPgRowQuery(url, { max: 1 }) : undefined;
  const samples: Array<{ t: number; rss: number }> = [];
  const sampler = setInterval(() => samples.push({ t: performance.now(), rss: process.memoryUsage.rss() }), 100);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const finished = new Promise((resolve) => sink.on('finish', resolve));
  const rows = await writeReport(format, {
    db: { prisma: database.prisma, kind: database.kind }, shopId, filters: {}, sort: { field: 'createdAt', order: 'desc' },
    ...(batch ? { batchSize: Number(batch) } : {}),
    ...(pgRows ? { query: pgRows.query, stream: pgRows.stream } : {}),
  }, sink);
  await finished;
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  clearInterval(sampler);
  const rssByQuarterMb = [0, 1, 2, 3].map((q) => {
    const inQuarter = samples.filter((s) => s.t - start >= (q * ms) / 4 && s.t - start < ((q + 1) * ms) / 4);
    return Math.round(Math.max(0, ...inQuarter.map((s) => s.rss)) / 1048576);
  });
  await pgRows?.close();
  await database.close();
  console.log(JSON.stringify({ ms, cpuMs: Math.round((cpu.user + cpu.system) / 1000), rows, bytes: counter.bytes, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), rssByQuarterMb }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
