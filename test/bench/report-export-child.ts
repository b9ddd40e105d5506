// Child process of report.bench.ts: exports every row of one shop to a discarding stream and prints
// { ms, cpuMs, rows, bytes, maxRssMb } as JSON, so the parent reads the export's own peak memory.
import { Writable } from 'node:stream';
import { writeReport, type ExportFormat } from '../../web/core/reports/export-report';
import { createDatabase } from '../../web/server/db/create-database';
import { createPgRowQuery } from '../../web/server/db/pg-row-query';

async function main(): Promise<void> {
  const [url, shopId, format, batch] = process.argv.slice(2) as [string, string, ExportFormat, string?];
  const database = createDatabase(url);
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      callback();
    },
  });
  const pgRows = database.kind === 'postgresql' ? createPgRowQuery(url, { max: 1 }) : undefined;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const finished = new Promise((resolve) => sink.on('finish', resolve));
  const rows = await writeReport(format, { db: { prisma: database.prisma, kind: database.kind }, shopId, filters: {}, sort: { field: 'createdAt', order: 'desc' }, batchSize: Number(batch ?? 5000), ...(pgRows ? { query: pgRows.query, stream: pgRows.stream } : {}) }, sink);
  await finished;
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  await pgRows?.close();
  await database.close();
  console.log(JSON.stringify({ ms, cpuMs: Math.round((cpu.user + cpu.system) / 1000), rows, bytes, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
