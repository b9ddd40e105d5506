// Polaris ships its own UI strings per language; it has no Ukrainian, so Ukrainian admins get English
// Polaris chrome (pagination, close buttons) around our Ukrainian content.
import type { AppProviderProps } from '@shopify/polaris';
import type { SupportedLocale } from './i18n';

type PolarisTranslations = AppProviderProps['i18n'];
type Loader = () => Promise<{ default: unknown }>;

const loaders: Record<SupportedLocale, Loader> = {
  en: () => import('@shopify/polaris/locales/en.json'),
  nl: () => import('@shopify/polaris/locales/nl.json'),
  da: () => import('@shopify/polaris/locales/da.json'),
  pl: () => import('@shopify/polaris/locales/pl.json'),
  uk: () => import('@shopify/polaris/locales/en.json'),
};

export async function loadPolarisTranslations(locale: SupportedLocale): Promise<PolarisTranslations> {
  const module = await loaders[locale]();
  return module.default as PolarisTranslations;
}
