// Who is using the admin: GET /api/me gives the staff member's role and adjustment limit and the shop's
// currency. Pages hide or disable what the role may not do; the server enforces the same rules.
import { createContext, useContext } from 'react';

export type StaffRole = 'owner' | 'manager' | 'staff';

export interface Me {
  userId: string;
  role: StaffRole;
  /** Largest absolute manual adjustment this user may make; null means no limit. */
  adjustLimit: number | null;
  /** Location GIDs the user is limited to (members and report); empty or absent = every location. */
  locationIds?: string[];
  shop: { name: string; domain: string; currency: string; locale: string; timezone: string };
}

export interface Permissions {
  adjust: boolean;
  adjustLimit: number | null;
  export: boolean;
  editProducts: boolean;
  editSettings: boolean;
  bulkAdjust: boolean;
  /** Create, edit and disable gift card rewards (managers and owners). */
  editRewards: boolean;
  /** Message templates, the SMTP server and consent types (owners). */
  editMessaging: boolean;
  /** Create, change and archive groups and tiers, and choose the members of manual groups (managers and owners). */
  editGroups: boolean;
  /** Campaigns, double-points periods and points expiry (managers and owners). */
  manageCampaigns: boolean;
  /** Onboarding imports: customers, past orders, balances from another app (managers and owners). */
  imports: boolean;
}

/** While /api/me is unknown (not loaded, or an older server without it) nothing is hidden: the server decides. */
export function permissionsOf(me: Me | undefined): Permissions {
  if (!me) return { adjust: true, adjustLimit: null, export: true, editProducts: true, editSettings: true, bulkAdjust: true, editRewards: true, editMessaging: true, editGroups: true, manageCampaigns: true, imports: true };
  const atLeastManager = me.role === 'owner' || me.role === 'manager';
  return {
    adjust: me.adjustLimit === null || me.adjustLimit > 0,
    adjustLimit: me.adjustLimit,
    export: atLeastManager,
    editProducts: atLeastManager,
    editSettings: me.role === 'owner',
    bulkAdjust: atLeastManager,
    editRewards: atLeastManager,
    editMessaging: me.role === 'owner',
    editGroups: atLeastManager,
    manageCampaigns: atLeastManager,
    imports: atLeastManager,
  };
}

export interface MeState {
  me: Me | undefined;
  permissions: Permissions;
}

export const MeContext = createContext<MeState>({ me: undefined, permissions: permissionsOf(undefined) });

export function useMe(): MeState {
  return useContext(MeContext);
}
