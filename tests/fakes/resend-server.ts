/**
 * A fake Resend API on loopback that behaves as Resend documents it, for tests and the
 * crash test: bearer auth, POST /emails/batch with at most 100 emails, a request rate
 * limit answered with 429 and ratelimit-* / retry-after headers, idempotency keys kept
 * 24 hours, error bodies {statusCode, message, name}. Knobs inject 5xx, delays, 429s
 * and lost responses (the batch is recorded, then the connection is dropped).
 *
 * In-process: `const fake = await startFakeResend({ ratePerSecond: 10 })`.
 * Standalone: `npx tsx tests/fakes/resend-server.ts --port 0 --rate 10 --drop 0.1`
 * prints `{"port":N}` on its first line; GET /_fake/stats answers the record, GET /_fake/emails
 * the accepted emails, POST /_fake/script queues faults (a JSON array) and POST /_fake/reset
 * forgets everything (the Workers tests drive it so from inside workerd).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** AcceptedEmail is one email the fake accepted, with the batch key it came under. */
export interface AcceptedEmail {
  id: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  /** reply_to as the API received it. */
  replyTo: string | string[] | null;
  idempotencyKey: string | null;
}

/** Fault is one scripted answer for the next request that reaches the batch handler. */
export type Fault = '500' | '503' | 'drop' | '429' | { delayMs: number };

/** FakeResendOptions: the API key, the rate, random fault rates (0..1) and a clock for key expiry. */
export interface FakeResendOptions {
  apiKey?: string;
  port?: number;
  /** Requests per second before 429; Infinity for no limit. */
  ratePerSecond?: number;
  /** Probability of a 500 before anything is recorded. */
  fail5xxRate?: number;
  /** Probability of recording the batch and then dropping the connection without an answer. */
  dropRate?: number;
  /** Probability of a spurious 429 (a storm) on top of the real limit. */
  extra429Rate?: number;
  /** Delay before answering (the key stays in flight meanwhile). */
  delayMs?: number;
  now?: () => number;
}

/** FakeStats counts what the fake answered. */
export interface FakeStats {
  requests: number;
  accepted: number;
  replayed: number;
  rateLimited: number;
  serverErrors: number;
  dropped: number;
  /** 409 concurrent_idempotent_requests: the key's first request still in flight. */
  conflicts: number;
  /** 409 invalid_idempotent_request: a key reused with another payload (a client bug). */
  mismatches: number;
  rejected: number;
}

/** FakeResend is a running fake: its URL, its record, and knobs to change while running. */
export interface FakeResend {
  url: string;
  port: number;
  apiKey: string;
  accepted: AcceptedEmail[];
  stats: FakeStats;
  options: FakeResendOptions;
  /** script queues faults answered to the next requests, in order, before the random ones. */
  script(...faults: Fault[]): void;
  /** copiesPerRecipient counts accepted emails per address. */
  copiesPerRecipient(): Map<string, number>;
  close(): Promise<void>;
}

const IDEMPOTENCY_TTL_MS = 24 * 3600_000;

interface KeyEntry {
  payloadHash: string;
  state: 'in_flight' | 'done';
  status: number;
  body: string;
  at: number;
}

