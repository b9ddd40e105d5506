import { validationError } from '../errors/app-error';
import { currencyExponent, normalizeCurrencyCode } from '../money/currency-exponent';
import { formatMinorAsDecimal } from '../money/format-money';
import { applicableMultipliers, type DateRangeMultiplier } from './applicable-multipliers';
import type { ProgramSettings, SpendTier } from './program-settings-schema';
import { formatRatio, roundRatio } from './round-points';
import { pickSpendTier } from './spend-tiers';

/** The programme settings earning needs, plus the shop's currency. */
export type EarningProgram = Pick<ProgramSettings, 'pointsPerCurrencyUnit' | 'rounding' | 'pointsPerVisit' | 'earningMode' | 'spendTiers'> & {
  currency: string;
};

/** The loyalty tab of the line's product/variant; null when the product has none (programme rate, x1). */
export interface LineLoyalty {
  enabled: boolean;
  pointsMode: 'fixed' | 'rate';
  fixedPoints: number;
  multiplierPercent: number;
}

export interface EarningLine {
  lineItemId: string;
  productId: string | null;
  variantId?: string | null;
  quantity: number;
  /** The line's net amount for all units: after discounts, without tax, in minor units of the programme currency. */
  eligibleMinor: number;
  isGiftCard: boolean;
  loyalty: LineLoyalty | null;
  /** For services: the appointment start, which decides the date-range multipliers. */
  appointmentStart?: Date | null;
}

export interface OrderPointsInput {
  program: EarningProgram;
  multipliers: readonly DateRangeMultiplier[];
  /** A group/tier multiplier for this member (100 = none). */
  memberMultiplierPercent?: number;
  /** What the member spent before this order, minor units; picks the spend tier. */
  lifetimeSpendMinor: number;
  orderProcessedAt: Date;
  lines: readonly EarningLine[];
}

export type LineRule = 'gift_card' | 'disabled' | 'fixed' | 'rate' | 'spend_tier';

export interface LinePoints {
  lineItemId: string;
  points: number;
  rule: LineRule;
  /** Every multiplier applied, in percent (product, member, date ranges). */
  multiplierPercents: number[];
  /** The instant the date-range multipliers were checked against. */
  earnedAt: Date;
  /** For staff and support: how the number came about, e.g. "10.99 EUR × 1 point/EUR = 10.99 → 10 (rounded down)". */
  basis: string;
}

export interface OrderPointsResult {
  lines: LinePoints[];
  visitPoints: number;
  totalPoints: number;
  /** The spend tier used (spend_tiers mode only). */
  spendTier: SpendTier | null;
}

function assertInteger(value: number, what: string, min = 0): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw validationError(`${what} must be a whole number of at least ${min}, got ${value}.`);
  }
}

function toSafeNumber(points: bigint, lineItemId: string): number {
  if (points > BigInt(Number.MAX_SAFE_INTEGER)) throw validationError(`Line ${lineItemId} would earn an impossible number of points.`);
  return Number(points);
}

const ROUNDING_WORDS = { down: 'rounded down', nearest: 'rounded to nearest', up: 'rounded up' } as const;

interface Multiplier {
  percent: number;
  label: string;
}

function multipliersFor(line: EarningLine, input: OrderPointsInput, earnedAt: Date): Multiplier[] {
  const list: Multiplier[] = [];
  const productPercent = line.loyalty?.multiplierPercent ?? 100;
  if (productPercent !== 100) list.push({ percent: productPercent, label: 'product' });
  const memberPercent = input.memberMultiplierPercent ?? 100;
  if (memberPercent !== 100) list.push({ percent: memberPercent, label: 'member tier' });
  for (const m of applicableMultipliers(input.multipliers, line.productId, earnedAt)) {
    list.push({ percent: m.multiplierPercent, label: m.name ?? 'promotion' });
  }
  for (const m of list) assertInteger(m.percent, `Multiplier "${m.label}"`);
  return list;
}

/**
 * The exact points of a line as a fraction base × Π(percent) / (baseDenominator × 100^n), rounded
 * once. Rounding once, after all multipliers, keeps "double points" exactly double the unrounded
 * amount (10.99 at x2 is 21, not 2 × 10 = 20) and never lets rounding compound across steps.
 */
function roundWithMultipliers(
  base: bigint,
  baseDenominator: bigint,
  multipliers: readonly Multiplier[],
  input: OrderPointsInput,
  line: EarningLine,
  describeBase: string,
): { points: number; basis: string } {
  let numerator = base;
  let denominator = baseDenominator;
  for (const m of multipliers) {
    numerator *= BigInt(m.percent);
    denominator *= 100n;
  }
  const rounding = input.program.rounding;
  const points = toSafeNumber(roundRatio(numerator, denominator, rounding), line.lineItemId);
  const multiplierText = multipliers.map((m) => ` × ${m.percent}% (${m.label})`).join('');
  const exact = formatRatio(numerator, denominator);
  const roundingText = exact === String(points) ? '' : ` → ${points} (${ROUNDING_WORDS[rounding]})`;
  return { points, basis: `${describeBase}${multiplierText} = ${exact}${roundingText}` };
}

