// Re-evaluates every shop's automatic groups and tier ladders against all members, set-based: this is
// how time-based rules move (lapsed, recent, birthday, anniversary) and how tiers move down when their
// period ends. Every 15 minutes, so a "12 hours before the birthday" group is late by at most that.
// Any number of job processes may run it: a group re-evaluated in the last 10 minutes is claimed by
// the first process and skipped by the others (reevaluateGroups' claimBefore, under the shop's lock).
import { reevaluateGroups } from '../web/core/groups/reevaluate-groups';
import type { Job } from '../web/runtime/job';

const CLAIM_WINDOW_MS = 10 * 60_000;

export const reevaluateGroupsJob: Job = {
  name: 'reevaluate-groups',
  schedule: '*/15 * * * *',
  async run({ runtime, now, shouldStop }) {
    const at = now();
    const summary = await reevaluateGroups(runtime.db, { now: at, claimBefore: new Date(at.getTime() - CLAIM_WINDOW_MS), ...(shouldStop ? { shouldStop } : {}) });
    return { ...summary };
  },
};
