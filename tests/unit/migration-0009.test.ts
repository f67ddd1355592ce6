import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../src/db/migrate.js';
import { openSqlite, sqliteDb } from '../../src/db/sqlite.js';
import { SubscriptionStatus } from '../../src/modules/subscribers/schema.js';

const REBUILT = ['subscriptions', 'consent_log', 'mail_queue'];
const before0009 = readMigrations().filter((m) => m.name < '0009');
const m0009 = readMigrations().filter((m) => m.name.startsWith('0009'));

// Each rebuilt table's columns and indexes, as SQLite describes them.
function shape(raw: Database.Database) {
  return REBUILT.map((t) => ({
    table: t,
    columns: raw.pragma(`table_xinfo(${t})`),
    indexes: raw
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? ORDER BY name")
      .all(t),
    foreignKeys: raw.pragma(`foreign_key_list(${t})`),
  }));
}

describe('migration 0009: value checks without IN lists', () => {
  it('keeps every row, column, index and foreign key of the three tables it rebuilds', async () => {
    const raw = new Database(':memory:');
    raw.pragma('foreign_keys = ON');
    const db = sqliteDb(raw);
    await migrate(db, before0009);
    raw.exec(`
      INSERT INTO subscribers (id, public_id, email, name) VALUES (1, 'p1', 'anna@example.nl', 'Anna'), (2, 'p2', 'bob@example.nl', NULL);
      INSERT INTO subscriptions (subscriber_id, list_id, status) VALUES (1, 1, 'confirmed'), (1, 2, 'pending_approval'), (2, 2, 'unsubscribed');
      INSERT INTO consent_log (subscriber_id, list_id, action, source, detail) VALUES (1, 1, 'signup', 'form:aanmelden@v1', NULL), (1, 1, 'confirm', 'link', 'x');
      INSERT INTO consent_log (email_hash, list_id, action, source) VALUES ('hash-of-erased', 2, 'erase', 'user:Anna');
      INSERT INTO mail_queue (subscriber_id, kind, data_json, idempotency_key, created_at, next_attempt_at, attempts, batch_key, sent_at)
        VALUES (1, 'confirm', '{"listNames":["Besturen"]}', 'k1', '2026-11-01T10:00:00.000Z', '2026-11-01T10:00:00.000Z', 1, 'b1', '2026-11-01T10:00:01.000Z'),
               (2, 'welcome', '{"listNames":[]}', 'k2', '2026-11-01T11:00:00.000Z', '2026-11-01T11:00:00.000Z', 0, NULL, NULL);
    `);
    const rows = () => REBUILT.map((t) => raw.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all());
    const rowsBefore = rows();
    const shapeBefore = shape(raw);

    expect(await migrate(db, [...before0009, ...m0009])).toEqual(m0009.map((m) => m.name));

    expect(rows()).toEqual(rowsBefore);
    expect(shape(raw)).toEqual(shapeBefore);
    expect(raw.pragma('foreign_key_check')).toEqual([]);
    expect(raw.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });

  it('still refuses a value outside the allowed ones, and takes every allowed one', async () => {
    const db = openSqlite(':memory:');
    await migrate(db);
    await db.run("INSERT INTO subscribers (id, public_id, email) VALUES (1, 'p1', 'anna@example.nl')");
    for (const status of SubscriptionStatus.options) {
      await db.run('INSERT OR REPLACE INTO subscriptions (subscriber_id, list_id, status) VALUES (1, 1, ?)', [
        status,
      ]);
    }
    await expect(db.run("UPDATE subscriptions SET status = 'weg' WHERE subscriber_id = 1")).rejects.toThrow(
      /CHECK constraint failed/,
    );
    await expect(
      db.run("INSERT INTO consent_log (subscriber_id, action, source) VALUES (1, 'gokje', 'test')"),
    ).rejects.toThrow(/CHECK constraint failed/);
    await expect(
      db.run(
        "INSERT INTO mail_queue (subscriber_id, kind, data_json, idempotency_key, created_at, next_attempt_at) VALUES (1, 'spam', '{}', 'k', 'x', 'x')",
      ),
    ).rejects.toThrow(/CHECK constraint failed/);
    expect(await db.get('SELECT status FROM subscriptions WHERE subscriber_id = 1')).toEqual({
      status: 'complained',
    });
  });

  it('writes a subscription, a consent entry and a queued mail without building a temporary b-tree', async () => {
    const raw = new Database(':memory:');
    raw.pragma('foreign_keys = ON');
    await migrate(sqliteDb(raw));
    const programs = [
      'INSERT INTO subscriptions (subscriber_id, list_id, status) VALUES (?, ?, ?)',
      'INSERT INTO consent_log (subscriber_id, list_id, action, source) VALUES (?, ?, ?, ?)',
      'INSERT INTO mail_queue (subscriber_id, kind, data_json, idempotency_key, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)',
    ].map((sql) => {
      const values = Array.from(sql.matchAll(/\?/g), () => null);
      return (raw.prepare(`EXPLAIN ${sql}`).all(...values) as { opcode: string }[]).map((o) => o.opcode);
    });
    for (const ops of programs) expect(ops).not.toContain('OpenEphemeral');
  });
});
