// Customer account full page "Points": balance, pending points with dates, rewards (redeem), gift
// cards (code revealable by this customer) and the history. Data from /ext/customer/* with the
// customer account session token (its `sub` is the customer).
import { extension, Banner, BlockStack, Button, Card, Heading, InlineLayout, Page, Text } from '@shopify/ui-extensions/customer-account';
import { APP_URL } from '../../shared/app-url';
import { createExtensionClient, redeemUntilSettled, type Summary } from '../../shared/extension-client';
import type { HistoryEntry } from '../../shared/loyalty-types';
import { earnRules, historyLine, newIdempotencyKey, pendingLine, redeemErrorNotice, redemptionStatus, revealable, rewardAction, unsettledRedemptionNotice } from '../../shared/present';
import { createTranslator, resolveLocale } from '../../shared/translate';

export default extension('customer-account.page.render', (root, api) => {
  const tr = createTranslator(resolveLocale(api.localization.language.current.isoCode));
  const client = createExtensionClient({ appUrl: APP_URL, getToken: () => api.sessionToken.get(), fetch: (url, init) => fetch(url, init) });
  let summary: Summary | null = null;
  let history: HistoryEntry[] = [];
  let busy: string | null = null;
  let notice: { status: 'success' | 'warning' | 'critical'; text: string } | null = null;
  const revealed: Record<string, string> = {};

  const text = (content: string, props: Record<string, unknown> = {}) => root.createComponent(Text, props, content);
  // Any child component: the Card's body mixes Text, InlineLayout and BlockStack.
  const card = (title: string, children: Array<Parameters<typeof root.appendChild>[0]>) =>
    root.createComponent(Card, { padding: true }, [root.createComponent(BlockStack, { spacing: 'base' }, [root.createComponent(Heading, { level: 2 }, title), ...children])]);

  const render = () => {
    const blocks = [];
    if (notice) blocks.push(root.createComponent(Banner, { status: notice.status }, notice.text));
    if (!summary) {
      blocks.push(text(tr.t('loading'), { appearance: 'subdued' }));
    } else {
      const balance = summary.balance;
      blocks.push(card(tr.t('balance'), [
        text(tr.points(balance?.balance ?? 0), { size: 'extraLarge', emphasis: 'bold' }),
        ...(balance?.tier ? [text(tr.t('tier', { name: balance.tier.name }))] : []),
        ...(balance?.pending.length ? [text(tr.t('pendingTitle'), { emphasis: 'bold' }), ...balance.pending.map((p) => text(pendingLine(p, tr), { appearance: 'subdued' }))] : []),
      ]));
      const current = balance?.balance ?? 0;
      blocks.push(card(tr.t('rewardsTitle'), summary.rewards.length ? summary.rewards.map((reward) => {
        const action = rewardAction(reward, current, tr, busy === reward.id);
        return root.createComponent(InlineLayout, { columns: ['fill', 'auto'], spacing: 'base', blockAlignment: 'center' }, [
          root.createComponent(BlockStack, { spacing: 'none' }, [text(reward.title, { emphasis: 'bold' }), text(action.reason ?? tr.t('rewardCost', { points: tr.points(reward.pointsCost) }), { appearance: 'subdued' })]),
          root.createComponent(Button, { disabled: !action.enabled || busy !== null, loading: busy === reward.id, accessibilityLabel: action.accessibleLabel, onPress: () => void redeem(reward.id) }, tr.t('redeem')),
        ]);
      }) : [text(tr.t('rewardsEmpty'), { appearance: 'subdued' })]));
      const cards = summary.redemptions.filter((r) => r.type === 'gift_card');
      blocks.push(card(tr.t('giftCardsTitle'), cards.length ? cards.map((giftCard) => {
        const code = revealed[giftCard.id];
        return root.createComponent(InlineLayout, { columns: ['fill', 'auto'], spacing: 'base', blockAlignment: 'center' }, [
          root.createComponent(BlockStack, { spacing: 'none' }, [
            text(`${tr.money(giftCard.value.amountMinor, giftCard.value.currency)} · ${redemptionStatus(giftCard, tr)}`, { emphasis: 'bold' }),
            text(code ?? giftCard.maskedCode ?? '', { appearance: code ? 'accent' : 'subdued' }),
            ...(giftCard.expiresOn ? [text(tr.t('expiresOn', { date: tr.date(giftCard.expiresOn) }), { appearance: 'subdued', size: 'small' })] : []),
          ]),
          revealable(giftCard)
            ? root.createComponent(Button, { kind: 'plain', onPress: () => void toggle(giftCard.id) }, code ? tr.t('hideCode') : tr.t('showCode'))
            : text(''),
        ]);
      }) : [text(tr.t('giftCardsEmpty'), { appearance: 'subdued' })]));
      blocks.push(card(tr.t('historyTitle'), history.length ? history.map((entry) => {
        const line = historyLine(entry, tr);
        return root.createComponent(InlineLayout, { columns: ['fill', 'auto'], spacing: 'base' }, [
          root.createComponent(BlockStack, { spacing: 'none' }, [text(line.title), text(line.detail, { appearance: 'subdued', size: 'small' })]),
          text(line.points, { emphasis: 'bold' }),
        ]);
      }) : [text(tr.t('historyEmpty'), { appearance: 'subdued' })]));
      blocks.push(card(tr.t('howToEarnTitle'), earnRules(summary.program, tr).map((rule) => text(rule))));
    }
    void root.replaceChildren(root.createComponent(Page, { title: tr.t('pageTitle') }, [root.createComponent(BlockStack, { spacing: 'loose' }, blocks)]));
  };

  const load = async () => {
    try {
      [summary, { items: history }] = await Promise.all([client.summary(), client.history()]);
    } catch {
      notice = { status: 'critical', text: tr.t('error') };
    }
    render();
  };

  const toggle = async (id: string) => {
    if (revealed[id]) delete revealed[id];
    else revealed[id] = await client.revealCode(id).catch(() => '');
    render();
  };

  const redeem = async (rewardId: string) => {
    busy = rewardId;
    notice = null;
    render();
    try {
      const answer = await redeemUntilSettled(client, rewardId, newIdempotencyKey());
      if (answer.code) {
        revealed[answer.redemption.id] = answer.code;
        notice = { status: 'success', text: `${tr.t('codeReady')}: ${answer.code}. ${tr.t('codeInstructions')}` };
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
