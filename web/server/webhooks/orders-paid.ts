import { orderTopicHandler } from './order-topic-handler';

export const ordersPaid = orderTopicHandler('orders/paid', 'paid');
