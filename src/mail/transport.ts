/** OutgoingMessage is one fully assembled email for one recipient (the MIME message before encoding). */
export interface OutgoingMessage {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Extra headers: List-Unsubscribe, List-Unsubscribe-Post, List-Id, X-Entity-Ref-ID... */
  headers: Record<string, string>;
  replyTo?: string;
  /** Provider tags, e.g. campaign and delivery ids, echoed back by webhooks. */
  tags?: { name: string; value: string }[];
}

/**
 * BatchOutcome is what a transport made of one batch call. The outgoing-mail dispatcher
 * decides what to do next from it alone; transports never retry themselves.
 */
export type BatchOutcome =
  /**
   * Accepted: one provider id per message, in the order given. A message the server refused
   * for good while taking the others (SMTP answers per recipient) has the server's answer in
   * `refused` under its position; the dispatcher fails that one delivery and no other.
   */
  | { kind: 'sent'; providerIds: string[]; refused?: Record<number, string> }
  /** Too many requests: wait this long, then send the same batch with the same key. */
  | { kind: 'rate_limited'; retryAfterMs: number; reason: string }
  /** 5xx, timeout, lost connection, concurrent request: the same batch may be retried with the same key. */
  | { kind: 'retryable'; reason: string }
  /** 4xx validation: retrying cannot help; mark the batch failed with the reason. */
  | { kind: 'rejected'; reason: string };

/** Transport sends batches of messages; one call is one provider request where the provider allows it. */
export interface Transport {
  readonly name: 'outbox' | 'resend' | 'smtp';
  /** Largest batch one call takes. */
  readonly maxBatchSize: number;
  /**
   * sendBatch sends messages in one request. Retrying with the same idempotency key and
   * the same messages must never send twice.
   */
  sendBatch(messages: OutgoingMessage[], options: { idempotencyKey: string }): Promise<BatchOutcome>;
}