/** startFakeResend starts the fake on 127.0.0.1 (port 0: any free port). */
export async function startFakeResend(options: FakeResendOptions = {}): Promise<FakeResend> {
  const apiKey = options.apiKey ?? 're_test_fake_key';
  const now = options.now ?? (() => Date.now());
  const accepted: AcceptedEmail[] = [];
  const stats: FakeStats = {
    requests: 0,
    accepted: 0,
    replayed: 0,
    rateLimited: 0,
    serverErrors: 0,
    dropped: 0,
    conflicts: 0,
    mismatches: 0,
    rejected: 0,
  };
  const keys = new Map<string, KeyEntry>();
  const scripted: Fault[] = [];
  // The provider's own token bucket: `rate` tokens, refilled continuously.
  let tokens = Number.POSITIVE_INFINITY;
  let refilledAt = now();

  const takeToken = (): { ok: boolean; remaining: number; resetSecs: number; limit: number } => {
    const rate = options.ratePerSecond ?? Number.POSITIVE_INFINITY;
    if (!Number.isFinite(rate)) return { ok: true, remaining: 1000, resetSecs: 0, limit: 1000 };
    const t = now();
    tokens = Math.min(rate, (Number.isFinite(tokens) ? tokens : rate) + ((t - refilledAt) / 1000) * rate);
    refilledAt = t;
    if (tokens >= 1) {
      tokens -= 1;
      return {
        ok: true,
        remaining: Math.floor(tokens),
        resetSecs: Math.ceil((rate - tokens) / rate),
        limit: rate,
      };
    }
    return { ok: false, remaining: 0, resetSecs: Math.max(1, Math.ceil((1 - tokens) / rate)), limit: rate };
  };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(text);
    return text;
  };
  const error = (
    res: ServerResponse,
    status: number,
    name: string,
    message: string,
    h?: Record<string, string>,
  ) => send(res, status, { statusCode: status, message, name }, h);

  const handleBatch = async (req: IncomingMessage, res: ServerResponse, raw: string) => {
    stats.requests++;
    const authz = req.headers.authorization;
    if (!authz) return error(res, 401, 'missing_api_key', 'Missing API key in the authorization header');
    if (authz !== `Bearer ${apiKey}`) return error(res, 403, 'invalid_api_key', 'API key is invalid');

    const limit = takeToken();
    const rateHeaders = {
      'ratelimit-limit': String(limit.limit),
      'ratelimit-remaining': String(limit.remaining),
      'ratelimit-reset': String(limit.resetSecs),
    };
    const next = limit.ok ? scripted.shift() : undefined;
    if (!limit.ok || next === '429' || (next === undefined && Math.random() < (options.extra429Rate ?? 0))) {
      stats.rateLimited++;
      return error(
        res,
        429,
        'rate_limit_exceeded',
        `Too many requests. You can only make ${limit.limit} requests per second.`,
        { ...rateHeaders, 'retry-after': String(Math.max(1, limit.resetSecs)) },
      );
    }

    const key = req.headers['idempotency-key'];
    const idempotencyKey = typeof key === 'string' ? key : null;
    if (idempotencyKey !== null && (idempotencyKey.length < 1 || idempotencyKey.length > 256)) {
      stats.rejected++;
      return error(res, 400, 'invalid_idempotency_key', 'The key must be between 1-256 chars.', rateHeaders);
    }
    let emails: unknown;
    try {
      emails = JSON.parse(raw);
    } catch {
      stats.rejected++;
      return error(res, 422, 'validation_error', 'Invalid JSON body.', rateHeaders);
    }
    const invalid = validateBatch(emails);
    if (invalid) {
      stats.rejected++;
      return error(res, 422, 'validation_error', invalid, rateHeaders);
    }

    const payloadHash = createHash('sha256').update(raw).digest('hex');
    if (idempotencyKey !== null) {
      const entry = keys.get(idempotencyKey);
      if (entry && now() - entry.at > IDEMPOTENCY_TTL_MS) keys.delete(idempotencyKey);
      const live = keys.get(idempotencyKey);
      if (live?.state === 'in_flight') {
        stats.conflicts++;
        return error(
          res,
          409,
          'concurrent_idempotent_requests',
          'Same idempotency key used while original request is still in progress. Try the request again later.',
          rateHeaders,
        );
      }
      if (live && live.payloadHash !== payloadHash) {
        stats.mismatches++;
        return error(
          res,
          409,
          'invalid_idempotent_request',
          'Same idempotency key used with a different request payload. Change your idempotency key or payload.',
          rateHeaders,
        );
      }
      if (live) {
        stats.replayed++;
        return send(res, live.status, live.body, rateHeaders);
      }
      keys.set(idempotencyKey, { payloadHash, state: 'in_flight', status: 0, body: '', at: now() });
    }
    const release = () => {
      if (idempotencyKey !== null) keys.delete(idempotencyKey);
    };

    const delay = typeof next === 'object' ? next.delayMs : (options.delayMs ?? 0);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (
      next === '500' ||
      next === '503' ||
      (next === undefined && Math.random() < (options.fail5xxRate ?? 0))
    ) {
      release();
      stats.serverErrors++;
      const status = next === '503' ? 503 : 500;
      return error(res, status, 'internal_server_error', 'An unexpected error occurred.', rateHeaders);
    }

    const list = emails as BatchEmail[];
    const ids = list.map(() => randomUUID());
    list.forEach((e, i) => {
      accepted.push({
        id: ids[i]!,
        to: (Array.isArray(e.to) ? e.to[0]! : e.to).toLowerCase(),
        subject: e.subject,
        html: e.html ?? '',
        text: e.text ?? '',
        headers: e.headers ?? {},
        replyTo: e.reply_to ?? null,
        idempotencyKey,
      });
    });
    stats.accepted += list.length;
    const body = JSON.stringify({ data: ids.map((id) => ({ id })) });
    if (idempotencyKey !== null)
      keys.set(idempotencyKey, { payloadHash, state: 'done', status: 200, body, at: now() });

    if (next === 'drop' || (next === undefined && Math.random() < (options.dropRate ?? 0))) {
      stats.dropped++;
      req.socket.destroy();
      return;
    }
    return send(res, 200, body, rateHeaders);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '/').split('?')[0];
      const done = (p: Promise<unknown> | unknown) =>
        Promise.resolve(p).catch((err) => {
          if (!res.headersSent) error(res, 500, 'internal_server_error', String(err));
        });
      if (req.method === 'POST' && path === '/emails/batch') return void done(handleBatch(req, res, raw));
      if (req.method === 'GET' && path === '/_fake/stats') {
        return void send(res, 200, { stats, copies: Object.fromEntries(fake.copiesPerRecipient()) });
      }
      // Remote control for a client that cannot hold the object (a Worker under workerd).
      if (req.method === 'GET' && path === '/_fake/emails') return void send(res, 200, accepted);
      if (req.method === 'POST' && path === '/_fake/script') {
        fake.script(...(JSON.parse(raw) as Fault[]));
        return void send(res, 200, { scripted: scripted.length });
      }
      if (req.method === 'POST' && path === '/_fake/reset') {
        accepted.length = 0;
        scripted.length = 0;
        keys.clear();
        for (const k of Object.keys(stats) as (keyof FakeStats)[]) stats[k] = 0;
        return void send(res, 200, { reset: true });
      }
      error(res, 404, 'not_found', 'The requested endpoint does not exist.');
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((r) => server.listen(options.port ?? 0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;

  const fake: FakeResend = {
    url: `http://127.0.0.1:${port}`,
    port,
    apiKey,
    accepted,
    stats,
    options,
    script: (...faults) => {
      scripted.push(...faults);
    },
    copiesPerRecipient() {
      const m = new Map<string, number>();
      for (const e of accepted) m.set(e.to, (m.get(e.to) ?? 0) + 1);
      return m;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  return fake;
}

interface BatchEmail {
  from: string;
  to: string | string[];
  subject: string;
  html?: string;
  text?: string;
  reply_to?: string | string[];
  headers?: Record<string, string>;
}

/** validateBatch answers Resend's validation message for a bad batch, or null. */
function validateBatch(body: unknown): string | null {
  if (!Array.isArray(body)) return 'The request body must be an array of emails.';
  if (body.length === 0) return 'The batch must contain at least 1 email.';
  if (body.length > 100) return 'Too many emails in the batch. The maximum is 100.';
  for (const [i, e] of body.entries()) {
    if (typeof e !== 'object' || e === null) return `Email ${i} is not an object.`;
    const m = e as Partial<BatchEmail> & { attachments?: unknown };
    if (!m.from) return `The \`from\` field is missing in email ${i}.`;
    if (!m.to || (Array.isArray(m.to) && (m.to.length === 0 || m.to.length > 50))) {
      return `The \`to\` field is missing or has more than 50 addresses in email ${i}.`;
    }
    if (!m.subject) return `The \`subject\` field is missing in email ${i}.`;
    if (!m.html && !m.text) return `Email ${i} needs \`html\` or \`text\`.`;
    if (m.attachments) return 'Attachments are not supported in the batch endpoint.';
  }
  return null;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const num = (n: string) => (arg(n) === undefined ? undefined : Number(arg(n)));
  const fake = await startFakeResend({
    port: num('port') ?? 0,
    apiKey: arg('api-key'),
    ratePerSecond: num('rate'),
    fail5xxRate: num('fail5xx'),
    dropRate: num('drop'),
    extra429Rate: num('429'),
    delayMs: num('delay-ms'),
  });
  console.log(JSON.stringify({ port: fake.port, url: fake.url }));
  const stop = () => void fake.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
