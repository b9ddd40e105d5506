// The only reader of process.env. Parsed once with zod; a bad value stops the app with one line naming it.
import { z } from 'zod';

const DEMO_API_KEY = 'demo-api-key';
const DEMO_API_SECRET = 'demo-api-secret-change-me';
export const DEMO_SHOP_DOMAIN = 'demo-salon.myshopify.com';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { message: 'must be development, production or test' }).default('development'),
  PORT: z.coerce.number({ message: 'must be a port number' }).int('must be a whole number').min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with file: (SQLite) or postgresql:// (PostgreSQL)')
    .default('file:./data/loyalty.db'),
  DATABASE_POOL_SIZE: z.coerce.number({ message: 'must be a number' }).int().min(1).max(200).default(10),
  SHOPIFY_API_KEY: z.string().min(1, 'must not be empty when set').optional(),
  SHOPIFY_API_SECRET: z.string().min(8, 'must be at least 8 characters').optional(),
  SCOPES: z
    .string()
    .regex(/^[a-z_]+(,[a-z_]+)*$/, 'must be a comma-separated list of scopes such as read_orders,write_gift_cards')
    .default('read_products,read_orders,read_customers,write_customers,read_gift_cards,write_gift_cards,read_store_credit_accounts,write_store_credit_account_transactions,read_locations,read_discounts,write_discounts'),
  SHOPIFY_APP_URL: z.url({ message: 'must be an absolute URL such as https://loyalty.example.com' }).optional(),
  SHOPIFY_API_VERSION: z.string().regex(/^\d{4}-\d{2}$/, 'must look like 2026-07').default('2026-07'),
  /** Where Admin API and token-exchange calls go instead of https://{shop}; set in demo mode and tests. */
  SHOPIFY_SIMULATOR_URL: z.url({ message: 'must be an absolute URL' }).optional(),
  ACUITY_API_URL: z.url({ message: 'must be an absolute URL' }).optional(),
  ENCRYPTION_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/, 'must look like 1mb or 512kb').default('1mb'),
  RUN_JOBS_IN_WEB: booleanFlag.optional(),
  CREDIT_BATCH_SIZE: z.coerce.number({ message: 'must be a number' }).int().min(1).max(100_000).default(5000),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number({ message: 'must be a port number' }).int().min(1).max(65535).default(587),
  SMTP_SECURE: booleanFlag.default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().min(3).default('Loyalty <loyalty@localhost>'),
  // UNSAFE, development and tests only: lets shops' own SMTP settings reach loopback and private
  // addresses (see web/server/messaging/smtp-host-guard.ts). Refused when NODE_ENV=production.
  UNSAFE_SMTP_ALLOW_PRIVATE_HOSTS: booleanFlag.default(false),
  SMS_PROVIDER: z.enum(['log', 'twilio']).default('log'),
  TWILIO_ACCOUNT_SID: z.string().optional(),
  TWILIO_AUTH_TOKEN: z.string().optional(),
  TWILIO_FROM: z.string().optional(),
  /** Twilio's API host; tests and local development point it at a fake speaking the same Messages API. */
  TWILIO_BASE_URL: z.url().optional(),
  OUTBOX_BATCH_SIZE: z.coerce.number({ message: 'must be a number' }).int().min(1).max(5000).default(200),
  REDEMPTION_STUCK_AFTER_SECONDS: z.coerce.number({ message: 'must be a number' }).int().min(60).max(86_400).default(900),
  OUTBOX_LEASE_SECONDS: z.coerce.number({ message: 'must be a number' }).int().min(10).max(3600).default(120),
  /** Test hook only: the send-outbox job kills its own process right after claiming (crash tests). */
  OUTBOX_CRASH_AFTER_CLAIM: booleanFlag.default(false),
  /** Test hook only: the send-outbox job kills its own process after recording this many sent messages. */
  OUTBOX_CRASH_AFTER_SENT: z.coerce.number().int().min(1).optional(),
  /** Members per fan-out chunk of a bulk message (one INSERT … SELECT and checkpoint each). */
  BULK_FAN_OUT_CHUNK: z.coerce.number({ message: 'must be a number' }).int().min(1).max(50_000).default(5000),
  /** Test hook only: the bulk-messages job kills its own process after this many fan-out chunks. */
  BULK_CRASH_AFTER_CHUNKS: z.coerce.number().int().min(1).optional(),
  TASK_BATCH_SIZE: z.coerce.number({ message: 'must be a number' }).int().min(1).max(2000).default(200),
  TASK_CLAIMERS: z.coerce.number({ message: 'must be a number' }).int().min(1).max(32).default(2),
});

export type DatabaseKind = 'sqlite' | 'postgresql';

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  demoMode: boolean;
  port: number;
  host: string;
  logLevel: string;
  database: { url: string; kind: DatabaseKind; poolSize: number };
  shopify: {
    apiKey: string;
    apiSecret: string;
    scopes: string[];
    appUrl: string;
    apiVersion: string;
    simulatorUrl: string | undefined;
  };
  encryptionKey: string;
  bodyLimit: string;
  runJobsInWeb: boolean;
  /** pending credits posted per transaction by the crediting job */
  creditBatchSize: number;
  smtp: {
    host: string | undefined; port: number; secure: boolean; user: string | undefined; password: string | undefined; from: string;
    /** shops' own SMTP hosts may be loopback/private: demo mode, or UNSAFE_SMTP_ALLOW_PRIVATE_HOSTS outside production */
    allowPrivateShopHosts: boolean;
  };
  sms: { provider: 'log' | 'twilio'; twilioAccountSid?: string; twilioAuthToken?: string; twilioFrom?: string; twilioBaseUrl?: string };
  /** the sweeper settles a redemption whose last attempt is older than this and that no task is about to run */
  redemptionStuckAfterMs: number;
  /** the send-outbox job: messages claimed per batch, how long a claim is held, and a crash-test hook */
  outbox: { batchSize: number; leaseMs: number; crashAfterClaim: boolean; crashAfterSent?: number };
  /** the bulk-messages job: members per fan-out chunk, and a crash-test hook */
  bulk: { fanOutChunk: number; crashAfterChunks?: number };
  /** the process-tasks job: tasks claimed per batch, and claimers running at once in one process */
  tasks: { batchSize: number; claimers: number };
  /** Acuity Scheduling's API base URL (the booking-events adapter reads appointments there; tests point it at the simulator) */
  acuityApiUrl: string;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, detail: string) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

