/** A random idempotency key; crypto.randomUUID needs a secure context, so plain http demo hosts fall back. */
export function newIdempotencyKey(prefix = 'key'): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const random = new Uint32Array(4);
  crypto.getRandomValues(random);
  return `${prefix}-${Date.now().toString(36)}-${[...random].map((part) => part.toString(36)).join('')}`;
}
