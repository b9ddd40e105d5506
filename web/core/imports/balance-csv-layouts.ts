// The customer/points files of the big Shopify loyalty apps, recognised from their header row. Headers
// are compared without case, spaces or punctuation ("Points Balance" = "points_balance"). What each
// layout is based on (see docs/onboarding.md for the sources and what could not be confirmed):
// - Smile.io: its points CSV is `email,points` (help.smile.io, "Import points with a CSV file"); the
//   columns of Smile's own customer export are not documented publicly, so `points balance` is accepted too.
// - LoyaltyLion: customer ID, email, points, enrolled (help.loyaltylion.com, "Managing members");
//   its customer export lets the merchant pick and rename columns, so only these names are known.
// - Yotpo Loyalty (formerly Swell): Email, First Name, Last Name, Full Name, Points Balance, Points Spent
//   (support.yotpo.com, "Importing/Exporting Points and Customers"); its export adds a referral link.
// - Rivo: Email, Points Balance, Birthdate, VIP Tier, Activation Date, Credits Balance (help.rivo.io,
//   "Using CSV files to manage Loyalty data in bulk").
// - BON Loyalty: Shopify customer ID, customer e-mail, points (bonloyalty.com, "Import customer data
//   via CSV file"); the exact header spelling is not shown there.
// - ours: the points report export of this app (web/core/reports/export-report.ts), one row per ledger
//   entry: completed rows are imported, each as its own entry.
import type { BalanceLayoutName } from '../../contracts/imports-api';

export interface BalanceLayout {
  name: BalanceLayoutName;
  /** shown to staff and written into each entry's description */
  sourceApp: string;
  /** every one of these headers must be present */
  requires: string[];
  /** and at least one of these (none: no further condition) */
  anyOf: string[];
  columns: { customerId: string[]; email: string[]; points: string[]; firstName: string[]; lastName: string[]; status?: string[] };
  /** ours: entries may be negative (redemptions), and only completed ones count */
  allowsNegative: boolean;
  /** the status value of rows that count (ours only) */
  countedStatus?: string;
}

export const normaliseHeader = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

const common = { firstName: ['firstname'], lastName: ['lastname'] };

export const BALANCE_LAYOUTS: BalanceLayout[] = [
  {
    name: 'ours', sourceApp: 'Service Loyalty', requires: ['email', 'points', 'status', 'entryid', 'memberid'], anyOf: [],
    columns: { customerId: [], email: ['email'], points: ['points'], firstName: [], lastName: [], status: ['status'] }, allowsNegative: true, countedStatus: 'completed',
  },
  {
    name: 'rivo', sourceApp: 'Rivo', requires: ['email', 'pointsbalance'], anyOf: ['viptier', 'activationdate', 'creditsbalance', 'birthdate'],
    columns: { customerId: ['customerid', 'shopifycustomerid'], email: ['email'], points: ['pointsbalance'], ...common }, allowsNegative: false,
  },
  {
    name: 'yotpo', sourceApp: 'Yotpo Loyalty (Swell)', requires: ['email'], anyOf: ['pointsspent', 'referrallink', 'currentpointsbalance', 'fullname'],
    columns: { customerId: ['customerid', 'shopifycustomerid'], email: ['email'], points: ['pointsbalance', 'currentpointsbalance', 'points'], ...common }, allowsNegative: false,
  },
  {
    name: 'loyaltylion', sourceApp: 'LoyaltyLion', requires: ['email'], anyOf: ['enrolled', 'pointsapproved', 'approvedpoints'],
    columns: { customerId: ['customerid', 'merchantid', 'shopifyid'], email: ['email'], points: ['pointsapproved', 'approvedpoints', 'points'], ...common }, allowsNegative: false,
  },
  {
    name: 'bon', sourceApp: 'BON Loyalty', requires: ['points'], anyOf: ['shopifycustomerid', 'shopifycustomerids', 'customeremail', 'customeremails'],
    columns: { customerId: ['shopifycustomerid', 'shopifycustomerids', 'customerid'], email: ['customeremail', 'customeremails', 'email'], points: ['points'], ...common }, allowsNegative: false,
  },
  {
    name: 'smile', sourceApp: 'Smile.io', requires: ['email'], anyOf: ['points', 'pointsbalance'],
    columns: { customerId: ['customerid'], email: ['email'], points: ['points', 'pointsbalance'], ...common }, allowsNegative: false,
  },
  {
    name: 'generic', sourceApp: 'another loyalty app', requires: [], anyOf: [],
    columns: { customerId: ['shopifycustomerid', 'customerid', 'shopifyid', 'id'], email: ['email', 'emailaddress', 'customeremail'], points: ['points', 'pointsbalance', 'balance'], ...common }, allowsNegative: false,
  },
];

export interface DetectedLayout {
  layout: BalanceLayout;
  /** column index of each field, -1 when the file has none */
  index: { customerId: number; email: number; points: number; firstName: number; lastName: number; status: number };
}

/** The first layout whose headers the file has; null when no layout has a customer and a points column. */
export function detectBalanceLayout(headerFields: string[]): DetectedLayout | null {
  const headers = headerFields.map(normaliseHeader);
  const find = (names: string[] | undefined) => {
    for (const name of names ?? []) {
      const at = headers.indexOf(name);
      if (at >= 0) return at;
    }
    return -1;
  };
  for (const layout of BALANCE_LAYOUTS) {
    if (!layout.requires.every((h) => headers.includes(h))) continue;
    if (layout.anyOf.length > 0 && !layout.anyOf.some((h) => headers.includes(h))) continue;
    const index = {
      customerId: find(layout.columns.customerId), email: find(layout.columns.email), points: find(layout.columns.points),
      firstName: find(layout.columns.firstName), lastName: find(layout.columns.lastName), status: find(layout.columns.status),
    };
    if (index.points < 0 || (index.customerId < 0 && index.email < 0)) continue;
    return { layout, index };
  }
  return null;
}
