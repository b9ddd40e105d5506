// The loyalty widget: one instance per [data-loyalty-widget] element, either the floating launcher
// (app embed) or the Rewards page section (app block). State lives here; every change re-renders
// the body from it, which is small enough to be instant and keeps the code simple.
import type { BalanceView, HistoryEntry, ProgramView, RedeemAnswer, RedemptionView, RewardView } from '../../shared/loyalty-types';
import { earnRules, historyLine, newIdempotencyKey, pendingLine, redemptionStatus, revealable, rewardAction } from '../../shared/present';
import type { Translator } from '../../shared/translate';
import { copyText, h, trapFocus } from './dom';
import { applyGiftCardToCart, redeemAndWait, ProxyError, type FetchLike, type ProxyClient } from './proxy-client';

export interface WidgetConfig {
  signedIn: boolean;
  loginUrl: string;
  storefrontToken: string;
}

interface State {
  loading: boolean;
  error: string | null;
  program: ProgramView | null;
  balance: BalanceView | null;
  rewards: RewardView[];
  redemptions: RedemptionView[];
  history: HistoryEntry[];
  historyCursor: string | null;
  busyReward: string | null;
  /** The card just redeemed in this page */
  fresh: { code: string; redemption: RedemptionView; inCart: boolean } | null;
  revealed: Record<string, string>;
  status: string;
}

export class LoyaltyWidget {
  private state: State = {
    loading: true, error: null, program: null, balance: null, rewards: [], redemptions: [], history: [], historyCursor: null,
    busyReward: null, fresh: null, revealed: {}, status: '',
  };
  private loaded = false;

  constructor(
    private readonly body: HTMLElement,
    private readonly client: ProxyClient,
    private readonly tr: Translator,
    private readonly config: WidgetConfig,
    private readonly fetchImpl: FetchLike,
  ) {}

