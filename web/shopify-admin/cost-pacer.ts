// Paces one shop's Admin API calls by its cost bucket: after each answer we know how many points were
// left (extensions.cost.throttleStatus) and how fast they come back, so before the next request we
// wait until the bucket holds its cost instead of sending it to be THROTTLED. Work that sends many
// requests in a row (tag sync) stays within the limits; the client's retry on THROTTLED remains the
// safety net when another process shares the bucket.
import type { QueryCost, ThrottleStatus } from './admin-graphql-client';

export class CostPacer {
  private status: ThrottleStatus | null = null;
  private at = 0;

  constructor(
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  /** The bucket's size, once an answer told us (the most a single request may cost). */
  get maximumAvailable(): number | null {
    return this.status?.maximumAvailable ?? null;
  }

  /** Waits until the bucket should hold `cost` points. */
  async waitFor(cost: number): Promise<void> {
    const status = this.status;
    if (!status) return;
    const elapsed = (this.clock() - this.at) / 1000;
    const available = Math.min(status.maximumAvailable, status.currentlyAvailable + elapsed * status.restoreRate);
    const wanted = Math.min(cost, status.maximumAvailable);
    if (available >= wanted) return;
    await this.sleep(Math.ceil(((wanted - available) / Math.max(status.restoreRate, 1)) * 1000));
  }

  record(cost: QueryCost | undefined): void {
    if (!cost) return;
    this.status = cost.throttleStatus;
    this.at = this.clock();
  }
}
