// Paces one shop's Admin API calls by its cost bucket: after each answer we know how many points were
// left (extensions.cost.throttleStatus) and how fast they come back, so before the next request we
// wait until the bucket holds its cost instead of sending it to be THROTTLED. Concurrent callers of
// one shop reserve their cost in turn, so two tasks of a shop do not both spend the same points.
// The client's retry on THROTTLED remains the safety net when another process shares the bucket.
import type { QueryCost, ThrottleStatus } from './admin-graphql-client';

export class CostPacer {
  private status: ThrottleStatus | null = null;
  /** points we believe are in the bucket at `at`, after the reservations made since the last answer */
  private available = 0;
  private at = 0;
  private turn: Promise<void> = Promise.resolve();

  constructor(
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  /** The bucket's size, once an answer told us (the most a single request may cost). */
  get maximumAvailable(): number | null {
    return this.status?.maximumAvailable ?? null;
  }

  private availableNow(status: ThrottleStatus): number {
    const elapsed = (this.clock() - this.at) / 1000;
    return Math.min(status.maximumAvailable, this.available + elapsed * status.restoreRate);
  }

  /** Waits until the bucket should hold `cost` points, then reserves them. */
  waitFor(cost: number): Promise<void> {
    const mine = this.turn.then(async () => {
      const status = this.status;
      if (!status) return;
      const wanted = Math.min(cost, status.maximumAvailable);
      const available = this.availableNow(status);
      if (available < wanted) await this.sleep(Math.ceil(((wanted - available) / Math.max(status.restoreRate, 1)) * 1000));
      this.available = this.availableNow(status) - wanted;
      this.at = this.clock();
    });
    this.turn = mine.catch(() => undefined);
    return mine;
  }

  record(cost: QueryCost | undefined): void {
    if (!cost) return;
    this.status = cost.throttleStatus;
    this.available = cost.throttleStatus.currentlyAvailable;
    this.at = this.clock();
  }
}
