// Shopify global ids: gid://shopify/<Type>/<number>.

export function toGid(type: string, id: number): string {
  return `gid://shopify/${type}/${id}`;
}

/** Returns the numeric id when `gid` names the expected type, else null (unknown ids are "not found"). */
export function parseGid(gid: string, expectedType?: string): { type: string; id: number } | null {
  const match = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(?:\?.*)?$/.exec(gid);
  if (!match || !match[1] || !match[2]) return null;
  if (expectedType && match[1] !== expectedType) return null;
  // The simulator numbers its objects below 2^53; a longer id would round onto another one, so it is unknown.
  const id = Number(match[2]);
  if (!Number.isSafeInteger(id)) return null;
  return { type: match[1], id };
}
