// Task-table entry point of issue-reward: builds the dependencies from the runtime.
import type { JobContext } from '../../../jobs/job';
import { createSecretBox } from '../../core/crypto/secret-box';
import { GIFT_CARD_CODE_PURPOSE, type CodeBox } from '../../core/redemption/redemption-types';
import { issueReward } from './issue-reward';

const boxes = new Map<string, CodeBox>();

/** One secret box per key (HKDF runs once, not per task). */
export function giftCardCodeBox(encryptionKey: string): CodeBox {
  let box = boxes.get(encryptionKey);
  if (!box) {
    box = createSecretBox(encryptionKey, GIFT_CARD_CODE_PURPOSE);
    boxes.set(encryptionKey, box);
  }
  return box;
}

export async function issueRewardTaskHandler(context: JobContext, payload: unknown): Promise<void> {
  const { redemptionId } = payload as { redemptionId: string };
  const { runtime } = context;
  await issueReward(
    { db: runtime.db, admin: runtime.admin, codeBox: giftCardCodeBox(runtime.config.encryptionKey), logger: runtime.logger, now: context.now },
    redemptionId,
  );
}
