// The JSON shapes of the points expiry settings (GET/PUT /api/settings/expiry) and the reversal of an
// expiry entry (POST /api/members/:id/entries/:entryId/reverse-expiry). Type-only.

export interface PointsExpirySettingsView {
  enabled: boolean;
  /** points expire after this many months without an earn or a redemption */
  inactivityMonths: number;
  /** the points_expiring message goes out this many days before */
  warningDays: number;
}

export interface ExpiryReversalAnswer {
  reversalEntryId: string;
  points: number;
  balance: number;
}
