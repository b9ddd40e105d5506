// What the redemption workflow (web/core/redemption/redemption-workflow.ts) needs, built from the
// server's own pieces: the database, the Admin API client behind the RewardIssuer port, the box that
// seals gift card codes, the logger.
import { createSecretBox } from '../core/crypto/secret-box';
import type { Db } from '../core/db-client';
import { GIFT_CARD_CODE_PURPOSE, type CodeBox } from '../core/redemption/redemption-types';
import type { RedemptionWorkflowDeps, WorkflowLogger } from '../core/redemption/redemption-workflow';
import type { AdminGraphqlClient } from '../shopify-admin/admin-graphql-client';
import { shopifyRewardIssuer } from '../shopify-admin/shopify-reward-issuer';

const boxes = new Map<string, CodeBox>();

/** One secret box per key (HKDF runs once, not per redemption). */
export function giftCardCodeBox(encryptionKey: string): CodeBox {
  let box = boxes.get(encryptionKey);
  if (!box) {
    box = createSecretBox(encryptionKey, GIFT_CARD_CODE_PURPOSE);
    boxes.set(encryptionKey, box);
  }
  return box;
}

export function redemptionWorkflowDeps(deps: { db: Db; admin: AdminGraphqlClient; codeBox: CodeBox; logger: WorkflowLogger; now?: () => Date }): RedemptionWorkflowDeps {
  return { db: deps.db, issuer: shopifyRewardIssuer(deps.admin), codeBox: deps.codeBox, logger: deps.logger, now: deps.now ?? (() => new Date()) };
}

/** The same, from a process runtime (the job processes). */
export function redemptionWorkflowDepsOf(runtime: { db: Db; admin: AdminGraphqlClient; config: { encryptionKey: string }; logger: WorkflowLogger }, now: () => Date): RedemptionWorkflowDeps {
  return redemptionWorkflowDeps({ db: runtime.db, admin: runtime.admin, codeBox: giftCardCodeBox(runtime.config.encryptionKey), logger: runtime.logger, now });
}
