import { describe, expect, it } from 'vitest';
import { justBefore } from '../support/migration.js';

describe('migration 0015: accounts, and login links in the mail queue', () => {
  it('keeps every queued mail, and a mail goes to a subscriber or to an account, never both or neither', async () => {
    const { raw, apply } = await justBefore('0015');
    raw.exec(`
      INSERT INTO subscribers (id, public_id, email) VALUES (1, 'p1', 'anna@example.nl');
      INSERT INTO mail_queue (subscriber_id, kind, data_json, idempotency_key, created_at, next_attempt_at, attempts, batch_key, sent_at)
        VALUES (1, 'confirm', '{"listNames":["Besturen"]}', 'k1', '2026-11-01T10:00:00.000Z', '2026-11-01T10:00:00.000Z', 1, 'b1', '2026-11-01T10:00:01.000Z');
    `);
    const rowsBefore = raw.prepare('SELECT * FROM mail_queue').all();
    await apply();
    expect(raw.prepare('SELECT * FROM mail_queue').all()).toEqual(
      rowsBefore.map((r) => ({ ...(r as object), account_id: null })),
    );
    raw.exec("INSERT INTO accounts (id, email, name, role) VALUES (1, 'coco@example.nl', 'CoCo', 'coco')");
    const insert = (subscriber: number | null, account: number | null) =>
      raw
        .prepare(
          "INSERT INTO mail_queue (subscriber_id, account_id, kind, data_json, idempotency_key, created_at, next_attempt_at) VALUES (?, ?, 'login-link', '{}', 'k', 'x', 'x')",
        )
        .run(subscriber, account);
    expect(() => insert(null, 1)).not.toThrow();
    expect(() => insert(1, 1)).toThrow(/CHECK constraint failed/);
    expect(() => insert(null, null)).toThrow(/CHECK constraint failed/);
    expect(() =>
      raw.exec("INSERT INTO accounts (email, name, role) VALUES ('red@example.nl', 'Red', 'stadsdorp')"),
    ).toThrow(/CHECK constraint failed/);
    expect(raw.pragma('foreign_key_check')).toEqual([]);
  });
});
