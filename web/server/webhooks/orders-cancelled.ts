import { orderTopicHandler } from './order-topic-handler';

export const ordersCancelled = orderTopicHandler('orders/cancelled', 'cancelled');
