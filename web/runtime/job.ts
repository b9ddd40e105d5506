import type { Runtime } from './runtime';

export interface JobContext {
  runtime: Runtime;
  now: () => Date;
  workerId: string;
  /**
   * True once the process is shutting down: jobs that work through a backlog in batches check it
   * between batches and return, so a stop takes one batch, not the whole backlog.
   */
  shouldStop?: () => boolean;
}

/** A scheduled job: thin, it calls the domain and reports what it did. */
export interface Job {
  name: string;
  /** node-cron expression (seconds field optional) */
  schedule: string;
  run(context: JobContext): Promise<Record<string, unknown>>;
  /** Releases what the job keeps between runs (e.g. pooled SMTP connections) when the process stops. */
  dispose?(context: JobContext): Promise<void>;
}
