import { createI18n, detectLocaleTag, resolveLocale } from '../../../web/frontend/src/i18n';

describe('admin UI translator', () => {
  it('maps region tags to the shipped catalog and unknown languages to English', () => {
    expect(resolveLocale('uk-UA')).toBe('uk');
    expect(resolveLocale('nl_BE')).toBe('nl');
    expect(resolveLocale('PL')).toBe('pl');
    expect(resolveLocale('fr-FR')).toBe('en');
    expect(resolveLocale(undefined)).toBe('en');
  });

  it('lets an explicit ?locale= win over the admin locale from App Bridge', () => {
    expect(detectLocaleTag('?locale=uk', 'da-DK')).toBe('uk');
    expect(detectLocaleTag('', 'da-DK')).toBe('da-DK');
    expect(detectLocaleTag('?shop=x', undefined)).toBe('en');
  });

  it('fills {placeholders} and formats numbers for the admin language', () => {
    const i18n = createI18n('nl-NL');
    expect(i18n.t('dashboard.subtitle', { domain: 'a.myshopify.com' })).toBe('Loyaliteitsprogramma voor a.myshopify.com');
    expect(i18n.formatNumber(18320)).toBe('18.320');
    expect(createI18n('en').formatNumber(18320)).toBe('18,320');
  });

  it('keeps the region for number formatting only when it matches the language', () => {
    expect(createI18n('da-DK').formattingLocale).toBe('da-DK');
    expect(createI18n('fr-FR').formattingLocale).toBe('en');
  });
});
