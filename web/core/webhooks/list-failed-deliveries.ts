import type { Prisma } from '../db-client';

export interface FailedDelivery {
  taskId: string;
  topic: string | null;
  webhookId: string | null;
  attempts: number;
  lastError: string | null;
  failedAt: Date;
}

export async function listFailedDeliveries(prisma: Prisma, shopDomain: string, limit = 200): Promise<FailedDelivery[]> {
  const tasks = await prisma.task.findMany({ where: { shopDomain, status: 'failed' }, orderBy: { updatedAt: 'desc' }, take: limit });
  const deliveryIds = tasks.map((task) => (JSON.parse(task.payload) as { deliveryId?: string }).deliveryId).filter((id): id is string => Boolean(id));
  const deliveries = await prisma.webhookDelivery.findMany({ where: { id: { in: deliveryIds } }, select: { id: true, topic: true, webhookId: true } });
  const byId = new Map(deliveries.map((delivery) => [delivery.id, delivery]));
  return tasks.map((task) => {
    const delivery = byId.get((JSON.parse(task.payload) as { deliveryId?: string }).deliveryId ?? '');
    return { taskId: task.id, topic: delivery?.topic ?? null, webhookId: delivery?.webhookId ?? null, attempts: task.attempts, lastError: task.lastError, failedAt: task.updatedAt };
  });
}
