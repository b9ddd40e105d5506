// Polaris ships its own UI strings (pagination, "Select all", screen-reader texts) per language. It has
// en, nl, da and pl but no Ukrainian, so ours is in locales/polaris/uk.json: the same keys as Polaris'
// en.json (test/unit/frontend/polaris-translations.test.ts keeps them in step with the installed Polaris).
import type { SupportedLocale } from './i18n';

/** Polaris' translation dictionary (AppProviderProps['i18n']); kept structural so this module has no React types. */
export interface PolarisTranslations {
  [key: string]: string | PolarisTranslations;
}
type Loader = () => Promise<{ default: unknown }>;

const loaders: Record<SupportedLocale, Loader> = {
  en: () => import('@shopify/polaris/locales/en.json'),
  nl: () => import('@shopify/polaris/locales/nl.json'),
  da: () => import('@shopify/polaris/locales/da.json'),
  pl: () => import('@shopify/polaris/locales/pl.json'),
  uk: () => import('./locales/polaris/uk.json'),
};

export async function loadPolarisTranslations(locale: SupportedLocale): Promise<PolarisTranslations> {
  const module = await loaders[locale]();
  return module.default as PolarisTranslations;
}
