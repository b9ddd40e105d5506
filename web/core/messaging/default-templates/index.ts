import type { MessageEvent } from '../message-events';
import type { MessageLanguage, MessageTemplate } from '../message-template';
import { buildDefaultTemplate, type LanguageCopy } from './build-default-template';
import { da } from './da';
import { en } from './en';
import { nl } from './nl';
import { pl } from './pl';
import { uk } from './uk';

const COPY: Record<MessageLanguage, LanguageCopy> = { en, nl, uk, da, pl };

/** The template a shop starts from (and returns to with "reset to default"). */
export function defaultTemplate(event: MessageEvent, language: MessageLanguage): MessageTemplate {
  const copy = COPY[language];
  return buildDefaultTemplate(language, copy.events[event], copy.footer);
}
