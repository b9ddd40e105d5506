// Checkout UI extension (Shopify Plus checkouts), below the discount / gift card field: the buyer's
// points and rewards; redeeming creates a gift card through our API and applies it to this checkout
// with applyGiftCardChange. Network calls carry the checkout session token (verified by our server).
import { extension, Banner, BlockStack, Button, Heading, InlineLayout, Text } from '@shopify/ui-extensions/checkout';
import { APP_URL } from '../../shared/app-url';
import { createExtensionClient, redeemUntilSettled, type Summary } from '../../shared/extension-client';
import { newIdempotencyKey, redeemErrorNotice, rewardAction, unsettledRedemptionNotice } from '../../shared/present';
import { createTranslator, resolveLocale } from '../../shared/translate';

export default extension('purchase.checkout.reductions.render-after', (root, api) => {
  const tr = createTranslator(resolveLocale(api.localization.language.current.isoCode));
  const client = createExtensionClient({ appUrl: APP_URL, getToken: () => api.sessionToken.get(), fetch: (url, init) => fetch(url, init) });
  let summary: Summary | null = null;
  let busy: string | null = null;
  let notice: { status: 'success' | 'warning' | 'critical'; text: string } | null = null;

  const render = () => {
    const children = [];
    if (notice) children.push(root.createComponent(Banner, { status: notice.status }, notice.text));
    if (!summary) {
      children.push(root.createComponent(Text, { appearance: 'subdued' }, tr.t('loading')));
    } else if (!summary.signedIn) {
      children.push(root.createComponent(Text, {}, tr.t('checkoutSignIn')));
    } else {
      const balance = summary.balance?.balance ?? 0;
      children.push(root.createComponent(Heading, { level: 3 }, `${tr.t('balance')}: ${tr.points(balance)}`));
      for (const reward of summary.rewards) {
        const action = rewardAction(reward, balance, tr, busy === reward.id);
        children.push(root.createComponent(InlineLayout, { columns: ['fill', 'auto'], spacing: 'base', blockAlignment: 'center' }, [
          root.createComponent(BlockStack, { spacing: 'none' }, [
            root.createComponent(Text, { emphasis: 'bold' }, reward.title),
            root.createComponent(Text, { appearance: 'subdued', size: 'small' }, action.reason ?? tr.t('rewardCost', { points: tr.points(reward.pointsCost) })),
          ]),
          root.createComponent(Button, {
            kind: 'secondary',
            disabled: !action.enabled || busy !== null,
            loading: busy === reward.id,
            accessibilityLabel: action.accessibleLabel,
            onPress: () => void redeem(reward.id),
          }, tr.t('redeem')),
        ]));
      }
    }
    void root.replaceChildren(root.createComponent(BlockStack, { spacing: 'base' }, children));
  };

  const load = async () => {
    try {
      summary = await client.summary();
    } catch {
      notice = { status: 'critical', text: tr.t('error') };
    }
    render();
  };

  const redeem = async (rewardId: string) => {
    busy = rewardId;
    notice = null;
    render();
    try {
      const answer = await redeemUntilSettled(client, rewardId, newIdempotencyKey());
      if (answer.code) {
        const result = await api.applyGiftCardChange({ type: 'addGiftCard', code: answer.code });
        notice = result.type === 'success'
          ? { status: 'success', text: tr.t('checkoutApplied') }
          : { status: 'warning', text: tr.t('checkoutApplyFailed', { code: answer.code }) };
      } else {
        notice = unsettledRedemptionNotice(answer.redemption, tr);
      }
    } catch (error) {
      notice = redeemErrorNotice(error, tr);
    }
    busy = null;
    await load();
  };

  render();
  void load();
});
