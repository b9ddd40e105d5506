// Checkout UI extension (Shopify Plus checkouts), below the discount / gift card field: the buyer's
// points and rewards; after the buyer confirms, redeeming creates a gift card through our API and
// applies it to this checkout with applyGiftCardChange. Network calls carry the checkout session
// token (verified by our server).
import '@shopify/ui-extensions/preact';
import { render } from 'preact';
import { APP_URL } from '../../shared/app-url';
import { createExtensionClient } from '../../shared/extension-client';
import { redeemConfirmation, rewardAction, tierSummary } from '../../shared/present';
import { createTranslator, resolveLocale } from '../../shared/translate';
import { useCustomerPoints } from '../../shared/use-customer-points';

export default async () => {
  render(<CheckoutPoints />, document.body);
};

const tr = () => createTranslator(resolveLocale(shopify.localization.language.value.isoCode));

function CheckoutPoints() {
  const t = tr();
  const client = createExtensionClient({ appUrl: APP_URL, getToken: () => shopify.sessionToken.get(), fetch: (url, init) => fetch(url, init) });
  const points = useCustomerPoints(client, t);
  const { summary, notice, confirming, busy } = points;
  const balance = summary?.balance?.balance ?? 0;

  const redeem = () => points.redeem(async (code) => {
    const result = await shopify.applyGiftCardChange({ type: 'addGiftCard', code });
    return result.type === 'success'
      ? { status: 'success', text: t.t('checkoutApplied') }
      : { status: 'warning', text: t.t('checkoutApplyFailed', { code }) };
  });

  return (
    <s-stack gap="base">
      {notice && <s-banner tone={notice.status}>{notice.text}</s-banner>}
      {!summary ? <s-text color="subdued">{t.t('loading')}</s-text>
        : !summary.signedIn ? <s-text>{t.t('checkoutSignIn')}</s-text>
        : (
          <>
            <s-heading>{`${t.t('balance')}: ${t.points(balance)}`}</s-heading>
            {summary.balance?.tier && (() => {
              const tier = tierSummary(summary.balance.tier, t);
              return (
                <s-stack gap="small-100">
                  {tier.title && <s-text type="strong">{tier.title}</s-text>}
                  {tier.lines.map((line) => <s-text color="subdued">{line}</s-text>)}
                </s-stack>
              );
            })()}
            {summary.rewards.map((reward) => {
              if (confirming?.id === reward.id) {
                return (
                  <s-stack gap="small-200">
                    <s-text>{redeemConfirmation(reward, balance, t)}</s-text>
                    <s-stack direction="inline" gap="small-200">
                      <s-button variant="primary" onClick={() => void redeem()}>{t.t('confirmYes')}</s-button>
                      <s-button variant="secondary" onClick={() => points.ask(null)}>{t.t('cancel')}</s-button>
                    </s-stack>
                  </s-stack>
                );
              }
              const action = rewardAction(reward, balance, t, busy === reward.id);
              return (
                <s-grid gridTemplateColumns="1fr auto" gap="base" alignItems="center">
                  <s-stack gap="none">
                    <s-text type="strong">{reward.title}</s-text>
                    <s-text color="subdued">{action.reason ?? t.t('rewardCost', { points: t.points(reward.pointsCost) })}</s-text>
                  </s-stack>
                  <s-button variant="secondary" disabled={!action.enabled || busy !== null} loading={busy === reward.id}
                    accessibilityLabel={action.accessibleLabel} onClick={() => points.ask(reward)}>{t.t('redeem')}</s-button>
                </s-grid>
              );
            })}
          </>
        )}
    </s-stack>
  );
}
