import { customerTopicHandler } from './customer-topic-handler';

export const customersUpdate = customerTopicHandler('customers/update', 'update');
