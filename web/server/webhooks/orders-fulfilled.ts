import { orderTopicHandler } from './order-topic-handler';

export const ordersFulfilled = orderTopicHandler('orders/fulfilled', 'fulfilled');