function linePoints(line: EarningLine, input: OrderPointsInput, tier: SpendTier | null): LinePoints {
  const earnedAt = line.appointmentStart ?? input.orderProcessedAt;
  const result = (rule: LineRule, points: number, basis: string, multiplierPercents: number[] = []): LinePoints => ({
    lineItemId: line.lineItemId,
    points,
    rule,
    multiplierPercents,
    earnedAt,
    basis,
  });
  if (line.isGiftCard) return result('gift_card', 0, 'gift cards do not earn points');
  if (line.loyalty && !line.loyalty.enabled) return result('disabled', 0, 'loyalty is switched off for this product');

  const multipliers = multipliersFor(line, input, earnedAt);
  const percents = multipliers.map((m) => m.percent);
  const { currency } = input.program;
  if (line.loyalty?.pointsMode === 'fixed') {
    assertInteger(line.loyalty.fixedPoints, 'fixedPoints');
    const base = BigInt(line.loyalty.fixedPoints) * BigInt(line.quantity);
    const { points, basis } = roundWithMultipliers(base, 1n, multipliers, input, line, `${line.quantity} × ${line.loyalty.fixedPoints} fixed points`);
    return result('fixed', points, basis, percents);
  }

  const amount = `${formatMinorAsDecimal(line.eligibleMinor, currency)} ${currency}`;
  const minorPerMajor = 10n ** BigInt(currencyExponent(currency));
  if (tier) {
    // Points = the tier's percentage of the amount, 1 point per whole currency unit of that value.
    const { points, basis } = roundWithMultipliers(
      BigInt(line.eligibleMinor) * BigInt(tier.basisPoints),
      minorPerMajor * 10_000n,
      multipliers,
      input,
      line,
      `${amount} × ${formatRatio(BigInt(tier.basisPoints), 100n)}% (spend tier from ${formatMinorAsDecimal(tier.fromMinor, currency)} ${currency})`,
    );
    return result('spend_tier', points, basis, percents);
  }
  const rate = input.program.pointsPerCurrencyUnit;
  const { points, basis } = roundWithMultipliers(
    BigInt(line.eligibleMinor) * BigInt(rate),
    minorPerMajor,
    multipliers,
    input,
    line,
    `${amount} × ${rate} point${rate === 1 ? '' : 's'}/${currency}`,
  );
  return result('rate', points, basis, percents);
}

/**
 * The points an order earns, per line plus a once-per-order visit bonus. Pure and integer-only.
 *
 * - The amount that counts is each line's eligibleMinor: the line's price after discounts, without
 *   tax; shipping, tips and gift-card lines are not lines here or earn nothing.
 * - Gift-card lines never earn (points on a gift card and again on what it buys would pay twice);
 *   lines whose loyalty tab is switched off earn 0.
 * - fixed: fixedPoints × quantity. rate: pointsPerCurrencyUnit per currency unit of the amount.
 *   spend_tiers: the tier's percentage of the amount as points, the tier picked by lifetime spend
 *   before this order, so the whole order earns at one rate and the customer can see it in advance.
 * - Multipliers (product, member tier, every date range running at the line's time) multiply
 *   together and the result is rounded once with the programme's rounding mode. A service line's
 *   time is its appointment start (the visit is what a "double points weekend" rewards); other
 *   lines use the order's processed time.
 * - The visit bonus is added once when at least one line can earn (not a gift card, not switched
 *   off, quantity above 0), even if that line's points round to 0; it is not multiplied.
 */
export function calculateOrderPoints(input: OrderPointsInput): OrderPointsResult {
  const { program } = input;
  const currency = normalizeCurrencyCode(program.currency);
  assertInteger(program.pointsPerCurrencyUnit, 'pointsPerCurrencyUnit');
  assertInteger(program.pointsPerVisit, 'pointsPerVisit');
  assertInteger(input.lifetimeSpendMinor, 'lifetimeSpendMinor');
  for (const line of input.lines) {
    assertInteger(line.quantity, `quantity of line ${line.lineItemId}`);
    assertInteger(line.eligibleMinor, `eligibleMinor of line ${line.lineItemId}`);
  }
  const normalized: OrderPointsInput = { ...input, program: { ...program, currency } };
  const tier = program.earningMode === 'spend_tiers' ? pickSpendTier(program.spendTiers, input.lifetimeSpendMinor, currency) : null;
  const lines = input.lines.map((line) => linePoints(line, normalized, tier));
  const hasEarningLine = input.lines.some((line, index) => line.quantity > 0 && lines[index]?.rule !== 'gift_card' && lines[index]?.rule !== 'disabled');
  const visitPoints = hasEarningLine ? program.pointsPerVisit : 0;
  const totalPoints = lines.reduce((sum, line) => sum + line.points, visitPoints);
  return { lines, visitPoints, totalPoints, spendTier: tier };
}
