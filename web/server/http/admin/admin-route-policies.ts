// Who may call each admin API route, in one table: the minimum staff role, and for every route that
// changes something, the audit action (StaffAction.action) its successful call leaves behind.
// authorizeAdminRoute (../authorize-admin-route.ts) enforces it before any route runs: a route missing
// here is not served (404), so a new route is refused until someone decides who may call it; a test
// walks the app's router and fails for any /api route without an entry, or a write without an audit row.
import type { StaffRole } from '../../../core/staff/staff-roles';

export type AdminRouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface AdminRoutePolicy {
  role: StaffRole;
  /**
   * Writes only: the audit action recorded for a successful call. `recordedBy: 'handler'` means the
   * route or the domain writes that row itself (in the change's transaction, with richer details);
   * otherwise authorizeAdminRoute writes it before the answer leaves.
   */
  audit?: { action: string; recordedBy?: 'handler' };
  /** A POST that changes nothing we store (previews, dry runs, connection tests): no audit row. */
  changesNothing?: true;
}

export const adminRoutePolicies: Record<`${AdminRouteMethod} /${string}`, AdminRoutePolicy> = {
  'GET /me': { role: 'staff' },
  'GET /dashboard': { role: 'staff' },
  'GET /dashboard/stats': { role: 'staff' },
  'GET /setup': { role: 'staff' },
  // The owner ticks off a setup step the app cannot see (widget in the theme, programme announced).
  'PUT /setup/steps/:step': { role: 'owner', audit: { action: 'setup.step' } },
  'GET /orders/appointment-issues': { role: 'staff' },
  'GET /members': { role: 'staff' },
  'GET /members/:id': { role: 'staff' },
  'GET /members/:id/history': { role: 'staff' },
  // Staff adjust within their own adjustLimit (checked by the domain).
  'POST /members/:id/adjustments': { role: 'staff', audit: { action: 'member.adjust', recordedBy: 'handler' } },
  'POST /adjustments/bulk': { role: 'manager', audit: { action: 'adjustments.bulk', recordedBy: 'handler' } },
  'GET /members/:memberId/consents': { role: 'staff' },
  'POST /members/:memberId/consents': { role: 'staff', audit: { action: 'member.consent' } },
  'GET /messages': { role: 'staff' },
  'GET /webhooks/failed': { role: 'staff' },
  'GET /tasks/queue': { role: 'staff' },
  'POST /webhooks/failed/retry': { role: 'staff', audit: { action: 'webhooks.retry' } },
  'GET /report': { role: 'staff' },
  'GET /report/filter-options': { role: 'staff' },
  'GET /report/export': { role: 'manager', audit: { action: 'report.export', recordedBy: 'handler' } },
  'GET /products': { role: 'staff' },
  'GET /products/:productId/loyalty': { role: 'staff' },
  'PUT /products/:productId/loyalty': { role: 'manager', audit: { action: 'products.loyalty', recordedBy: 'handler' } },
  'PUT /products-loyalty': { role: 'manager', audit: { action: 'products.loyalty.bulk', recordedBy: 'handler' } },
  'GET /rewards': { role: 'staff' },
  'POST /rewards': { role: 'manager', audit: { action: 'reward.create' } },
  'PATCH /rewards/:id': { role: 'manager', audit: { action: 'reward.update' } },
  'DELETE /rewards/:id': { role: 'manager', audit: { action: 'reward.archive' } },
  'GET /redemptions': { role: 'staff' },
  'POST /redemptions': { role: 'staff', audit: { action: 'redemption.create' } },
  'POST /redemptions/:id/deactivate': { role: 'manager', audit: { action: 'redemption.deactivate' } },
  // Alerts the app raised (e.g. the redemption sweeper): everyone sees them, managers acknowledge.
  'GET /alerts': { role: 'staff' },
  'POST /alerts/:id/acknowledge': { role: 'manager', audit: { action: 'alert.acknowledge', recordedBy: 'handler' } },
  // A multiplier changes what every order earns, like the programme settings.
  'GET /multipliers': { role: 'staff' },
  'POST /multipliers': { role: 'owner', audit: { action: 'multiplier.create' } },
  'DELETE /multipliers/:id': { role: 'owner', audit: { action: 'multiplier.delete' } },
  'GET /settings/program': { role: 'staff' },
  'PATCH /settings/program': { role: 'owner', audit: { action: 'settings.program', recordedBy: 'handler' } },
  'POST /settings/booking-properties/test': { role: 'staff', changesNothing: true },
  'GET /message-templates': { role: 'staff' },
  'GET /message-templates/:event/:language': { role: 'staff' },
  'PUT /message-templates/:event/:language': { role: 'owner', audit: { action: 'message-template.update' } },
  'DELETE /message-templates/:event/:language': { role: 'owner', audit: { action: 'message-template.reset' } },
  'POST /message-templates/:event/:language/preview': { role: 'staff', changesNothing: true },
  'GET /settings/smtp': { role: 'staff' },
  'PUT /settings/smtp': { role: 'owner', audit: { action: 'settings.smtp' } },
  'DELETE /settings/smtp': { role: 'owner', audit: { action: 'settings.smtp.delete' } },
  'POST /settings/smtp/test': { role: 'owner', changesNothing: true },
  'GET /consent-types': { role: 'staff' },
  'POST /consent-types': { role: 'owner', audit: { action: 'consent-type.create' } },
  'PATCH /consent-types/:id': { role: 'owner', audit: { action: 'consent-type.update' } },
  'DELETE /consent-types/:id': { role: 'owner', audit: { action: 'consent-type.delete' } },
  'GET /staff': { role: 'owner' },
  'PUT /staff/:userId': { role: 'owner', audit: { action: 'staff.update', recordedBy: 'handler' } },
  // The rule builder's live count: reads only, but groups are for managers and owners.
  'POST /groups/preview': { role: 'manager', changesNothing: true },
};
