// Money columns are 64-bit (BIGINT) so that no currency overflows them; the domain counts minor units in
// JS numbers, which are exact up to 2^53 - 1 (90 trillion in a two-decimal currency, and every amount
// parseMoneyToMinor accepts). Prisma reads a BigInt column as bigint, the pg raw client reads int8 as
// number, SQLite's raw path as either: every read of a money column goes through minorUnitsFromColumn.
// Writes need nothing: Prisma and both drivers accept a number for a BIGINT column.

/** A money column's value as the domain's number of minor units; refuses (never rounds) beyond 2^53. */
export function minorUnitsFromColumn(value: bigint | number | string): number {
  const minor = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(minor) || (typeof value !== 'number' && BigInt(minor) !== BigInt(value))) {
    throw new RangeError(`money column value ${String(value)} is not a whole number of minor units below 2^53`);
  }
  return minor;
}
