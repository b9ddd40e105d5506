// The loyalty widget: one per [data-loyalty-widget] element, either the floating launcher (app
// embed) or the Rewards page section (app block). Its state is the closure's variables; every change
// re-renders the body from them, which is small enough to be instant and keeps the code simple.
// History shows the latest entries; the customer account's Points page has all of them.
// (A closure rather than a class: the minifier can shorten local names, not property names, and the
// script must stay within Shopify's 10,000-byte limit for app block JavaScript.)
import type { BalanceView, HistoryEntry, ProgramView, RedemptionView, RewardView } from '../../../web/contracts/storefront-api';
import type { Translator } from '../../shared/format';
import { earnRules, historyLine, newIdempotencyKey, pendingLine, redeemConfirmation, redemptionStatus, revealable, rewardAction } from '../../shared/present';
import { h, type Child } from './dom';
import { applyGiftCardToCart, redeemAndWait, ProxyError, type FetchLike, type ProxyClient } from './proxy-client';

export interface WidgetConfig {
  signedIn: boolean;
  loginUrl: string;
  registerUrl: string;
  storefrontToken: string;
  /** URL of assets/loyalty-widget-member.js (tier and birthday), loaded when the member needs it */
  memberScript?: string;
  proxy: string;
}

export interface Widget {
  /** Loads once (again after a failure); the launcher calls it when first opened. */
  load(): Promise<void>;
}

