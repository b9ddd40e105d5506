// Shopify's side of the chaos run: each order's deliveries, in their intended order, each retried like
// Shopify retries (same webhook id) until the app answers 200. A delivery still unanswered when the load
// window closes is retried again once the app is calm (Shopify keeps retrying for hours).
import type { AppClients } from './app-clients';
import type { OrderScenario } from './order-scenarios';

export interface WebhookFigures {
  deliveries: number;
  redeliveries: number;
  attempts: number;
  refusedAttempts: number;
  unanswered: number;
}

export class WebhookTraffic {
  readonly scenarios: OrderScenario[] = [];
  private readonly pending = new Map<OrderScenario, number>();
  readonly figures: WebhookFigures = { deliveries: 0, redeliveries: 0, attempts: 0, refusedAttempts: 0, unanswered: 0 };

  constructor(private readonly clients: AppClients) {}

  /** Sends one order's deliveries; gives up on a delivery (for now) at `until`. */
  async send(scenario: OrderScenario, until: number): Promise<void> {
    if (!this.scenarios.includes(scenario)) this.scenarios.push(scenario);
    const seen = new Set<string>();
    const deliveries = scenario.deliveries;
    for (let index = this.pending.get(scenario) ?? 0; index < deliveries.length; ) {
      // The delivery and those sent together with it.
      let end = index + 1;
      while (end < deliveries.length && deliveries[end]!.together) end += 1;
      const group = deliveries.slice(index, end);
      const answered = await Promise.all(group.map((d) => this.deliver(d.topic, d.body, d.webhookId, until)));
      if (answered.includes(false)) {
        this.pending.set(scenario, index);
        return;
      }
      for (const delivery of group) {
        if (seen.has(delivery.webhookId)) this.figures.redeliveries += 1;
        else this.figures.deliveries += 1;
        seen.add(delivery.webhookId);
      }
      index = end;
    }
    this.pending.delete(scenario);
  }

  /** Deliveries that never got their 200 within the load window: sent again, in order. */
  async resendUnanswered(until: number): Promise<void> {
    for (const scenario of [...this.pending.keys()]) await this.send(scenario, until);
    this.figures.unanswered = this.pending.size;
  }

  private async deliver(topic: string, body: string, webhookId: string, until: number): Promise<boolean> {
    for (let attempt = 0; Date.now() < until; attempt += 1) {
      this.figures.attempts += 1;
      try {
        const answer = await this.clients.webhook(topic, body, webhookId);
        if (answer.status === 200) return true;
        this.figures.refusedAttempts += 1;
      } catch {
        this.figures.refusedAttempts += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 250 * 2 ** attempt)));
    }
    return false;
  }
}
