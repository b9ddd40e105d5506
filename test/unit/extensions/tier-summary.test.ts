import { createFormatter } from '../../../extension/shared/format';
import { catalogues } from '../../../extension/shared/messages';
import { tierSummary } from '../../../extension/shared/present';
import type { TierView } from '../../../web/contracts/storefront-api';

const tier: TierView = {
  name: 'Silver', colour: '#8a8a8a', benefits: [{ kind: 'discount', percent: 10 }, { kind: 'multiplier', percent: 150 }, { kind: 'spend_rate', basisPoints: 300 }],
  metric: 'spend', period: 'calendar_year', reached: 85_000, currency: 'EUR',
  next: { name: 'Gold', benefits: [], threshold: 100_000, remaining: 15_000 },
};

describe('tier summary for customers', () => {
  it('says the tier, its benefits and "€150 more to Gold", with the progress', () => {
    const tr = createFormatter('en', (key) => catalogues.en[key]);
    expect(tierSummary(tier, tr)).toEqual({
      title: 'Level: Silver',
      lines: ['10% off every order', '1.5× points on every order', '3% of your spend back as points', '€150 more to Gold'],
      progress: 0.85,
    });
  });

  it('counts points for a points tier, congratulates at the top, and speaks Polish', () => {
    const pl = createFormatter('pl', (key) => catalogues.pl[key]);
    const points: TierView = { ...tier, benefits: [], metric: 'points_earned', next: { ...tier.next!, remaining: 3 } };
    expect(tierSummary(points, pl).lines).toEqual(['Jeszcze 3 punkty do poziomu Gold']);
    expect(tierSummary({ ...tier, benefits: [], next: null }, pl)).toEqual({ title: 'Poziom: Silver', lines: ['Osiągnięto nasz najwyższy poziom.'], progress: null });
  });
});
