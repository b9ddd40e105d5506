// POST /api/groups/preview: the live count behind the rule builder — how many members a rule tree
// matches now, and the first few of them. Nothing is stored. Type-only, like every contract: the
// server validates the body with automaticGroupRulesSchema (web/core/groups/group-rules.ts).
import type { RuleTree } from './groups-api';

export type GroupRuleTree = RuleTree;

export interface GroupPreviewRequest {
  rules: GroupRuleTree;
}

export interface GroupPreviewMember {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
}

export interface GroupPreviewResponse {
  /** members of the shop the rules match now */
  count: number;
  /** the first 10 of them, oldest members first */
  sample: GroupPreviewMember[];
}

export const GROUP_PREVIEW_SAMPLE_SIZE = 10;
