import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../../core/db-client';
import {
  changeMemberConsent,
  consentTypeInputSchema,
  consentTypePatchSchema,
  createConsentType,
  deleteConsentType,
  getMemberConsents,
  listConsentTypes,
  updateConsentType,
} from '../../../core/messaging/consent-store';
import { memberScopeOf } from '../../../core/members/visible-members';
import { adminAuthOf } from '../session-token-auth';
import { staffOf } from '../staff-access';

const staffChangeSchema = z.strictObject({
  consentTypeId: z.string().min(1),
  granted: z.boolean(),
  /** e.g. "asked at the front desk"; kept in the history with the staff user. */
  note: z.string().max(500).default(''),
});

export function createConsentsRouter(deps: { db: Db }): Router {
  const router = Router();
  const prisma = deps.db.prisma;
  router.get('/consent-types', async (_req, res) => {
    res.json({ items: await listConsentTypes(prisma, adminAuthOf(res.locals).shopId) });
  });
  router.post('/consent-types', async (req, res) => {
    res.status(201).json(await createConsentType(prisma, adminAuthOf(res.locals).shopId, consentTypeInputSchema.parse(req.body)));
  });
  router.patch('/consent-types/:id', async (req, res) => {
    res.json(await updateConsentType(prisma, adminAuthOf(res.locals).shopId, String(req.params.id), consentTypePatchSchema.parse(req.body)));
  });
  router.delete('/consent-types/:id', async (req, res) => {
    await deleteConsentType(prisma, adminAuthOf(res.locals).shopId, String(req.params.id));
    res.status(204).end();
  });
  router.get('/members/:memberId/consents', async (req, res) => {
    res.json(await getMemberConsents(prisma, adminAuthOf(res.locals).shopId, String(req.params.memberId), memberScopeOf(staffOf(res.locals))));
  });
  router.post('/members/:memberId/consents', async (req, res) => {
    const auth = adminAuthOf(res.locals);
    const change = staffChangeSchema.parse(req.body);
    res.json(await changeMemberConsent(prisma, auth.shopId, String(req.params.memberId), {
      consentTypeId: change.consentTypeId,
      granted: change.granted,
      source: 'staff',
      detail: [`staff:${auth.userId}`, change.note].filter((part) => part !== '').join(' '),
      occurredAt: new Date(),
    }, memberScopeOf(staffOf(res.locals))));
  });
  return router;
}
