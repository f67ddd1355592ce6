import { describe, expect, it } from 'vitest';
import { justBefore } from '../support/migration.js';

describe('migration 0034: contribution mails in the mail queue', () => {
  it('keeps every queued mail and lets the decline and the digest go to an account, and nothing else new', async () => {
    const { raw, apply } = await justBefore('0034');
    raw.exec(`
      INSERT INTO subscribers (id, public_id, email) VALUES (1, 'p1', 'anna@example.nl');
      INSERT INTO accounts (id, email, name, role) VALUES (1, 'coco@example.nl', 'CoCo', 'coco');
      INSERT INTO mail_queue (subscriber_id, kind, data_json, idempotency_key, created_at, next_attempt_at, attempts, batch_key, sent_at)
        VALUES (1, 'confirm', '{"listNames":["Besturen"]}', 'k1', '2026-11-01T10:00:00.000Z', '2026-11-01T10:00:00.000Z', 1, 'b1', '2026-11-01T10:00:01.000Z');
      INSERT INTO mail_queue (account_id, kind, data_json, idempotency_key, created_at, next_attempt_at)
        VALUES (1, 'notice', '{}', 'k2', '2026-11-01T10:00:00.000Z', '2026-11-01T10:00:00.000Z');
    `);
    const insert = (kind: string) => () =>
      raw.exec(
        `INSERT INTO mail_queue (account_id, kind, data_json, idempotency_key, created_at, next_attempt_at) VALUES (1, '${kind}', '{}', 'k-${kind}', 'x', 'x')`,
      );
    expect(insert('contribution-declined')).toThrow(/CHECK constraint failed/);
    const rowsBefore = raw.prepare('SELECT * FROM mail_queue ORDER BY id').all();
    await apply();
    expect(raw.prepare('SELECT * FROM mail_queue ORDER BY id').all()).toEqual(rowsBefore);
    expect(insert('contribution-declined')).not.toThrow();
    expect(insert('contributions-digest')).not.toThrow();
    expect(insert('spam')).toThrow(/CHECK constraint failed/);
    expect(raw.pragma('foreign_key_check')).toEqual([]);
    const indexes = raw
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'mail_queue'")
      .all();
    expect(indexes).toEqual(
      expect.arrayContaining([
        { name: 'mail_queue_due' },
        { name: 'mail_queue_notices' },
        { name: 'mail_queue_digests' },
      ]),
    );
  });
});
