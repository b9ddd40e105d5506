// Switchable failures for resilience tests. A fault matches a GraphQL request by operation name,
// root field or shop, fires `times` times (default: forever) and is checked before anything executes,
// so a faulted request never changes state — unless it is an `afterExecution` fault: then the request
// runs and its answer is lost (500, timeout, reset), as when Shopify applied a mutation but the
// response never reached us.

export type FaultKind = 'latency' | 'http500' | 'http502' | 'http429' | 'throttled' | 'timeout' | 'networkReset';

export interface FaultSpec {
  match?: { operationName?: string; field?: string; shop?: string };
  kind: FaultKind;
  times?: number;
  latencyMs?: number;
  afterExecution?: boolean;
}

export interface FaultRequest {
  shop: string;
  operationName: string | null;
  rootFields: string[];
}

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
}

export class FaultInjector {
  private active: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    this.active.push({ spec, remaining: spec.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.active = [];
  }

  /** Returns the first matching fault and uses up one of its `times`. */
  take(request: FaultRequest): FaultSpec | null {
    for (const fault of this.active) {
      if (fault.remaining <= 0) continue;
      const match = fault.spec.match ?? {};
      if (match.shop && match.shop !== request.shop) continue;
      if (match.operationName && match.operationName !== request.operationName) continue;
      if (match.field && !request.rootFields.includes(match.field)) continue;
      fault.remaining -= 1;
      return fault.spec;
    }
    return null;
  }
}
