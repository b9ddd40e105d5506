// Entry of assets/loyalty-widget-member.js: when points expire ("120 points expire on 1 March"), the
// member's tier (its benefits and "€150 more to Gold") and the birthday form, loaded by the widget only
// for a signed-in member whose balance answer has an expiry, a tier or no birthday yet. A module of its own keeps the script every storefront page loads within
// Shopify's 10,000 bytes for app block JavaScript; guests and members of shops without tiers never
// download this part.
import type { BalanceView } from '../../../web/contracts/storefront-api';
import type { Translator } from '../../shared/format';
import { tierSummary } from '../../shared/present';
import { h, type Child } from './dom';

/** `base`: the app proxy path (/apps/loyalty); the birthday goes there once, with consent. */
export function memberPanel(tr: Translator, base: string, reload: () => void): (balance: BalanceView) => Child[] {
  const { t } = tr;
  let date = '';
  let consent = false;
  let error = '';

  const save = async () => {
    if (!date || !consent) return;
    const response = await fetch(`${base.replace(/\/+$/, '')}/birthday`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ month: +date.slice(5, 7), day: +date.slice(8), consent: true }),
    }).catch(() => null);
    error = response?.ok ? '' : t(response?.status === 409 ? 'birthdayTaken' : 'error');
    reload();
  };

  return (balance) => {
    const tier = balance.tier && tierSummary(balance.tier, tr);
    return [
      balance.expiring && h('p', 'slw-muted', t('expiringOn', { points: tr.points(balance.expiring.points), date: tr.date(balance.expiring.on) })),
      tier && h('section', 'slw-section slw-tier',
        tier.title && h('h3', {}, tier.title),
        h('ul', 'slw-list', tier.lines.map((line) => h('li', {}, line))),
        tier.progress !== null && h('progress', { max: 1, value: tier.progress, 'aria-label': tier.lines.at(-1) })),
      balance.birthday === null && h('section', 'slw-section slw-birthday',
        h('h3', {}, t('birthdayTitle')),
        h('p', 'slw-muted', t('birthdayIntro')),
        error && h('p', { class: 'slw-error', role: 'alert' }, error),
        h('input', { type: 'date', 'aria-label': t('birthdayTitle'), value: date, 'data-slw-birthday': true, oninput: (event) => void (date = (event.target as HTMLInputElement).value) }),
        h('label', {}, h('input', { type: 'checkbox', checked: consent, 'data-slw-consent': true, onchange: (event) => void (consent = (event.target as HTMLInputElement).checked) }), ` ${t('birthdayConsent')}`),
        h('button', { type: 'button', class: 'slw-button', onclick: () => void save() }, t('birthdaySave'))),
    ];
  };
}
