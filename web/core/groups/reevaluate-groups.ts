// PLACEHOLDER (groups-admin branch): the groups engine (branch h-groups-engine) owns this file and its
// real implementation, the set-based re-evaluation of a shop's automatic groups and tiers. This stub
// only fixes the signature the "reevaluate-groups" task handler calls; take the engine's file at merge.
import type { Db } from '../db-client';

export async function reevaluateGroups(db: Db, options: { shopId?: string; now: Date }): Promise<unknown> {
  void db;
  void options;
  throw new Error('reevaluateGroups is not wired: the groups engine provides it');
}
