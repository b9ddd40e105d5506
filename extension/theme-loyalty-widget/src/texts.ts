// The widget's words: Liquid's `t` filter renders them from this extension's locales/ into
// <template data-slw-texts> (snippets/loyalty-texts.liquid), so the script carries no text.
// Plural messages arrive as key_one / key_few / key_many / key_other; Intl picks the form.
import type { Message, MessageKey } from '../../shared/messages';
import { createFormatter, type Translator } from '../../shared/format';

export function readTexts(root: HTMLElement, locale: string): Translator {
  const words: Record<string, string> = {};
  root.querySelector<HTMLTemplateElement>('template')?.content.querySelectorAll<HTMLElement>('[data-k]').forEach((element) => {
    words[element.dataset.k!] = element.textContent!;
  });
  const form = (key: string) => words[key]!;
  const lookup = (key: MessageKey): Message => form(key) ?? { one: form(`${key}_one`), few: form(`${key}_few`), many: form(`${key}_many`), other: form(`${key}_other`) ?? key };
  return createFormatter(locale, lookup);
}
