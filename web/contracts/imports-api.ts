// The JSON shapes of the onboarding imports (/api/imports*): customer import, past-orders backfill
// and balances from another loyalty app. Type-only.

export type ImportKindName = 'customers' | 'past_orders' | 'balances';
export type ImportStatusName = 'preparing' | 'preview_ready' | 'validated' | 'invalid' | 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

/** One problem in an uploaded file: the spreadsheet row (header = 1), the column, what is wrong. */
export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}

export interface ImportJobView {
  id: string;
  kind: ImportKindName;
  status: ImportStatusName;
  /** past orders: { from, to }; balances: { sourceApp, fileName, layout } */
  params: { from?: string; to?: string; sourceApp?: string; fileName?: string; layout?: string; auto?: boolean };
  /** preview or dry-run figures */
  summary: { orders?: number; members?: number; points?: number; alreadyRecorded?: number; rows?: number; newMembers?: number; skipped?: number; applied?: number; pointsRecorded?: number };
  processed: number;
  total: number;
  errorCount: number;
  errors: ImportRowError[];
  lastError: string | null;
  startedBy: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
}

export interface ImportJobsResponse {
  jobs: ImportJobView[];
}

/** The balance-file layouts the importer recognises from the header row. */
export const BALANCE_LAYOUT_NAMES = ['smile', 'loyaltylion', 'yotpo', 'rivo', 'bon', 'ours', 'generic'] as const;
export type BalanceLayoutName = (typeof BALANCE_LAYOUT_NAMES)[number];

export interface BalanceDryRunResponse {
  job: ImportJobView;
}