export function databaseKindOf(url: string): DatabaseKind {
  return url.startsWith('file:') ? 'sqlite' : 'postgresql';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Empty strings in .env files mean "unset", as most dotenv users expect.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    const got = present[variable];
    const shown = variable.includes('SECRET') || variable.includes('PASSWORD') || variable.includes('KEY') ? '' : got === undefined ? ' (missing)' : ` (got "${got}")`;
    throw new ConfigError(variable, `${issue.message}${shown}`);
  }
  const e = parsed.data;
  const demoMode = e.SHOPIFY_API_KEY === undefined;
  if (!demoMode && !e.SHOPIFY_API_SECRET) throw new ConfigError('SHOPIFY_API_SECRET', 'is required when SHOPIFY_API_KEY is set');
  if (!demoMode && !e.SHOPIFY_APP_URL) throw new ConfigError('SHOPIFY_APP_URL', 'is required when SHOPIFY_API_KEY is set');
  if (e.SMS_PROVIDER === 'twilio' && (!e.TWILIO_ACCOUNT_SID || !e.TWILIO_AUTH_TOKEN || !e.TWILIO_FROM)) {
    throw new ConfigError(!e.TWILIO_ACCOUNT_SID ? 'TWILIO_ACCOUNT_SID' : !e.TWILIO_AUTH_TOKEN ? 'TWILIO_AUTH_TOKEN' : 'TWILIO_FROM', 'is required when SMS_PROVIDER=twilio');
  }
  if (e.UNSAFE_SMTP_ALLOW_PRIVATE_HOSTS && e.NODE_ENV === 'production') {
    throw new ConfigError('UNSAFE_SMTP_ALLOW_PRIVATE_HOSTS', 'must not be set when NODE_ENV=production');
  }
  const apiSecret = e.SHOPIFY_API_SECRET ?? DEMO_API_SECRET;
  return {
    env: e.NODE_ENV,
    demoMode,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    database: { url: e.DATABASE_URL, kind: databaseKindOf(e.DATABASE_URL), poolSize: e.DATABASE_POOL_SIZE },
    shopify: {
      apiKey: e.SHOPIFY_API_KEY ?? DEMO_API_KEY,
      apiSecret,
      scopes: e.SCOPES.split(','),
      appUrl: (e.SHOPIFY_APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
      apiVersion: e.SHOPIFY_API_VERSION,
      simulatorUrl: e.SHOPIFY_SIMULATOR_URL?.replace(/\/$/, ''),
    },
    // Derived from the app secret unless given, so demo mode needs no extra setup.
    encryptionKey: e.ENCRYPTION_KEY ?? `derived-from-api-secret:${apiSecret}`,
    bodyLimit: e.BODY_LIMIT,
    runJobsInWeb: e.RUN_JOBS_IN_WEB ?? demoMode,
    creditBatchSize: e.CREDIT_BATCH_SIZE,
    smtp: {
      host: e.SMTP_HOST, port: e.SMTP_PORT, secure: e.SMTP_SECURE, user: e.SMTP_USER, password: e.SMTP_PASSWORD, from: e.SMTP_FROM,
      allowPrivateShopHosts: demoMode || e.UNSAFE_SMTP_ALLOW_PRIVATE_HOSTS,
    },
    sms: { provider: e.SMS_PROVIDER, twilioAccountSid: e.TWILIO_ACCOUNT_SID, twilioAuthToken: e.TWILIO_AUTH_TOKEN, twilioFrom: e.TWILIO_FROM, ...(e.TWILIO_BASE_URL ? { twilioBaseUrl: e.TWILIO_BASE_URL } : {}) },
    redemptionStuckAfterMs: e.REDEMPTION_STUCK_AFTER_SECONDS * 1000,
    outbox: { batchSize: e.OUTBOX_BATCH_SIZE, leaseMs: e.OUTBOX_LEASE_SECONDS * 1000, crashAfterClaim: e.OUTBOX_CRASH_AFTER_CLAIM, ...(e.OUTBOX_CRASH_AFTER_SENT ? { crashAfterSent: e.OUTBOX_CRASH_AFTER_SENT } : {}) },
    bulk: { fanOutChunk: e.BULK_FAN_OUT_CHUNK, ...(e.BULK_CRASH_AFTER_CHUNKS ? { crashAfterChunks: e.BULK_CRASH_AFTER_CHUNKS } : {}) },
    tasks: { batchSize: e.TASK_BATCH_SIZE, claimers: e.TASK_CLAIMERS },
    acuityApiUrl: (e.ACUITY_API_URL ?? 'https://acuityscheduling.com/api/v1').replace(/\/$/, ''),
  };
}
