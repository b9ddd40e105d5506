// Every webhook topic we subscribe to (shopify.app.toml) and the file that handles it.
import { appUninstalled } from './app-uninstalled';
import { customersDataRequest, customersRedact, shopRedact } from './compliance';
import { customersCreate } from './customers-create';
import { customersUpdate } from './customers-update';
import { locationsCreate, locationsDelete, locationsUpdate } from './location-topic-handler';
import { ordersCancelled } from './orders-cancelled';
import { ordersCreate } from './orders-create';
import { ordersFulfilled } from './orders-fulfilled';
import { ordersPaid } from './orders-paid';
import { ordersUpdated } from './orders-updated';
import { refundsCreate } from './refunds-create';
import type { WebhookHandler } from './webhook-handler';

export const webhookHandlers: WebhookHandler[] = [
  ordersCreate,
  ordersPaid,
  ordersUpdated,
  ordersCancelled,
  ordersFulfilled,
  refundsCreate,
  customersCreate,
  customersUpdate,
  locationsCreate,
  locationsUpdate,
  locationsDelete,
  appUninstalled,
  customersDataRequest,
  customersRedact,
  shopRedact,
];
