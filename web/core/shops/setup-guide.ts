// The dashboard's setup guide: the six things a new shop does before customers see a working
// programme. Four are read from the data (the app can see them); the two it cannot see from here
// (the widget in the theme, the programme announced/on) the owner ticks off. Done = every step done,
// and the guide disappears.
import { z } from 'zod';
import type { Prisma } from '../db-client';

export const setupSteps = ['services', 'reward', 'testBooking', 'widget', 'email', 'programOn'] as const;
export type SetupStep = (typeof setupSteps)[number];

/** The steps the app cannot verify itself; only these can be marked done by hand. */
export const manualSetupSteps = ['widget', 'programOn'] as const satisfies readonly SetupStep[];
export const manualStepSchema = z.enum(manualSetupSteps);
export type ManualSetupStep = z.infer<typeof manualStepSchema>;

export type EmailServer = 'shop' | 'app' | null;

export interface SetupGuide {
  steps: Array<{ id: SetupStep; done: boolean; manual: boolean }>;
  completed: number;
  total: number;
  done: boolean;
  /** Which SMTP server sends the e-mails: the shop's own, the app's, or none (nothing is sent). */
  emailServer: EmailServer;
}

function parseDone(text: string | undefined): ManualSetupStep[] {
  try {
    const parsed: unknown = JSON.parse(text ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((step): step is ManualSetupStep => manualStepSchema.safeParse(step).success) : [];
  } catch {
    return [];
  }
}

export async function readSetupGuide(prisma: Prisma, shopId: string, options: { appEmailServer: boolean }): Promise<SetupGuide> {
  const [services, rewards, paidOrders, shopSmtp, settings] = await Promise.all([
    prisma.productLoyalty.count({ where: { shopId, isService: true, enabled: true } }),
    prisma.giftCardReward.count({ where: { shopId, enabled: true, archivedAt: null } }),
    prisma.orderRecord.count({ where: { shopId, paidAt: { not: null } } }),
    prisma.shopSmtpSettings.count({ where: { shopId } }),
    prisma.programSettings.findUnique({ where: { shopId }, select: { setupStepsDone: true, pointsPerCurrencyUnit: true, pointsPerVisit: true, earningMode: true } }),
  ]);
  const earns = !settings || settings.earningMode === 'spend_tiers' || settings.pointsPerCurrencyUnit > 0 || settings.pointsPerVisit > 0;
  const emailServer: EmailServer = shopSmtp > 0 ? 'shop' : options.appEmailServer ? 'app' : null;
  const manual = new Set(parseDone(settings?.setupStepsDone));
  const state: Record<SetupStep, boolean> = {
    services: services > 0 && earns,
    reward: rewards > 0,
    testBooking: paidOrders > 0,
    widget: manual.has('widget'),
    email: emailServer !== null,
    programOn: manual.has('programOn'),
  };
  const steps = setupSteps.map((id) => ({ id, done: state[id], manual: (manualSetupSteps as readonly string[]).includes(id) }));
  const completed = steps.filter((step) => step.done).length;
  return { steps, completed, total: steps.length, done: completed === steps.length, emailServer };
}

/** Ticks a step the app cannot see on or off. */
export async function markSetupStep(prisma: Prisma, shopId: string, step: ManualSetupStep, done: boolean): Promise<void> {
  const row = await prisma.programSettings.upsert({ where: { shopId }, create: { shopId }, update: {}, select: { setupStepsDone: true } });
  const current = new Set(parseDone(row.setupStepsDone));
  if (done) current.add(step);
  else current.delete(step);
  await prisma.programSettings.update({ where: { shopId }, data: { setupStepsDone: JSON.stringify(manualSetupSteps.filter((id) => current.has(id))) } });
}
