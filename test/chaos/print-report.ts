// The chaos run's report: what was done to the app, what it was asked, and each check with its figures.
import type { FaultFigures, TimelineEvent } from './fault-schedule';
import type { SettleFigures } from './settle-the-app';
import type { Check } from './verify-outcome';
import type { WebhookFigures } from './webhook-traffic';

export interface ChaosReport {
  seed: number;
  seconds: number;
  faults: FaultFigures;
  webhookFigures: WebhookFigures;
  /** other traffic worth a line (report exports …) */
  traffic: Record<string, unknown>;
  checks: Check[];
  stopsUnderLoad: SettleFigures['stops'];
  stopsAtEnd: SettleFigures['stops'];
  quietAfterMs: number | null;
  skipped: { expiredLeases: number; skippedBackoffs: number };
  timeline: TimelineEvent[];
  logDir: string;
}

export function printReport(report: ChaosReport): void {
  const out = (line = '') => process.stdout.write(`${line}\n`);
  const started = report.timeline[0]?.at ?? 0;
  out();
  out(`== chaos run, seed ${report.seed} (CHAOS_SEED=${report.seed} repeats the same random choices; timings differ), load window ${report.seconds} s`);
  out(`faults: ${report.faults.kills} kill -9 (${report.faults.restarts} restarts), ${report.faults.postgresRestarts} PostgreSQL restart, ${report.faults.smtpOutages} SMTP outages, Shopify faults ${JSON.stringify(report.faults.shopifyFaults)}`);
  out(`webhooks: ${JSON.stringify(report.webhookFigures)}`);
  out(`other traffic: ${JSON.stringify(report.traffic)}`);
  out(`SIGTERM when the load window closed: ${report.stopsUnderLoad.map((s) => `${s.name} ${s.ms} ms${s.forced ? ' (forced)' : ''}`).join(', ')}`);
  out(`skipped time at settle: ${report.skipped.expiredLeases} leases expired, ${report.skipped.skippedBackoffs} backoffs made due; quiet after ${report.quietAfterMs === null ? 'TIMEOUT' : `${report.quietAfterMs} ms`}`);
  out();
  for (const check of report.checks) {
    out(`${check.ok ? 'PASS' : 'FAIL'}  ${check.name}`);
    out(`      ${JSON.stringify(check.figures)}`);
    for (const problem of check.problems) out(`      - ${problem}`);
  }
  out();
  out('timeline (s from start):');
  for (const event of report.timeline) out(`  ${((event.at - started) / 1000).toFixed(1).padStart(6)}  ${event.what}`);
  out();
  const failed = report.checks.filter((c) => !c.ok).length;
  out(failed === 0 ? 'chaos: all checks passed' : `chaos: ${failed} of ${report.checks.length} checks FAILED (process logs kept in ${report.logDir})`);
}
