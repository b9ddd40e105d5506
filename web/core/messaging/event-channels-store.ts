// Which channels each event's message goes out on, per shop. No row means e-mail only (the behaviour
// before channels existed); insertOutboxMessages (outbox-queue.ts) reads the table when it queues.
import type { Prisma } from '../db-client';
import { AppError } from '../errors/app-error';
import { MESSAGE_CHANNEL_CHOICES, type MessageChannelChoice } from '../../contracts/bulk-messages-api';
import { MESSAGE_EVENTS, type MessageEvent } from './message-events';
import { MESSAGE_LANGUAGES } from './message-template';
import { loadShopTemplates } from './template-store';

export function isChannelChoice(value: string): value is MessageChannelChoice {
  return (MESSAGE_CHANNEL_CHOICES as readonly string[]).includes(value);
}

export async function listEventChannels(prisma: Prisma, shopId: string): Promise<Array<{ event: MessageEvent; channels: MessageChannelChoice }>> {
  const rows = await prisma.messageEventChannel.findMany({ where: { shopId } });
  const chosen = new Map(rows.map((row) => [row.event, row.channels]));
  return MESSAGE_EVENTS.map((event) => {
    const channels = chosen.get(event) ?? 'email';
    return { event, channels: isChannelChoice(channels) ? channels : 'email' };
  });
}

/**
 * SMS for an event needs an SMS text in at least one language: otherwise every SMS would be recorded as
 * "no SMS text", which is a setting mistake the owner should hear about now.
 */
export async function setEventChannels(prisma: Prisma, shopId: string, event: MessageEvent, channels: MessageChannelChoice) {
  if (channels !== 'email') {
    const template = await loadShopTemplates(prisma, shopId);
    if (MESSAGE_LANGUAGES.every((language) => template(event, language).sms.trim() === '')) {
      throw new AppError('VALIDATION', `The ${event} templates have no SMS text; write one before sending this event by SMS.`, { event });
    }
  }
  await prisma.messageEventChannel.upsert({ where: { shopId_event: { shopId, event } }, create: { shopId, event, channels }, update: { channels } });
  return listEventChannels(prisma, shopId);
}
