/** A date-range multiplier ("double points weekend"), optionally limited to one product. */
export interface DateRangeMultiplier {
  name?: string;
  /** 200 = double points. */
  multiplierPercent: number;
  productId?: string | null;
  /** Inclusive. */
  startsAt: Date;
  /** Exclusive, so back-to-back ranges never both apply at the boundary instant. */
  endsAt: Date;
}

/** Shopify sends "gid://shopify/Product/123" in GraphQL and 123 in REST payloads; both mean product 123. */
export function sameProductId(a: string, b: string): boolean {
  const tail = (id: string) => id.trim().split('/').pop() ?? id;
  return tail(a) === tail(b);
}

/** The multipliers that apply to a line earned at `at`: running at that instant, for every product or for this one. */
export function applicableMultipliers(
  multipliers: readonly DateRangeMultiplier[],
  productId: string | null | undefined,
  at: Date,
): DateRangeMultiplier[] {
  const time = at.getTime();
  return multipliers.filter(
    (m) =>
      m.startsAt.getTime() <= time &&
      time < m.endsAt.getTime() &&
      (m.productId == null || m.productId === '' || (productId != null && sameProductId(m.productId, productId))),
  );
}