  async load(): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    this.set({ loading: true });
    try {
      if (!this.config.signedIn) {
        this.set({ program: await this.client.program(), loading: false });
        return;
      }
      const [program, balance, rewards, redemptions, history] = await Promise.all([
        this.client.program(), this.client.balance(), this.client.rewards(), this.client.redemptions(), this.client.history(),
      ]);
      this.set({ program, balance, rewards: rewards.rewards, redemptions: redemptions.items, history: history.items, historyCursor: history.nextCursor, loading: false, error: null });
    } catch (error) {
      this.loaded = false;
      // A signed-in customer without a loyalty account yet still sees how to earn.
      if (error instanceof ProxyError && error.status === 404 && this.state.program) return this.set({ loading: false });
      this.set({ loading: false, error: this.tr.t('error') });
    }
  }

  private set(patch: Partial<State>): void {
    this.state = { ...this.state, ...patch };
    this.render();
  }

  private async refresh(): Promise<void> {
    const [balance, rewards, redemptions, history] = await Promise.all([this.client.balance(), this.client.rewards(), this.client.redemptions(), this.client.history()]);
    this.set({ balance, rewards: rewards.rewards, redemptions: redemptions.items, history: history.items, historyCursor: history.nextCursor });
  }

  private async redeem(reward: RewardView): Promise<void> {
    if (this.state.busyReward) return;
    this.set({ busyReward: reward.id, status: this.tr.t('redeeming') });
    let answer: RedeemAnswer;
    try {
      answer = await redeemAndWait(this.client, reward.id, newIdempotencyKey());
    } catch (error) {
      const message = error instanceof ProxyError && error.code === 'INSUFFICIENT_POINTS' ? this.tr.t('insufficient') : this.tr.t('error');
      this.set({ busyReward: null, status: message });
      await this.refresh().catch(() => undefined);
      return;
    }
    if (answer.code) {
      const inCart = await applyGiftCardToCart(answer.code, { storefrontToken: this.config.storefrontToken, fetch: this.fetchImpl });
      this.set({ busyReward: null, fresh: { code: answer.code, redemption: answer.redemption, inCart }, status: this.tr.t('codeReady') });
    } else {
      const status = answer.redemption.status === 'reversed' || answer.redemption.status === 'failed' ? this.tr.t('failed') : this.tr.t('issuing');
      this.set({ busyReward: null, status });
    }
    await this.refresh().catch(() => undefined);
    this.body.querySelector<HTMLElement>('[data-slw-fresh]')?.focus();
  }

  private async toggleCode(redemption: RedemptionView): Promise<void> {
    const revealed = { ...this.state.revealed };
    if (revealed[redemption.id]) {
      delete revealed[redemption.id];
      return this.set({ revealed });
    }
    try {
      revealed[redemption.id] = await this.client.revealCode(redemption.id);
      this.set({ revealed });
    } catch {
      this.set({ status: this.tr.t('error') });
    }
  }

  private async moreHistory(): Promise<void> {
    if (!this.state.historyCursor) return;
    const page = await this.client.history(this.state.historyCursor);
    this.set({ history: [...this.state.history, ...page.items], historyCursor: page.nextCursor });
  }

  private codeBox(code: string): HTMLElement {
    const button = h('button', { type: 'button', class: 'slw-link', onclick: async () => {
      if (await copyText(code)) {
        button.textContent = this.tr.t('copied');
        this.set({ status: this.tr.t('copied') });
      }
    } }, this.tr.t('copy'));
    return h('div', { class: 'slw-code' }, h('code', { 'data-slw-code': code }, code), button);
  }

  render(): void {
    const { tr, state } = this;
    const section = (title: string, ...content: Array<Node | null | false>) => h('section', { class: 'slw-section' }, h('h3', {}, title), ...content);
    const parts: Array<Node | null | false> = [h('p', { class: 'slw-status', role: 'status', 'aria-live': 'polite' }, state.status)];
    this.body.setAttribute('aria-busy', String(state.loading));

    if (state.loading) parts.push(h('p', { class: 'slw-muted' }, tr.t('loading')));
    if (state.error) parts.push(h('p', { class: 'slw-error', role: 'alert' }, state.error));

    if (!this.config.signedIn) {
      parts.push(h('div', { class: 'slw-guest' }, h('p', {}, tr.t('guestIntro')), h('a', { class: 'slw-button', href: this.config.loginUrl }, tr.t('signIn'))));
    } else if (state.balance) {
      const balance = state.balance;
      parts.push(h('div', { class: 'slw-balance' },
        h('span', { class: 'slw-muted' }, tr.t('balance')),
        h('strong', { 'data-slw-balance': balance.balance }, tr.points(balance.balance)),
        balance.tier ? h('span', { class: 'slw-tier' }, tr.t('tier', { name: balance.tier.name })) : null));
      if (balance.pending.length) {
        parts.push(section(tr.t('pendingTitle'), h('ul', { class: 'slw-list' }, balance.pending.map((p) => h('li', {}, pendingLine(p, tr))))));
      }
      if (state.fresh) {
        parts.push(h('div', { class: 'slw-fresh', tabindex: '-1', 'data-slw-fresh': '' },
          h('strong', {}, tr.t('codeReady')),
          this.codeBox(state.fresh.code),
          h('p', { class: 'slw-muted' }, state.fresh.inCart ? tr.t('addedToCart') : tr.t('codeInstructions'))));
      }
      parts.push(section(tr.t('rewardsTitle'), state.rewards.length
        ? h('ul', { class: 'slw-list slw-rewards' }, state.rewards.map((reward) => {
          const action = rewardAction(reward, balance.balance, tr, state.busyReward === reward.id);
          return h('li', { class: 'slw-reward' },
            h('div', {}, h('strong', {}, reward.title), h('span', { class: 'slw-muted' }, tr.t('rewardCost', { points: tr.points(reward.pointsCost) }))),
            h('div', {},
              h('button', { type: 'button', class: 'slw-button', disabled: !action.enabled || (state.busyReward !== null), 'aria-label': action.accessibleLabel, 'data-slw-redeem': reward.id, onclick: () => void this.redeem(reward) }, action.label),
              action.reason ? h('span', { class: 'slw-muted slw-reason' }, action.reason) : null));
        }))
        : h('p', { class: 'slw-muted' }, tr.t('rewardsEmpty'))));
      const cards = state.redemptions.filter((r) => r.type === 'gift_card');
      if (cards.length) {
        parts.push(section(tr.t('giftCardsTitle'), h('ul', { class: 'slw-list' }, cards.map((card) => {
          const code = state.revealed[card.id];
          return h('li', { class: 'slw-card' },
            h('div', {}, h('strong', {}, tr.money(card.value.amountMinor, card.value.currency)), ' ', h('span', { class: 'slw-muted' }, redemptionStatus(card, tr)),
              card.expiresOn ? h('span', { class: 'slw-muted' }, ` · ${tr.t('expiresOn', { date: tr.date(card.expiresOn) })}`) : null),
            code ? this.codeBox(code) : card.maskedCode ? h('code', {}, card.maskedCode) : null,
            revealable(card) ? h('button', { type: 'button', class: 'slw-link', 'aria-expanded': String(Boolean(code)), onclick: () => void this.toggleCode(card) }, code ? tr.t('hideCode') : tr.t('showCode')) : null);
        }))));
      }
      parts.push(section(tr.t('historyTitle'), state.history.length
        ? h('ul', { class: 'slw-list slw-history' }, state.history.map((entry) => {
          const line = historyLine(entry, tr);
          return h('li', { class: line.pending ? 'slw-pending' : '' }, h('span', {}, line.title, h('small', {}, line.detail)), h('strong', {}, line.points));
        }))
        : h('p', { class: 'slw-muted' }, tr.t('historyEmpty')),
        state.historyCursor ? h('button', { type: 'button', class: 'slw-link', onclick: () => void this.moreHistory() }, tr.t('historyMore')) : null));
    }
    if (state.program) {
      parts.push(h('details', { class: 'slw-section slw-earn', open: !this.config.signedIn },
        h('summary', {}, tr.t('howToEarnTitle')),
        h('ul', { class: 'slw-list' }, earnRules(state.program, tr).map((line) => h('li', {}, line)))));
    }
    this.body.replaceChildren(...parts.filter((p): p is Node => Boolean(p)));
  }
}

/** The floating launcher: a fixed button that opens the widget as a modal dialog. */
export function wireLauncher(root: HTMLElement, widget: LoyaltyWidget, tr: Translator): void {
  const launcher = root.querySelector<HTMLButtonElement>('[data-slw-launcher]');
  const dialog = root.querySelector<HTMLElement>('[data-slw-dialog]');
  const close = root.querySelector<HTMLButtonElement>('[data-slw-close]');
  if (!launcher || !dialog || !close) return;
  launcher.setAttribute('aria-label', tr.t('openLauncher'));
  close.setAttribute('aria-label', tr.t('close'));
  const setOpen = (open: boolean) => {
    dialog.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    if (open) {
      void widget.load();
      dialog.querySelector<HTMLElement>('h2')?.focus();
    } else {
      launcher.focus();
    }
  };
  launcher.addEventListener('click', () => setOpen(dialog.hidden));
  close.addEventListener('click', () => setOpen(false));
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') setOpen(false);
    else trapFocus(dialog, event);
  });
}
