// Sends Admin GraphQL documents for one shop. Written on fetch rather than the library client so that
// throttling (cost-based), 5xx, timeouts and network errors get one explicit retry policy we can test.
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface QueryCost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

export type AdminApiErrorKind = 'throttled' | 'http' | 'timeout' | 'network' | 'graphql' | 'unauthorized';

export class AdminApiError extends Error {
  constructor(
    readonly kind: AdminApiErrorKind,
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'AdminApiError';
  }
}

export interface AdminGraphqlClientOptions {
  apiVersion: string;
  /** When set, https://{shop}/admin/... goes to {simulatorUrl}/shops/{shop}/admin/... */
  simulatorUrl?: string;
  timeoutMs?: number;
  maxAttempts?: number;
  fetchImpl?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

interface GraphqlResponseBody<TData> {
  data?: TData;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
  extensions?: { cost?: QueryCost };
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class AdminGraphqlClient {
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: AdminGraphqlClientOptions) {
    this.fetchImpl = options.fetchImpl ?? fetch;
    this.sleep = options.sleep ?? defaultSleep;
  }

  endpointFor(shop: string): string {
    const path = `/admin/api/${this.options.apiVersion}/graphql.json`;
    return this.options.simulatorUrl ? `${this.options.simulatorUrl}/shops/${shop}${path}` : `https://${shop}${path}`;
  }

  /**
   * `onlyRetryThrottled`: for a mutation that is not safe to send twice (storeCreditAccountCredit has
   * no idempotency key). A throttled request was never executed, so it is retried; after a 5xx, a
   * timeout or a dropped connection Shopify may have applied it, so the error goes to the caller,
   * who must find out what happened before trying again.
   */
  async request<TData>(shop: string, accessToken: string, query: string, variables: Record<string, unknown> = {}, options: { onlyRetryThrottled?: boolean } = {}): Promise<{ data: TData; cost?: QueryCost }> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    let lastError: AdminApiError | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      try {
        return await this.attempt<TData>(shop, accessToken, query, variables);
      } catch (error) {
        if (!(error instanceof AdminApiError) || !error.retryable) throw error;
        if (options.onlyRetryThrottled && error.kind !== 'throttled') throw error;
        lastError = error;
        if (attempt === maxAttempts) break;
        const waitMs = error instanceof ThrottledError ? error.waitMs : backoffMs(attempt);
        await this.sleep(waitMs);
      }
    }
    throw lastError!;
  }

  private async attempt<TData>(shop: string, accessToken: string, query: string, variables: Record<string, unknown>): Promise<{ data: TData; cost?: QueryCost }> {
    let response: Response;
    try {
      response = await this.fetchImpl(this.endpointFor(shop), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Shopify-Access-Token': accessToken },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10000),
      });
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') throw new AdminApiError('timeout', 'Shopify did not answer in time', true);
      throw new AdminApiError('network', `network error talking to Shopify: ${(error as Error).message}`, true);
    }
    if (response.status === 401 || response.status === 403) {
      throw new AdminApiError('unauthorized', `Shopify refused the access token (${response.status})`, false, response.status);
    }
    if (response.status === 429) throw new AdminApiError('throttled', 'Shopify answered 429', true, 429);
    if (response.status >= 500) throw new AdminApiError('http', `Shopify answered ${response.status}`, true, response.status);
    let body: GraphqlResponseBody<TData>;
    try {
      body = (await response.json()) as GraphqlResponseBody<TData>;
    } catch {
      throw new AdminApiError('http', `Shopify answered ${response.status} with a body that is not JSON`, response.status >= 500, response.status);
    }
    if (response.status >= 400) throw new AdminApiError('http', `Shopify answered ${response.status}`, false, response.status);
    const cost = body.extensions?.cost;
    if (body.errors?.some((error) => error.extensions?.code === 'THROTTLED')) {
      throw new ThrottledError(throttleWaitMs(cost));
    }
    if (body.errors?.length) {
      throw new AdminApiError('graphql', `Shopify rejected the query: ${body.errors.map((error) => error.message).join('; ')}`, false);
    }
    if (!body.data) throw new AdminApiError('graphql', 'Shopify answered without data', false);
    return { data: body.data, cost };
  }
}

class ThrottledError extends AdminApiError {
  constructor(readonly waitMs: number) {
    super('throttled', 'Shopify throttled the request (cost bucket empty)', true);
  }
}

/** Wait until the bucket has restored enough for the query that was refused. */
export function throttleWaitMs(cost: QueryCost | undefined): number {
  if (!cost) return 1000;
  const { currentlyAvailable, restoreRate } = cost.throttleStatus;
  const missing = Math.max(0, cost.requestedQueryCost - currentlyAvailable);
  return Math.min(60000, Math.ceil((missing / Math.max(restoreRate, 1)) * 1000) + 50);
}

export function backoffMs(attempt: number): number {
  const base = Math.min(30000, 250 * 2 ** (attempt - 1));
  return base / 2 + Math.floor(Math.random() * (base / 2));
}
