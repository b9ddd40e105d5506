// Customer account full page "Points": balance, pending points with dates, rewards (redeem after a
// confirmation), gift cards (code revealable by this customer) and the whole history. Data from
// /ext/customer/* with the customer account session token (its `sub` is the customer).
import '@shopify/ui-extensions/preact';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { APP_URL } from '../../shared/app-url';
import { createExtensionClient } from '../../shared/extension-client';
import type { HistoryEntry } from '../../../web/contracts/storefront-api';
import { earnRules, historyLine, pendingLine, redeemConfirmation, redemptionStatus, revealable, rewardAction, tierSummary } from '../../shared/present';
import { BirthdayForm } from './birthday-form';
import { createTranslator, resolveLocale } from '../../shared/translate';
import { useCustomerPoints } from '../../shared/use-customer-points';

export default async () => {
  render(<PointsPage />, document.body);
};

/** The member's tier, its benefits, and "€150 more to Gold" with a progress bar. */
function TierLines({ summary }: { summary: ReturnType<typeof tierSummary> }) {
  return (
    <s-stack gap="small-100">
      {summary.title && <s-text type="strong">{summary.title}</s-text>}
      {summary.lines.map((line) => <s-text>{line}</s-text>)}
      {summary.progress !== null && <s-progress value={summary.progress} accessibilityLabel={summary.lines.at(-1) ?? ''} />}
    </s-stack>
  );
}

function PointsPage() {
  const tr = createTranslator(resolveLocale(shopify.localization.language.value.isoCode));
  const client = createExtensionClient({ appUrl: APP_URL, getToken: () => shopify.sessionToken.get(), fetch: (url, init) => fetch(url, init) });
  const points = useCustomerPoints(client, tr);
  const { summary, notice, confirming, busy } = points;
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<Record<string, string>>({});

  const loadHistory = async (before?: string) => {
    const page = await client.history(before);
    setHistory((current) => (before ? [...current, ...page.items] : page.items));
    setCursor(page.nextCursor);
  };
  useEffect(() => void loadHistory().catch(() => undefined), [summary]);

  const toggle = async (id: string) => {
    const code = revealed[id] ? undefined : await client.revealCode(id).catch(() => undefined);
    setRevealed((current) => {
      const next = { ...current };
      if (code) next[id] = code;
      else delete next[id];
      return next;
    });
  };

  const redeem = () => points.redeem(async (code, answer) => {
    setRevealed((current) => ({ ...current, [answer.redemption.id]: code }));
    return { status: 'success', text: `${tr.t('codeReady')}: ${code}. ${tr.t('codeInstructions')}` };
  });

  const balance = summary?.balance;
  const current = balance?.balance ?? 0;
  const cards = summary?.redemptions.filter((r) => r.type === 'gift_card') ?? [];
  return (
    <s-page heading={tr.t('pageTitle')}>
      <s-stack gap="base">
        {notice && <s-banner tone={notice.status}>{notice.text}</s-banner>}
        {!summary ? <s-text color="subdued">{tr.t('loading')}</s-text> : (
          <>
            <s-section heading={tr.t('balance')}>
              <s-stack gap="small-200">
                <s-heading>{tr.points(current)}</s-heading>
                {balance?.tier && <TierLines summary={tierSummary(balance.tier, tr)} />}
                {balance?.expiring && <s-text>{tr.t('expiringOn', { points: tr.points(balance.expiring.points), date: tr.date(balance.expiring.on) })}</s-text>}
                {balance?.pending.length ? <s-text type="strong">{tr.t('pendingTitle')}</s-text> : null}
                {balance?.pending.map((p) => <s-text color="subdued">{pendingLine(p, tr)}</s-text>)}
              </s-stack>
            </s-section>
            {summary.signedIn && balance && balance.birthday !== undefined && (
              <BirthdayForm tr={tr} birthday={balance.birthday} save={client.saveBirthday} onSaved={() => void points.reload()} />
            )}
            <s-section heading={tr.t('rewardsTitle')}>
              <s-stack gap="base">
                {summary.rewards.length === 0 && <s-text color="subdued">{tr.t('rewardsEmpty')}</s-text>}
                {summary.rewards.map((reward) => {
                  if (confirming?.id === reward.id) {
                    return (
                      <s-stack gap="small-200">
                        <s-text>{redeemConfirmation(reward, current, tr)}</s-text>
                        <s-stack direction="inline" gap="small-200">
                          <s-button variant="primary" onClick={() => void redeem()}>{tr.t('confirmYes')}</s-button>
                          <s-button variant="secondary" onClick={() => points.ask(null)}>{tr.t('cancel')}</s-button>
                        </s-stack>
                      </s-stack>
                    );
                  }
                  const action = rewardAction(reward, current, tr, busy === reward.id);
                  return (
                    <s-grid gridTemplateColumns="1fr auto" gap="base" alignItems="center">
                      <s-stack gap="none">
                        <s-text type="strong">{reward.title}</s-text>
                        <s-text color="subdued">{action.reason ?? tr.t('rewardCost', { points: tr.points(reward.pointsCost) })}</s-text>
                      </s-stack>
                      <s-button disabled={!action.enabled || busy !== null} loading={busy === reward.id}
                        accessibilityLabel={action.accessibleLabel} onClick={() => points.ask(reward)}>{tr.t('redeem')}</s-button>
                    </s-grid>
                  );
                })}
              </s-stack>
            </s-section>
            <s-section heading={tr.t('giftCardsTitle')}>
              <s-stack gap="base">
                {cards.length === 0 && <s-text color="subdued">{tr.t('giftCardsEmpty')}</s-text>}
                {cards.map((card) => {
                  const code = revealed[card.id];
                  return (
                    <s-grid gridTemplateColumns="1fr auto" gap="base" alignItems="center">
                      <s-stack gap="none">
                        <s-text type="strong">{`${tr.money(card.value.amountMinor, card.value.currency)} · ${redemptionStatus(card, tr)}`}</s-text>
                        <s-text color={code ? 'base' : 'subdued'}>{code ?? card.maskedCode ?? ''}</s-text>
                        {card.expiresOn && <s-text color="subdued">{tr.t('expiresOn', { date: tr.date(card.expiresOn) })}</s-text>}
                      </s-stack>
                      {revealable(card) ? <s-button variant="secondary" onClick={() => void toggle(card.id)}>{tr.t(code ? 'hideCode' : 'showCode')}</s-button> : <s-text />}
                    </s-grid>
                  );
                })}
              </s-stack>
            </s-section>
            <s-section heading={tr.t('historyTitle')}>
              <s-stack gap="base">
                {history.length === 0 && <s-text color="subdued">{tr.t('historyEmpty')}</s-text>}
                {history.map((entry) => {
                  const line = historyLine(entry, tr);
                  return (
                    <s-grid gridTemplateColumns="1fr auto" gap="base">
                      <s-stack gap="none">
                        <s-text>{line.title}</s-text>
                        <s-text color="subdued">{line.detail}</s-text>
                      </s-stack>
                      <s-text type="strong">{line.points}</s-text>
                    </s-grid>
                  );
                })}
                {cursor && <s-button variant="secondary" onClick={() => void loadHistory(cursor)}>{tr.t('historyMore')}</s-button>}
              </s-stack>
            </s-section>
            <s-section heading={tr.t('howToEarnTitle')}>
              <s-stack gap="small-200">
                {earnRules(summary.program, tr).map((rule) => <s-text>{rule}</s-text>)}
              </s-stack>
            </s-section>
          </>
        )}
      </s-stack>
    </s-page>
  );
}
