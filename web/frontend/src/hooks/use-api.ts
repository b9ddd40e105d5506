// Every call to our own /api carries a fresh App Bridge session token; the server verifies it and
// answers failures as `{ error: { code, message } }`, which we surface as an ApiError.
import { useCallback, useEffect, useState } from 'react';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    /** True when `message` came from our server and is meant for the merchant. */
    readonly fromServer: boolean,
    /** The server's `error.details` (zod issues, allowed variables, the gift card issue limit…). */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function serverErrorOf(body: unknown): { code: string; message: string; details?: unknown } | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
  return typeof message === 'string' && message !== '' ? { code: typeof code === 'string' ? code : 'UNKNOWN', message, details } : undefined;
}

async function sessionToken(): Promise<string> {
  const bridge = window.shopify as typeof window.shopify | undefined;
  if (!bridge) throw new ApiError('App Bridge is not loaded.', 0, 'APP_BRIDGE_MISSING', false);
  try {
    return await bridge.idToken();
  } catch {
    throw new ApiError('Could not get a session token from App Bridge.', 0, 'SESSION_TOKEN', false);
  }
}

/** An authenticated request; a non-2xx answer becomes an ApiError carrying the server's message. */
export async function apiFetchResponse(path: string, init: RequestInit = {}, accept = 'application/json'): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${await sessionToken()}`);
  headers.set('Accept', accept);
  if (init.body !== undefined && typeof init.body === 'string' && !headers.has('Content-Type')) {
    headers.set('Content-Type', 'application/json');
  }
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('The server could not be reached.', 0, 'NETWORK', false);
  }
  if (!response.ok) {
    const serverError = serverErrorOf(await response.json().catch(() => undefined));
    throw serverError
      ? new ApiError(serverError.message, response.status, serverError.code, true, serverError.details)
      : new ApiError(`Request failed with status ${response.status}.`, response.status, 'HTTP_ERROR', false);
  }
  return response;
}

export async function apiFetch<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await apiFetchResponse(path, init);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export interface ApiQuery<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
}

export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(String(error), 0, 'UNKNOWN', false);
}

/** JSON body helper for POST/PUT/PATCH. */
export function apiSend<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return apiFetch<T>(path, { method, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** `/api/x?a=1&b=2`, leaving out empty values. */
export function withQuery(path: string, params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(name, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/**
 * GETs `path` on mount (and on reload), ignoring answers that arrive after unmount or a newer request.
 * A `null` path waits (nothing is fetched). Data from the previous path stays visible while the next loads.
 */
export function useApiQuery<T>(path: string | null): ApiQuery<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: path !== null });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (path === null) return undefined;
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    apiFetch<T>(path, { signal: controller.signal }).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, loading: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((previous) => ({ data: previous.data, error: toApiError(error), loading: false }));
      },
    );
    return () => controller.abort();
  }, [path, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
