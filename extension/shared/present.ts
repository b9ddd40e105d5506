// Pure view logic shared by the storefront widget and the UI extensions: what a reward button says
// and whether it is enabled, how to describe the programme's rules, labels for history entries.
import type { MessageKey } from './messages';
import { currencyDigits, type Translator } from './format';
import type { HistoryEntry, OrderPointsView, PendingPoints, PublicProgram, RedemptionView, RewardView, TierBenefit, TierView } from '../../web/contracts/storefront-api';

export interface RewardAction {
  enabled: boolean;
  /** Why the button is disabled, for the line under it; null when enabled */
  reason: string | null;
  label: string;
  accessibleLabel: string;
}

export function rewardAction(reward: RewardView, balance: number, tr: Translator, busy = false): RewardAction {
  // The server decides (canAfford); the balance check keeps the button right after a redemption in this page.
  const reason = !reward.inStock ? tr.t('outOfStock')
    : !reward.canAfford || balance < reward.pointsCost ? tr.t('needMore', { points: tr.points(Math.max(0, reward.pointsCost - balance)) })
    : null;
  return {
    enabled: !reason && !busy,
    reason,
    label: tr.t(busy && !reason ? 'redeeming' : 'redeem'),
    accessibleLabel: tr.t('redeemLabel', { reward: reward.title, points: tr.points(reward.pointsCost) }),
  };
}

export function pendingLine(pending: PendingPoints, tr: Translator): string {
  const points = tr.points(pending.points);
  return pending.availableAt ? tr.t('pendingOn', { points, date: tr.date(pending.availableAt) }) : tr.t('pendingUndated', { points });
}

export function earnRules(program: PublicProgram, tr: Translator): string[] {
  const lines: string[] = [];
  if (program.earningMode === 'rate' && program.pointsPerCurrencyUnit > 0) {
    lines.push(tr.t('earnPerAmount', { points: tr.points(program.pointsPerCurrencyUnit), amount: tr.money(10 ** currencyDigits(program.currency), program.currency) }));
  }
  if (program.pointsPerVisit > 0) lines.push(tr.t('earnPerVisit', { points: tr.points(program.pointsPerVisit) }));
  for (const service of program.services) lines.push(tr.t('earnService', { title: service.title, points: tr.points(service.points) }));
  lines.push(program.creditDelayMinutes > 0 ? tr.t('creditDelay', { delay: tr.duration(program.creditDelayMinutes) }) : tr.t('creditImmediate'));
  return lines;
}

const entryKeys: Record<string, MessageKey> = {
  earn: 'entryEarn',
  redeem: 'entryRedeem',
  adjust: 'entryAdjust',
  expire: 'entryExpire',
  reversal: 'entryReversal',
};

export function historyLine(entry: HistoryEntry, tr: Translator): { title: string; detail: string; points: string; pending: boolean } {
  const sign = entry.points > 0 ? '+' : entry.points < 0 ? '−' : '';
  const pending = entry.status === 'pending';
  return {
    title: entry.description || tr.t(entryKeys[entry.type] ?? 'entryAdjust'),
    detail: tr.date(entry.createdAt) + (pending ? ` · ${tr.t('entryPending')}` : ''),
    points: `${sign}${tr.number(Math.abs(entry.points))}`,
    pending,
  };
}

const statusKeys: Record<RedemptionView['status'], MessageKey> = {
  requested: 'statusIssuing',
  issuing: 'statusIssuing',
  issued: 'statusIssued',
  failed: 'statusFailed',
  reversed: 'statusReversed',
};

export function redemptionStatus(redemption: RedemptionView, tr: Translator): string {
  return tr.t(statusKeys[redemption.status] ?? 'statusIssuing');
}

/** Gift cards the customer may reveal: issued gift-card redemptions. */
export function revealable(redemption: RedemptionView): boolean {
  return redemption.status === 'issued' && redemption.type === 'gift_card';
}

export function orderPointsLines(view: OrderPointsView, tr: Translator): string[] {
  if (view.points <= 0 || view.status === 'none') return [tr.t('orderNoPoints')];
  const lines = [tr.t('orderEarns', { points: tr.points(view.points) })];
  if (view.status === 'posted' && view.postedAt) lines.push(tr.t('orderCreditedOn', { date: tr.date(view.postedAt) }));
  else if (view.availableAt) lines.push(tr.t('orderCreditOn', { date: tr.date(view.availableAt) }));
  else lines.push(tr.t('orderCreditUndated'));
  return lines;
}

/** A key that makes retrying the same click safe and two clicks distinct (storefronts are HTTPS, and
 * Shopify's extension sandboxes are secure contexts: randomUUID is always there). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

export interface Notice {
  status: 'success' | 'warning' | 'critical';
  text: string;
}

/** A redemption that did not return a code (yet): still being issued, or failed and refunded. */
export function unsettledRedemptionNotice(redemption: RedemptionView, tr: Translator): Notice {
  return { status: 'warning', text: redemption.status === 'reversed' || redemption.status === 'failed' ? tr.t('failed') : tr.t('issuing') };
}

/** A redeem request that was refused or could not be sent. */
export function redeemErrorNotice(error: unknown, tr: Translator): Notice {
  const code = (error as { code?: unknown } | null)?.code;
  return { status: 'critical', text: code === 'INSUFFICIENT_POINTS' ? tr.t('insufficient') : tr.t('error') };
}

/** What the customer confirms before points are spent: "Spend 250 points on a €25 gift card? 82 left". */
export function redeemConfirmation(reward: RewardView, balance: number, tr: Translator): string {
  return tr.t(reward.type === 'gift_card' ? 'confirmGiftCard' : 'confirmReward', {
    points: tr.points(reward.pointsCost),
    value: tr.money(reward.value.amountMinor, reward.value.currency),
    reward: reward.title,
    left: tr.number(Math.max(0, balance - reward.pointsCost)),
  });
}

/** One benefit of a tier in the customer's words. */
export function benefitLine(benefit: TierBenefit, tr: Translator): string {
  if (benefit.kind === 'discount') return tr.t('benefitDiscount', { percent: benefit.percent });
  if (benefit.kind === 'multiplier') return tr.t('benefitMultiplier', { factor: benefit.percent / 100 });
  return tr.t('benefitRate', { percent: benefit.basisPoints / 100 });
}

/**
 * The member's tier: its name line, its benefits, and the way to the next tier ("€150 more to Gold",
 * computed by the server) with how far along they are (0..1) for a progress bar.
 */
export function tierSummary(tier: TierView, tr: Translator): { title: string | null; lines: string[]; progress: number | null } {
  const lines = tier.benefits.map((benefit) => benefitLine(benefit, tr));
  const next = tier.next;
  // remaining 0: qualified already, the move happens at the next evaluation; nothing to count down.
  if (next && next.remaining > 0) {
    const amount = tier.metric === 'spend' ? tr.money(next.remaining, tier.currency) : tr.points(next.remaining);
    lines.push(tr.t('tierProgress', { amount, name: next.name }));
  } else if (tier.name && !next) lines.push(tr.t('tierTop'));
  return {
    title: tier.name && tr.t('tier', { name: tier.name }),
    lines,
    progress: next && next.threshold > 0 ? Math.min(1, tier.reached / next.threshold) : null,
  };
}
