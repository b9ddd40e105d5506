import { MESSAGE_LANGUAGES, type MessageLanguage } from './message-template';

/** `nl-BE`, `nl_NL`, `NL` -> `nl`; null when we ship no templates in that language. */
export function toMessageLanguage(locale: string | null | undefined): MessageLanguage | null {
  const base = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (MESSAGE_LANGUAGES as readonly string[]).includes(base) ? (base as MessageLanguage) : null;
}

/** The member's own language, else the shop's primary language, else English. */
export function pickMessageLanguage(memberLocale: string | null | undefined, shopPrimaryLocale: string | null | undefined): MessageLanguage {
  return toMessageLanguage(memberLocale) ?? toMessageLanguage(shopPrimaryLocale) ?? 'en';
}
