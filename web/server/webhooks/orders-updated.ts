import { orderTopicHandler } from './order-topic-handler';

export const ordersUpdated = orderTopicHandler('orders/updated', 'updated');
