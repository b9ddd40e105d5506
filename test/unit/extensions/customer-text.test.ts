// The customer-facing text and formatting shared by the widget and the UI extensions.
import fs from 'node:fs';
import path from 'node:path';
import { catalogues, SUPPORTED_LOCALES } from '../../../extension/shared/messages';
import { earnRules, historyLine, orderPointsLines, pendingLine, rewardAction } from '../../../extension/shared/present';
import { createTranslator, resolveLocale } from '../../../extension/shared/translate';
import type { RewardView } from '../../../web/contracts/storefront-api';

const reward = (overrides: Partial<RewardView> = {}): RewardView => ({
  id: 'r1', title: '€10 card', type: 'gift_card', value: { amountMinor: 1000, currency: 'EUR' }, pointsCost: 200,
  enabled: true, stockLimit: null, issuedCount: 0, stockRemaining: null, expiresAfterDays: null, perCustomerLimit: null, visibleToGroups: [],
  canAfford: true, inStock: true, ...overrides,
});

describe('customer text', () => {
  it('ships every message in every language, with the same placeholders as English', () => {
    const placeholders = (text: unknown) => JSON.stringify(text).match(/\{\w+\}/g)?.sort() ?? [];
    for (const locale of SUPPORTED_LOCALES) {
      for (const [key, english] of Object.entries(catalogues.en)) {
        const translated = (catalogues[locale] as Record<string, unknown>)[key];
        expect(translated).toBeDefined();
        expect([locale, key, [...new Set(placeholders(translated))]]).toEqual([locale, key, [...new Set(placeholders(english))]]);
      }
    }
  });

  it('leaves no English in a translated catalogue except words that are the same in that language', () => {
    const same = new Set(['earnService', 'points']);
    for (const locale of SUPPORTED_LOCALES.filter((l) => l !== 'en')) {
      const identical = Object.keys(catalogues.en).filter((key) => !same.has(key) && JSON.stringify((catalogues as Record<string, Record<string, unknown>>)[locale]![key]) === JSON.stringify((catalogues.en as Record<string, unknown>)[key]));
      expect([locale, identical]).toEqual([locale, []]);
    }
  });

  it('follows the storefront locale, falling back to English for languages we do not ship', () => {
    expect(resolveLocale('pl-PL')).toBe('pl');
    expect(resolveLocale('pt_BR', 'nl')).toBe('nl');
    expect(resolveLocale(undefined, '', 'fr')).toBe('en');
    expect(resolveLocale('UK')).toBe('uk');
  });

  it('uses Polish and Ukrainian plural forms for points', () => {
    const pl = createTranslator('pl');
    expect([1, 2, 5, 22, 25].map((n) => pl.points(n))).toEqual(['1 punkt', '2 punkty', '5 punktów', '22 punkty', '25 punktów']);
    const uk = createTranslator('uk');
    expect([1, 3, 11, 21].map((n) => uk.points(n))).toEqual(['1 бал', '3 бали', '11 балів', '21 бал']);
    expect(createTranslator('en').points(1500)).toBe('1,500 points');
    expect(createTranslator('da').points(1500)).toBe('1.500 point');
  });

  it('formats money from integer minor units, also for zero-decimal currencies', () => {
    expect(createTranslator('nl').money(1000, 'EUR')).toBe('€\u00a010');
    expect(createTranslator('en').money(1050, 'EUR')).toBe('€10.50');
    expect(createTranslator('en').money(500, 'JPY')).toBe('¥500');
  });

  it('enables "redeem" only when the reward is affordable and in stock, and says why not', () => {
    const en = createTranslator('en');
    expect(rewardAction(reward(), 250, en)).toMatchObject({ enabled: true, reason: null, accessibleLabel: 'Redeem €10 card for 200 points' });
    expect(rewardAction(reward({ canAfford: false }), 150, en)).toMatchObject({ enabled: false, reason: 'You need 50 points more' });
    expect(rewardAction(reward(), 150, en).enabled).toBe(false);
    expect(rewardAction(reward({ inStock: false }), 500, en)).toMatchObject({ enabled: false, reason: 'Out of stock' });
    expect(rewardAction(reward(), 500, en, true)).toMatchObject({ enabled: false, label: 'Redeeming…' });
  });

  it('describes pending points with their date, or as waiting for fulfilment', () => {
    const en = createTranslator('en', { timeZone: 'UTC' });
    expect(pendingLine({ points: 30, description: '', availableAt: '2026-03-05T10:00:00Z' }, en)).toBe('30 points available on Mar 5, 2026');
    expect(pendingLine({ points: 1, description: '', availableAt: null }, en)).toBe('1 point available once your order is fulfilled');
  });

  it('generates "how to earn" from the rules, with the delay in words of the language', () => {
    const program = { currency: 'EUR', earningMode: 'rate', pointsPerCurrencyUnit: 1, pointsPerVisit: 10, creditDelayMinutes: 180, services: [{ title: 'Haircut', points: 50 }], signedIn: false };
    expect(earnRules(program, createTranslator('en'))).toEqual([
      'Earn 1 point for every €1 you spend', 'Earn 10 points for every visit', 'Haircut: 50 points', 'Points are added 3 hours after your appointment.',
    ]);
    expect(earnRules({ ...program, creditDelayMinutes: 2880 }, createTranslator('pl')).at(-1)).toBe('Punkty są przyznawane 2 dni po wizycie.');
    expect(earnRules({ ...program, creditDelayMinutes: 0, pointsPerVisit: 0, services: [] }, createTranslator('nl'))).toEqual(['Verdien 1 punt per €\u00a01 die je besteedt', 'Punten worden direct na je afspraak bijgeschreven.']);
  });

  it('labels history entries with a signed amount and marks pending ones', () => {
    const line = historyLine({ id: 'e', type: 'redeem', status: 'posted', points: -200, description: '', createdAt: '2026-01-02T00:00:00Z', postedAt: null, availableAt: null }, createTranslator('en'));
    expect(line).toMatchObject({ title: 'Redeemed', points: '−200', pending: false });
    expect(historyLine({ id: 'e', type: 'earn', status: 'pending', points: 5, description: 'Cut', createdAt: '2026-01-02T00:00:00Z', postedAt: null, availableAt: null }, createTranslator('da')).detail).toMatch(/afventer$/);
  });

  it('tells the order-status block what an order earns and when it is credited', () => {
    const en = createTranslator('en', { timeZone: 'UTC' });
    expect(orderPointsLines({ orderId: 'o', points: 0, status: 'none', availableAt: null, postedAt: null }, en)).toEqual(['This order does not earn points.']);
    expect(orderPointsLines({ orderId: 'o', points: 42, status: 'pending', availableAt: '2026-04-01T12:00:00Z', postedAt: null }, en)).toEqual(['This order earns you 42 points.', 'They will be added to your balance on Apr 1, 2026.']);
    expect(orderPointsLines({ orderId: 'o', points: 42, status: 'posted', availableAt: null, postedAt: '2026-04-01T12:00:00Z' }, en)[1]).toBe('Added to your balance on Apr 1, 2026.');
  });

  it('writes the UI extensions\' locale files from the same catalogue', () => {
    for (const name of ['checkout-loyalty', 'customer-account-points']) {
      const english = JSON.parse(fs.readFileSync(path.resolve(__dirname, `../../../extension/${name}/locales/en.default.json`), 'utf8'));
      expect(english).toEqual(JSON.parse(JSON.stringify(catalogues.en)));
      const polish = JSON.parse(fs.readFileSync(path.resolve(__dirname, `../../../extension/${name}/locales/pl.json`), 'utf8'));
      expect(polish).toEqual(JSON.parse(JSON.stringify(catalogues.pl)));
    }
  });
});
