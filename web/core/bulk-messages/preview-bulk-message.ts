import type { BulkMessageDraft, BulkPreviewResponse } from '../../contracts/bulk-messages-api';
import type { Db } from '../db-client';
import { countSmsSegments } from '../messaging/count-sms-segments';
import type { MessageLanguage } from '../messaging/message-template';
import { bulkDraftProblems, channelsOf } from './bulk-message-input';
import { shopLanguageOf } from './bulk-message-store';
import { countBulkRecipients } from './count-bulk-recipients';
import { bulkContentFor, bulkVariables, renderBulkMessage } from './render-bulk-message';
import { estimateSmsCost, getSmsPricing } from './sms-pricing';

export const SAMPLE_RECIPIENT = { firstName: 'Anna', lastName: 'Jansen', balance: 1250, pendingPoints: 120 };

/**
 * The compose page's live answer: the message in one language for a sample member, who would receive
 * it after consent and channel filtering, and the SMS segments and estimated cost. The segment count
 * is the largest over the written languages (a member's own name changes it slightly: an estimate).
 */
export async function previewBulkMessage(db: Db, shopId: string, draft: BulkMessageDraft, language: MessageLanguage): Promise<BulkPreviewResponse> {
  const shop = await shopLanguageOf(db.prisma, shopId);
  const { language: shown, template } = bulkContentFor(draft.content, language, shop.primaryLocale);
  const rendered = renderBulkMessage(shown, template, bulkVariables(shown, SAMPLE_RECIPIENT, shop));
  const channels = channelsOf(draft.channels);
  const [recipients, pricing] = await Promise.all([
    countBulkRecipients(db, { shopId, allMembers: draft.audience.allMembers, groupIds: draft.audience.groupIds }, channels),
    getSmsPricing(db.prisma, shopId),
  ]);
  const segmentsPerMessage = channels.includes('sms')
    ? Math.max(0, ...Object.entries(draft.content).map(([lang, t]) => countSmsSegments(renderBulkMessage(lang as MessageLanguage, t!, bulkVariables(lang as MessageLanguage, SAMPLE_RECIPIENT, shop)).sms).segments))
    : 0;
  return {
    ...rendered,
    smsSegments: countSmsSegments(rendered.sms),
    recipients,
    cost: estimateSmsCost(recipients.sms, segmentsPerMessage, pricing),
    problems: bulkDraftProblems(draft, shop.language),
  };
}
