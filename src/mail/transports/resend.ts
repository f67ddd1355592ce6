import { type CreateBatchOptions, type ErrorResponse, Resend } from 'resend';
import type { BatchOutcome, OutgoingMessage, Transport } from '../transport.js';

/** ResendTransportOptions: the API key, an optional base URL (a fake server in tests) and the request timeout. */
export interface ResendTransportOptions {
  apiKey: string;
  baseUrl?: string;
  timeoutMs?: number;
}

/**
 * resendTransport sends each batch with one call to POST /emails/batch through the
 * official SDK, with the Idempotency-Key the caller gives.
 *
 * Why the SDK is enough here: since 6.x every call resolves to `{ data, error, headers }`
 * and never throws. `error` is the provider's JSON body (`{statusCode, message, name}`)
 * and `headers` the response headers, so retry-after is readable without a custom fetch.
 * A network failure, a dropped connection or our timeout (an AbortSignal passed through
 * the request options to fetch) comes back as `statusCode: null` and `headers: null`:
 * the provider may or may not have the batch, so it is retryable with the same key.
 */
export function resendTransport(opts: ResendTransportOptions): Transport {
  const resend = new Resend(opts.apiKey, opts.baseUrl ? { baseUrl: opts.baseUrl.replace(/\/+$/, '') } : {});
  const timeoutMs = opts.timeoutMs ?? 30_000;
  return {
    name: 'resend',
    maxBatchSize: 100,
    async sendBatch(messages, { idempotencyKey }) {
      if (messages.length > 100)
        return { kind: 'rejected', reason: 'Resend takes at most 100 emails per batch' };
      const res = await resend.batch.send(messages.map(toResend), {
        idempotencyKey,
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (res.error) return outcomeOfError(res.error, res.headers);
      const ids = res.data.data.map((d) => d.id);
      if (ids.length !== messages.length) {
        return {
          kind: 'retryable',
          reason: `Resend answered ${ids.length} ids for ${messages.length} emails`,
        };
      }
      return { kind: 'sent', providerIds: ids };
    },
  };
}

function toResend(m: OutgoingMessage): CreateBatchOptions[number] {
  return {
    from: m.from,
    to: [m.to],
    subject: m.subject,
    html: m.html,
    text: m.text,
    headers: m.headers,
    ...(m.replyTo ? { replyTo: m.replyTo } : {}),
    ...(m.tags ? { tags: m.tags } : {}),
  };
}

/** outcomeOfError maps a Resend error (and its response headers) onto what the dispatcher should do next. */
export function outcomeOfError(error: ErrorResponse, headers: Record<string, string> | null): BatchOutcome {
  const reason = `${error.statusCode ?? 'network'} ${error.name}: ${error.message}`;
  const status = error.statusCode;
  if (status === null || headers === null) return { kind: 'retryable', reason };
  if (status === 429) return { kind: 'rate_limited', retryAfterMs: retryAfterMs(headers), reason };
  if (status >= 500) return { kind: 'retryable', reason };
  // The first request with this key is still being processed: ask again later, same key.
  if (error.name === 'concurrent_idempotent_requests') return { kind: 'retryable', reason };
  return { kind: 'rejected', reason };
}

/** retryAfterMs reads retry-after (seconds or an HTTP date), else ratelimit-reset, else one second. */
export function retryAfterMs(headers: Record<string, string>, now = Date.now()): number {
  const ra = headers['retry-after'];
  if (ra !== undefined) {
    const secs = Number(ra);
    if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
    const at = Date.parse(ra);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset = Number(headers['ratelimit-reset']);
  if (Number.isFinite(reset) && reset >= 0) return reset * 1000;
  return 1000;
}
