// The shop's own templates. A missing row means the shipped default, so "reset" is a delete and a
// new default wording we ship reaches every shop that never edited that template.
import type { Prisma } from '../db-client';
import { AppError } from '../errors/app-error';
import { assertValidTemplate } from './assert-valid-template';
import { defaultTemplate } from './default-templates';
import { MESSAGE_EVENTS, allowedVariables, isMessageEvent, type MessageEvent } from './message-events';
import { MESSAGE_LANGUAGES, type MessageLanguage, type MessageTemplate } from './message-template';

export interface TemplateSummary {
  event: MessageEvent;
  language: MessageLanguage;
  customized: boolean;
  updatedAt: Date | null;
}

export interface TemplateDetail extends TemplateSummary {
  template: MessageTemplate;
  defaultTemplate: MessageTemplate;
  allowedVariables: readonly string[];
}

export function parseTemplateKey(event: string, language: string): { event: MessageEvent; language: MessageLanguage } {
  if (!isMessageEvent(event)) throw new AppError('NOT_FOUND', `There is no message event "${event}".`, { events: MESSAGE_EVENTS });
  if (!(MESSAGE_LANGUAGES as readonly string[]).includes(language)) {
    throw new AppError('NOT_FOUND', `There are no templates in "${language}".`, { languages: MESSAGE_LANGUAGES });
  }
  return { event, language: language as MessageLanguage };
}

/** Every event × language, saying which the shop has changed. */
export async function listTemplates(prisma: Prisma, shopId: string): Promise<TemplateSummary[]> {
  const rows = await prisma.messageTemplate.findMany({ where: { shopId }, select: { event: true, language: true, updatedAt: true } });
  const edited = new Map(rows.map((row) => [`${row.event}/${row.language}`, row.updatedAt]));
  return MESSAGE_EVENTS.flatMap((event) =>
    MESSAGE_LANGUAGES.map((language) => {
      const updatedAt = edited.get(`${event}/${language}`) ?? null;
      return { event, language, customized: updatedAt !== null, updatedAt };
    }),
  );
}

export async function getTemplate(prisma: Prisma, shopId: string, event: MessageEvent, language: MessageLanguage): Promise<TemplateDetail> {
  const row = await prisma.messageTemplate.findUnique({ where: { shopId_event_language: { shopId, event, language } } });
  const fallback = defaultTemplate(event, language);
  return {
    event,
    language,
    customized: row !== null,
    updatedAt: row?.updatedAt ?? null,
    template: row ? { subject: row.subject, html: row.html, text: row.text, sms: row.sms } : fallback,
    defaultTemplate: fallback,
    allowedVariables: allowedVariables(event),
  };
}

/** Rejects unknown variables (400 with the allowed list) before anything is stored. */
export async function saveTemplate(prisma: Prisma, shopId: string, event: MessageEvent, language: MessageLanguage, template: MessageTemplate): Promise<TemplateDetail> {
  assertValidTemplate(event, template);
  await prisma.messageTemplate.upsert({
    where: { shopId_event_language: { shopId, event, language } },
    create: { shopId, event, language, ...template },
    update: template,
  });
  return getTemplate(prisma, shopId, event, language);
}

export async function resetTemplate(prisma: Prisma, shopId: string, event: MessageEvent, language: MessageLanguage): Promise<TemplateDetail> {
  await prisma.messageTemplate.deleteMany({ where: { shopId, event, language } });
  return getTemplate(prisma, shopId, event, language);
}

/** For the sender: the shop's templates, looked up per event and language with the default as fallback. */
export async function loadShopTemplates(prisma: Prisma, shopId: string): Promise<(event: MessageEvent, language: MessageLanguage) => MessageTemplate> {
  const rows = await prisma.messageTemplate.findMany({ where: { shopId } });
  const byKey = new Map(rows.map((row) => [`${row.event}/${row.language}`, { subject: row.subject, html: row.html, text: row.text, sms: row.sms }]));
  return (event, language) => byKey.get(`${event}/${language}`) ?? defaultTemplate(event, language);
}
