import { customerTopicHandler } from './customer-topic-handler';

export const customersCreate = customerTopicHandler('customers/create', 'create');