export function createWidget(body: HTMLElement, client: ProxyClient, tr: Translator, config: WidgetConfig, fetchImpl: FetchLike): Widget {
  const { signedIn } = config;
  const { t } = tr;
  const plain = 'slw-button slw-button--plain';
  let loaded = false;
  let loading = true;
  let error = '';
  let status = '';
  let program: ProgramView | null = null;
  let balance: BalanceView | null = null;
  let rewards: RewardView[] = [];
  let redemptions: RedemptionView[] = [];
  let history: HistoryEntry[] = [];
  /** The reward whose "spend N points?" question is open */
  let confirming: string | null = null;
  let busy: string | null = null;
  /** The card just redeemed in this page */
  let fresh: { code: string; inCart: boolean } | null = null;
  const revealed: Record<string, string> = {};

  let panel: ((b: BalanceView) => Child[]) | null = null;
  const focus = (selector: string) => body.querySelector<HTMLElement>(selector)?.focus();

  const refresh = async () => {
    const [b, r, d, p] = await Promise.all([client.balance(), client.rewards(), client.redemptions(), client.history()]);
    [balance, rewards, redemptions, history] = [b, r.rewards, d.items, p.items];
    if (!panel && config.memberScript && (b.tier || b.birthday === null || b.expiring)) {
      import(config.memberScript).then((m) => void (panel = m.memberPanel(tr, config.proxy, () => void refresh().catch(render)), render()), () => 0);
    }
    render();
  };

  const load = async () => {
    if (loaded) return;
    loaded = loading = true;
    render();
    try {
      // Guests see the programme and the rewards too: what they would get by joining.
      const results = await Promise.allSettled([client.program().then((p) => void (program = p)), signedIn ? refresh() : client.rewards().then((r) => void (rewards = r.rewards))]);
      for (const result of results) if (result.status === 'rejected') throw result.reason;
      error = '';
    } catch (failure) {
      loaded = false;
      // A signed-in customer without a loyalty account yet still sees how to earn.
      error = failure instanceof ProxyError && failure.status === 404 && program ? '' : t('error');
    }
    loading = false;
    render();
  };

  /** Opens (reward) or closes (null) the question before spending points, moving the focus along. */
  const ask = (reward: RewardView | null) => {
    const asked = confirming;
    confirming = reward?.id ?? null;
    status = '';
    render();
    focus(reward ? '[data-slw-confirm]' : `[data-slw-redeem="${asked}"]`);
  };

  const redeem = async (reward: RewardView) => {
    if (busy) return;
    [confirming, busy, fresh, status] = [null, reward.id, null, t('redeeming')];
    render();
    status = '';
    try {
      const answer = await redeemAndWait(client, reward.id, newIdempotencyKey());
      if (answer.code) fresh = { code: answer.code, inCart: await applyGiftCardToCart(answer.code, { storefrontToken: config.storefrontToken, fetch: fetchImpl }) };
      else status = t(/failed|reversed/.test(answer.redemption.status) ? 'failed' : 'issuing');
    } catch (failure) {
      status = t(failure instanceof ProxyError && failure.code === 'INSUFFICIENT_POINTS' ? 'insufficient' : 'error');
    }
    // The card's own box says "ready" and takes the focus; the status line speaks only otherwise.
    busy = null;
    await refresh().catch(render);
    focus('[data-slw-fresh]');
  };

  const toggleCode = async (redemption: RedemptionView) => {
    if (revealed[redemption.id]) delete revealed[redemption.id];
    else {
      try {
        revealed[redemption.id] = await client.revealCode(redemption.id);
      } catch {
        status = t('error');
      }
    }
    render();
  };

  const button = (label: string, onclick: () => void, attrs: Record<string, string | boolean> = {}) =>
    h('button', { type: 'button', class: 'slw-button', onclick, ...attrs }, label);
  const link = (label: string, onclick: () => void, attrs: Record<string, string> = {}) => button(label, onclick, { class: 'slw-link', ...attrs });
  const muted = (text: string | null, tag = 'span') => text && h(tag, 'slw-muted', text);

  // Storefronts are served over HTTPS, where the Clipboard API is available; the code stays selectable anyway.
  const codeBox = (code: string) => h('div', 'slw-code', h('code', { 'data-slw-code': code }, code),
    link(t('copy'), () => void navigator.clipboard.writeText(code).then(() => {
      status = t('copied');
      render();
    })));

  const rewardItem = (reward: RewardView) => {
    const points = balance?.balance ?? 0;
    const action = rewardAction(reward, points, tr, busy === reward.id);
    // Title, cost and why it cannot be redeemed yet on the left; the button on the right.
    const about = h('div', {}, h('strong', {}, reward.title), muted(t('rewardCost', { points: tr.points(reward.pointsCost) })), signedIn && muted(action.reason));
    if (!signedIn) return h('li', {}, about);
    if (confirming === reward.id) {
      return h('li', 'slw-confirm',
        h('p', { id: 'slw-q' }, redeemConfirmation(reward, points, tr)),
        h('div', 'slw-row',
          button(t('confirmYes'), () => void redeem(reward), { 'data-slw-confirm': true, 'aria-describedby': 'slw-q' }),
          button(t('cancel'), () => ask(null), { class: plain })));
    }
    return h('li', {}, about,
      button(action.label, () => ask(reward), { disabled: !action.enabled || busy !== null, 'aria-label': action.accessibleLabel, 'data-slw-redeem': reward.id }));
  };

  const section = (title: string, ...content: Child[]) => h('section', 'slw-section', h('h3', {}, title), ...content);
  const list = (items: Node[], empty: string, className = '') => items.length ? h('ul', `slw-list ${className}`, items) : muted(empty, 'p');

  const giftCard = (card: RedemptionView) => {
    const code = revealed[card.id];
    return h('li', {},
      h('div', {}, h('strong', {}, tr.money(card.value.amountMinor, card.value.currency)),
        muted(redemptionStatus(card, tr) + (card.expiresOn ? ` · ${t('expiresOn', { date: tr.date(card.expiresOn) })}` : ''))),
      code ? codeBox(code) : card.maskedCode && h('code', {}, card.maskedCode),
      revealable(card) && link(t(code ? 'hideCode' : 'showCode'), () => void toggleCode(card), { 'aria-expanded': String(!!code) }));
  };

  const render = () => {
    const cards = redemptions.filter((r) => r.type === 'gift_card');
    body.replaceChildren(...[
      h('p', { class: 'slw-status', role: 'status' }, status),
      loading && muted(t('loading'), 'p'),
      error && h('p', { class: 'slw-error', role: 'alert' }, error),
      !signedIn && h('div', 'slw-guest', h('p', {}, t('guestIntro')), h('div', 'slw-row',
        h('a', { class: 'slw-button', href: config.registerUrl }, t('join')),
        h('a', { class: plain, href: config.loginUrl }, t('signIn')))),
      balance && h('div', 'slw-balance',
        h('span', {}, t('balance')),
        h('strong', { 'data-slw-balance': balance.balance }, tr.points(balance.balance))),
      ...(panel && balance ? panel(balance) : []),
      balance?.pending.length && section(t('pendingTitle'), list(balance.pending.map((p) => h('li', {}, pendingLine(p, tr))), '')),
      fresh && h('div', { class: 'slw-fresh', tabindex: '-1', 'data-slw-fresh': true },
        h('strong', {}, t('codeReady')),
        codeBox(fresh.code),
        muted(t(fresh.inCart ? 'addedToCart' : 'codeInstructions'), 'p')),
      (balance || !signedIn) && !loading && section(t('rewardsTitle'),
        list(rewards.map(rewardItem), t('rewardsEmpty'), 'slw-rewards'),
        !signedIn && rewards.length > 0 && muted(t('guestRedeem'), 'p')),
      balance && cards.length > 0 && section(t('giftCardsTitle'), list(cards.map(giftCard), '')),
      balance && section(t('historyTitle'), list(history.map((entry) => {
        const line = historyLine(entry, tr);
        return h('li', {}, h('span', {}, line.title, h('small', {}, line.detail)), h('strong', {}, line.points));
      }), t('historyEmpty'), 'slw-history')),
      program && h('details', { class: 'slw-section slw-earn', open: !signedIn },
        h('summary', {}, t('howToEarnTitle')),
        h('ul', 'slw-list', earnRules(program, tr).map((line) => h('li', {}, line)))),
    ].filter((part): part is HTMLElement => !!part));
  };

  return { load };
}
