import type { Prisma } from '../db-client';
import { notFound } from '../errors/app-error';
import type { MessageEvent } from './message-events';
import type { MessageLanguage, MessageTemplate } from './message-template';
import { messageVariables } from './message-variables';
import { previewTemplate, type TemplatePreview } from './preview-template';
import { getTemplate } from './template-store';

const SAMPLE_PAYLOAD = { points: 50, description: 'Haircut (#1001)', gift_card_code: 'ABCD EFGH JKLM 1234', gift_card_value: '€25.00', expiry_date: '31-12-2030' };

/**
 * Renders the shop's template (or an unsaved draft) for a real member of the shop, or for a sample
 * member, with the shop's name and the member's numbers formatted as a send would.
 */
export async function previewShopTemplate(
  prisma: Prisma,
  shopId: string,
  event: MessageEvent,
  language: MessageLanguage,
  options: { draft?: MessageTemplate; memberId?: string },
): Promise<TemplatePreview> {
  const shop = await prisma.shop.findUniqueOrThrow({ where: { id: shopId }, select: { name: true, domain: true } });
  const template = options.draft ?? (await getTemplate(prisma, shopId, event, language)).template;
  const member = options.memberId
    ? await prisma.member.findFirst({ where: { id: options.memberId, shopId }, select: { firstName: true, lastName: true, balance: true, pendingPoints: true } })
    : { firstName: 'Anna', lastName: 'Jansen', balance: 1250, pendingPoints: 120 };
  if (!member) throw notFound('The member');
  const variables = messageVariables(event, language, member, shop, SAMPLE_PAYLOAD);
  return previewTemplate(event, template, { firstName: member.firstName, lastName: member.lastName, variables });
}
