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
  // Bookings (web/core/bookings). Staff at the desk know when an appointment is: they set an unreadable
  // time and check customers in (which only ever moves pending points). A no-show or cancellation voids
  // or claws back points, and a reschedule by hand moves credited points: managers and owners.
  'PUT /orders/appointment-issues/:lineItemId/time': { role: 'staff', audit: { action: 'booking.time_set' } },
  'GET /members/:id/bookings': { role: 'staff' },
  'POST /bookings/check-in': { role: 'staff', audit: { action: 'booking.check_in' } },
  'POST /bookings/outcome': { role: 'manager', audit: { action: 'booking.outcome' } },
  'POST /bookings/reschedule': { role: 'manager', audit: { action: 'booking.reschedule' } },
  'GET /bookings/review': { role: 'staff' },
  // Matching a booking event's unknown customer to a member gives that member the booking's points.
  'POST /bookings/review/:id/assign': { role: 'manager', audit: { action: 'booking.assign_member' } },
  // The endpoint's signing secret and the Acuity API key: owners only, like the shop's other credentials.
  'GET /bookings/settings': { role: 'owner' },
  'PUT /bookings/settings': { role: 'owner', audit: { action: 'bookings.settings' } },
  'POST /bookings/settings/secret': { role: 'owner', audit: { action: 'bookings.secret_rotate' } },
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
  // Locations: everyone sees the names (of their own locations when limited); managers ask for a fresh sync.
  'GET /locations': { role: 'staff' },
  'GET /locations/figures': { role: 'staff' },
  'POST /locations/sync': { role: 'manager', audit: { action: 'locations.sync' } },
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
  // Double-points periods are a campaign tool (issue 16): managers and owners, like campaigns.
  'GET /multipliers': { role: 'staff' },
  'POST /multipliers': { role: 'manager', audit: { action: 'multiplier.create' } },
  'DELETE /multipliers/:id': { role: 'manager', audit: { action: 'multiplier.delete' } },
  // Campaigns give points and send marketing: managers and owners only, staff 403 even to look.
  'GET /campaigns': { role: 'manager' },
  'POST /campaigns': { role: 'manager', audit: { action: 'campaign.create' } },
  'PATCH /campaigns/:id': { role: 'manager', audit: { action: 'campaign.update' } },
  'DELETE /campaigns/:id': { role: 'manager', audit: { action: 'campaign.delete' } },
  'POST /campaigns/preview': { role: 'manager', changesNothing: true },
  // Points expiry: the rule, and giving one member's expired points back (the domain writes the audit row).
  'GET /settings/expiry': { role: 'staff' },
  'PUT /settings/expiry': { role: 'manager', audit: { action: 'settings.expiry' } },
  'POST /members/:id/entries/:entryId/reverse-expiry': { role: 'manager', audit: { action: 'member.expiry.reverse', recordedBy: 'handler' } },
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
  // Customer groups and tiers (issue 15): everyone reads them (staff see a customer's groups and tier at
  // the counter); managers and owners create, change, order and archive them and choose the members of
  // manual groups. The domain writes each audit row in the change's transaction.
  'GET /groups': { role: 'staff' },
  'GET /groups/stats': { role: 'staff' },
  'PUT /groups/tiers': { role: 'manager', audit: { action: 'group.tiers', recordedBy: 'handler' } },
  'GET /groups/:id': { role: 'staff' },
  'POST /groups': { role: 'manager', audit: { action: 'group.create', recordedBy: 'handler' } },
  'PATCH /groups/:id': { role: 'manager', audit: { action: 'group.update', recordedBy: 'handler' } },
  'DELETE /groups/:id': { role: 'manager', audit: { action: 'group.archive', recordedBy: 'handler' } },
  'POST /groups/:id/members': { role: 'manager', audit: { action: 'group.members.add', recordedBy: 'handler' } },
  'POST /groups/:id/members/remove': { role: 'manager', audit: { action: 'group.members.remove', recordedBy: 'handler' } },
  'DELETE /groups/:id/members/:memberId': { role: 'manager', audit: { action: 'group.members.remove', recordedBy: 'handler' } },
  // A dry run writes nothing; an apply writes its audit row with the memberships.
  'POST /groups/:id/members/import': { role: 'manager', audit: { action: 'group.members.import', recordedBy: 'handler' } },
  'GET /members/:id/groups': { role: 'staff' },
  // Bulk messages reach many customers at once (and cost money per SMS): managers and owners.
  'GET /bulk-messages': { role: 'manager' },
  'GET /bulk-messages/audiences': { role: 'manager' },
  'POST /bulk-messages/preview': { role: 'manager', changesNothing: true },
  // Like the SMTP connection test: one e-mail to the staff member's own address, nothing stored.
  'POST /bulk-messages/test': { role: 'manager', changesNothing: true },
  'POST /bulk-messages': { role: 'manager', audit: { action: 'bulk-message.create', recordedBy: 'handler' } },
  'GET /bulk-messages/:id': { role: 'manager' },
  'GET /bulk-messages/:id/recipients': { role: 'manager' },
  'POST /bulk-messages/:id/cancel': { role: 'manager', audit: { action: 'bulk-message.cancel', recordedBy: 'handler' } },
  'GET /settings/sms-pricing': { role: 'manager' },
  'PUT /settings/sms-pricing': { role: 'owner', audit: { action: 'settings.sms-pricing' } },
  // Which channels each event's message uses: like the templates, the owner's choice.
  'GET /message-channels': { role: 'staff' },
  'PUT /message-channels/:event': { role: 'owner', audit: { action: 'message-channels.update' } },
  // Demo mode's outgoing mail (empty outside demo mode).
  'GET /caught-messages': { role: 'staff' },
  'GET /caught-messages/:id': { role: 'staff' },
  // A failed message sent again after its cause was fixed.
  'POST /messages/:id/retry': { role: 'staff', audit: { action: 'message.retry', recordedBy: 'handler' } },
  // Onboarding imports (customers, past orders, balances from another app): managers and owners.
  'GET /imports': { role: 'manager' },
  'GET /imports/:id': { role: 'manager' },
  'POST /imports/customers': { role: 'manager', audit: { action: 'imports.customers' } },
  'POST /imports/past-orders': { role: 'manager', audit: { action: 'imports.past-orders' } },
  'POST /imports/balances': { role: 'manager', audit: { action: 'imports.balances' } },
  'POST /imports/:id/confirm': { role: 'manager', audit: { action: 'imports.confirm', recordedBy: 'handler' } },
  'GET /staff': { role: 'owner' },
  'PUT /staff/:userId': { role: 'owner', audit: { action: 'staff.update', recordedBy: 'handler' } },
  // The rule builder's live count: reads only, but groups are for managers and owners.
  'POST /groups/preview': { role: 'manager', changesNothing: true },
};
