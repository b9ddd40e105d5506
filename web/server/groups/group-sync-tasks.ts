// The groups' Shopify tasks in a job process: thin, they call the domain with the Admin API port.
import { z } from 'zod';
import { syncGroupDiscount } from '../../core/groups/sync-group-discount';
import { syncMemberTags } from '../../core/groups/sync-member-tags';
import { GroupSyncFailure } from '../../core/groups/group-shopify-port';
import type { JobContext } from '../../runtime/job';
import { groupPortOf } from '../../shopify-admin/shopify-group-port';

const memberTagsPayload = z.object({ shopId: z.string().min(1), memberIds: z.array(z.string().min(1)).max(1000), removeTags: z.array(z.string().min(1).max(255)).max(20).default([]) });
const groupDiscountPayload = z.object({ groupId: z.string().min(1) });

/** A refusal Shopify will repeat (not retryable) ends the task for good instead of using up its attempts. */
function permanentIfRefused(error: unknown): never {
  if (error instanceof GroupSyncFailure && !error.retryable) throw Object.assign(error, { permanent: true });
  throw error;
}

export async function syncMemberTagsTaskHandler(context: JobContext, payload: unknown): Promise<void> {
  const { shopId, memberIds, removeTags } = memberTagsPayload.parse(payload);
  const result = await syncMemberTags({ db: context.runtime.db, port: groupPortOf(context.runtime.admin) }, shopId, memberIds, removeTags).catch(permanentIfRefused);
  if (result.refused.length > 0) context.runtime.logger.warn({ shopId, refused: result.refused.slice(0, 20) }, 'Shopify refused some customer tag changes');
}

export async function syncGroupDiscountTaskHandler(context: JobContext, payload: unknown): Promise<void> {
  const { groupId } = groupDiscountPayload.parse(payload);
  const outcome = await syncGroupDiscount({ db: context.runtime.db, port: groupPortOf(context.runtime.admin), now: context.now }, groupId).catch(permanentIfRefused);
  context.runtime.logger.info({ groupId, outcome }, 'group discount synced');
}
