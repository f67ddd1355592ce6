import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/** MailTransportName selects how messages leave the service. */
export const MailTransportName = z.enum(['outbox', 'resend', 'smtp']);
export type MailTransportName = z.infer<typeof MailTransportName>;

const port = z.coerce.number().int().min(1).max(65535);

const EnvSchema = z
  .object({
    PORT: port.default(3000),
    DATA_DIR: z.string().min(1).default('./data'),
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    MAIL_TRANSPORT: MailTransportName.default('outbox'),
    MAIL_FROM: z.string().min(3).default('Netwerk Amsterdamse Stadsdorpen <nieuwsbrief@stadsdorpen.nl>'),
    MAIL_REPLY_TO: z.email().optional(),
    UNSUBSCRIBE_MAILTO: z.email().default('afmelden@stadsdorpen.nl'),
    RESEND_API_KEY: z.string().min(1).optional(),
    RESEND_BASE_URL: z.url().optional(),
    RESEND_WEBHOOK_SECRET: z.string().startsWith('whsec_', 'must start with whsec_').optional(),
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    SEND_RATE_PER_SECOND: z.coerce.number().positive().max(1000).default(2),
    DELIVERY_LEASE_SECONDS: z.coerce.number().positive().max(3600).default(120),
    SIGNUP_RATE_PER_MINUTE: z.coerce.number().int().positive().default(10),
    TRUST_PROXY_HOPS: z.coerce
      .number()
      .int()
      .min(0, 'must be 0 (no reverse proxy) or the number of proxies in front')
      .max(5)
      .default(0),
    SETUP_SECRET: z.string().min(16, 'must be at least 16 characters (a long random value)').optional(),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    if (env.MAIL_TRANSPORT === 'resend' && !env.RESEND_API_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['RESEND_API_KEY'],
        message: 'is required when MAIL_TRANSPORT=resend',
      });
    }
    if (!z.email().safeParse(addressOf(env.MAIL_FROM)).success) {
      ctx.addIssue({
        code: 'custom',
        path: ['MAIL_FROM'],
        message:
          'must be an address, or a name and an address: Netwerk Amsterdamse Stadsdorpen <nieuwsbrief@stadsdorpen.nl>',
      });
    }
    if (env.MAIL_TRANSPORT === 'smtp' && !env.SMTP_URL) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'is required when MAIL_TRANSPORT=smtp' });
    }
    if (env.MAIL_TRANSPORT !== 'outbox') {
      const problem = publicUrlProblem(env.PUBLIC_URL);
      if (problem)
        ctx.addIssue({
          code: 'custom',
          path: ['PUBLIC_URL'],
          message: `${problem} while MAIL_TRANSPORT=${env.MAIL_TRANSPORT} sends real mail: every link, List-Unsubscribe URL and QR code would be dead for its readers, and one-click unsubscribe needs https. Set it to the service's public https address, e.g. https://post.stadsdorpen.nl`,
        });
    }
  });

/** addressOf is the bare address of a From value, "Name <a@b.nl>" or "a@b.nl". */
function addressOf(mailFrom: string): string {
  return (/<([^<>]+)>\s*$/.exec(mailFrom)?.[1] ?? mailFrom).trim();
}

/**
 * publicUrlProblem says why a PUBLIC_URL cannot be the base of links in real mail, or
 * null when it can: it must be set, https, and not name this machine.
 */
function publicUrlProblem(publicUrl: string | undefined): string | null {
  if (publicUrl === undefined) return 'is not set (the default http://localhost only works on this machine)';
  const url = new URL(publicUrl);
  if (url.protocol !== 'https:') return `is ${url.protocol.slice(0, -1)}, not https`;
  if (isLocalHost(url.hostname)) return `points at ${url.hostname}, this machine`;
  return null;
}

// Names that reach only the machine the reader is on: localhost and *.localhost (RFC 6761),
// the IPv4 loopback 127.0.0.0/8, the IPv6 loopback, and the unspecified addresses.
function isLocalHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127(\.\d{1,3}){3}$/.test(host) ||
    host === '0.0.0.0' ||
    host === '[::1]' ||
    host === '[::]'
  );
}

/** Config is the whole runtime configuration; nothing outside this file reads the environment. */
export interface Config {
  port: number;
  dataDir: string;
  publicUrl: string;
  /** Secret for HMAC-signed link tokens and hashes; undefined until resolved by the entry point. */
  secretKey: string | undefined;
  mailTransport: MailTransportName;
  mailFrom: string;
  /** Where answers go: MAIL_REPLY_TO, else the address of MAIL_FROM. */
  mailReplyTo: string;
  unsubscribeMailto: string;
  resendApiKey: string | undefined;
  resendBaseUrl: string | undefined;
  resendWebhookSecret: string | undefined;
  smtpUrl: string | undefined;
  sendRatePerSecond: number;
  /** How long a worker holds a delivery batch before another may take it over (crash recovery). */
  deliveryLeaseSeconds: number;
  signupRatePerMinute: number;
  /** Reverse proxies in front of the service that append to X-Forwarded-For; 0 trusts none. */
  trustProxyHops: number;
  /** One-time secret that lets /beheer/eerste-account make the first CoCo account; undefined turns the page off. */
  setupSecret?: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

/** ConfigError is thrown for a bad environment; its message names each variable and what to fix. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** parseConfig validates env with zod and fills in the embedded defaults. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    dataDir: e.DATA_DIR,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    secretKey: e.SECRET_KEY,
    mailTransport: e.MAIL_TRANSPORT,
    mailFrom: e.MAIL_FROM,
    // Explicit even when it equals From: a mailing list that forwards a Nieuwsbrief and rewrites
    // From for DMARC would otherwise decide itself where answers go; it keeps an explicit
    // Reply-To, so an answer still reaches the Netwerk.
    mailReplyTo: e.MAIL_REPLY_TO ?? addressOf(e.MAIL_FROM),
    unsubscribeMailto: e.UNSUBSCRIBE_MAILTO,
    resendApiKey: e.RESEND_API_KEY,
    resendBaseUrl: e.RESEND_BASE_URL,
    resendWebhookSecret: e.RESEND_WEBHOOK_SECRET,
    smtpUrl: e.SMTP_URL,
    sendRatePerSecond: e.SEND_RATE_PER_SECOND,
    deliveryLeaseSeconds: e.DELIVERY_LEASE_SECONDS,
    signupRatePerMinute: e.SIGNUP_RATE_PER_MINUTE,
    trustProxyHops: e.TRUST_PROXY_HOPS,
    setupSecret: e.SETUP_SECRET,
    logLevel: e.LOG_LEVEL,
  };
}

/** generateSecretKey makes a fresh 256-bit secret, base64url encoded. */
export function generateSecretKey(): string {
  return randomBytes(32).toString('base64url');
}
