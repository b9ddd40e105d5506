import { orderTopicHandler } from './order-topic-handler';

export const ordersCreate = orderTopicHandler('orders/create', 'created');
