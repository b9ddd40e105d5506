import type { Prisma } from '../db-client';

export async function listAppointmentIssues(prisma: Prisma, shopId: string, limit = 200) {
  const lines = await prisma.orderLine.findMany({
    where: { shopId, appointmentStatus: 'unparseable' },
    orderBy: { createdAt: 'desc' },
    take: limit,
    include: { order: { select: { shopifyOrderId: true, name: true, processedAt: true } } },
  });
  return lines.map((line) => ({
    lineItemId: line.shopifyLineItemId,
    orderId: line.order.shopifyOrderId,
    orderName: line.order.name,
    title: line.title,
    issue: line.appointmentIssue,
    properties: JSON.parse(line.rawProperties) as Array<{ name: string; value: string }>,
    creditedFrom: line.order.processedAt,
  }));
}
