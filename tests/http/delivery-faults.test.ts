import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { openSqlite } from '../../src/db/sqlite.js';
import type { Logger } from '../../src/deps.js';
import { startOutgoingWorker } from '../../src/entry/outgoing.js';
import type { Transport } from '../../src/mail/transport.js';
import { resendTransport } from '../../src/mail/transports/resend.js';
import { deliveryCounts } from '../../src/modules/delivery/counts-repo.js';
import { dispatchNextBatch } from '../../src/modules/delivery/dispatch.js';
import { type FakeResend, startFakeResend } from '../fakes/resend-server.js';
import { makeTestApp } from '../support/app.js';
import { addRecipients, campaignStatus, createNetwerkmail, post } from '../support/delivery-builders.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** appOnFile is the app on a SQLite file and the given transport, so a second connection can lock it. */
async function appOnFile(transport: (db: import('../../src/db/port.js').Db) => Transport) {
  const dir = mkdtempSync(join(tmpdir(), 'delivery-faults-'));
  const file = join(dir, 'stadsdorpen.sqlite');
  const db = openSqlite(file);
  await migrate(db);
  const t = await makeTestApp({ db, outboxDb: db, transport: transport(db) });
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanup.push(() => db.close());
  return { ...t, file };
}

async function startFake(): Promise<FakeResend> {
  const fake = await startFakeResend();
  cleanup.push(() => fake.close());
  return fake;
}

describe('an outcome the database refuses to record', () => {
  it('is recorded as soon as the lock is gone, not parked for the whole lease', async () => {
    const fake = await startFake();
    const resend = resendTransport({ apiKey: fake.apiKey, baseUrl: fake.url, timeoutMs: 2000 });
    let file = '';
    let released: Promise<void> | undefined;
    // The provider accepts the batch; at that moment another connection takes the write lock
    // for longer than a write waits (3 s), as a backup or a long import would.
    const locking: Transport = {
      ...resend,
      name: resend.name,
      maxBatchSize: resend.maxBatchSize,
      async sendBatch(messages, options) {
        const outcome = await resend.sendBatch(messages, options);
        const other = new Database(file);
        other.exec('BEGIN IMMEDIATE');
        released = new Promise((resolve) =>
          setTimeout(() => {
            other.exec('COMMIT');
            other.close();
            resolve();
          }, 4000),
        );
        return outcome;
      },
    };
    const t = await appOnFile(() => locking);
    file = t.file;
    await addRecipients(t.db, 40);
    const id = await createNetwerkmail(t.app, t.coco);
    expect((await post(t.app, `/api/campaigns/${id}/send`, t.coco)).status).toBe(202);

    const started = performance.now();
    const result = await dispatchNextBatch(t.deps);
    const tookMs = performance.now() - started;
    await released;
    expect(result).toMatchObject({ kind: 'sent', messages: 40 });
    // Recorded within moments of the lock going (4 s), far inside the 120 s lease.
    expect(tookMs).toBeLessThan(10_000);
    expect(await deliveryCounts(t.db, id)).toMatchObject({ sent: 40, queued: 0 });
    expect(await campaignStatus(t.db, id)).toBe('sent');
    const batch = await t.db.get<{ status: string; lease_token: string | null }>(
      'SELECT status, lease_token FROM delivery_batches WHERE campaign_id = ?',
      [id],
    );
    expect(batch).toEqual({ status: 'sent', lease_token: null });
    expect(fake.stats.accepted).toBe(40);
  });
});

describe('a full disk under the workers', () => {
  it('pauses them calmly, logging once, and every mail still goes out exactly once when space returns', async () => {
    const fake = await startFake();
    const transport = resendTransport({ apiKey: fake.apiKey, baseUrl: fake.url, timeoutMs: 2000 });
    const lines: string[] = [];
    const log: Logger = {
      info: (m) => lines.push(`info ${m}`),
      warn: (m) => lines.push(`warn ${m}`),
      error: (m, d) => lines.push(`error ${m} ${JSON.stringify(d)}`),
    };
    const t = await makeTestApp(
      { transport, log, now: () => new Date() },
      { SEND_RATE_PER_SECOND: '50', SIGNUP_RATE_PER_MINUTE: '1000' },
    );
    await addRecipients(t.db, 600);
    const id = await createNetwerkmail(t.app, t.coco);
    expect((await post(t.app, `/api/campaigns/${id}/send`, t.coco)).status).toBe(202);
    const signups = ['een@example.nl', 'twee@example.nl', 'drie@example.nl'];
    for (const email of signups) {
      const res = await t.app.request('/api/signup', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, lists: ['geinteresseerden'] }),
      });
      expect(res.status).toBe(202);
    }

    // Fill the database up to max_page_count: SQLite then answers SQLITE_FULL, as on a full disk.
    const pages = (await t.db.get<{ page_count: number }>('PRAGMA page_count'))!.page_count;
    await t.db.exec(`PRAGMA max_page_count = ${pages + 4}`);
    await t.db.exec('CREATE TABLE filler (x BLOB)');
    // Every lease, outcome and mail claim then needs a new page, as on a disk with no room
    // at all, rather than fitting into the space left in a page by chance.
    await t.db.exec(`
      CREATE TRIGGER grow_batches AFTER UPDATE ON delivery_batches BEGIN INSERT INTO filler VALUES (randomblob(8000)); END;
      CREATE TRIGGER grow_mails AFTER UPDATE ON mail_queue BEGIN INSERT INTO filler VALUES (randomblob(8000)); END;`);
    for (const size of [4000, 500, 50, 5]) {
      for (;;) {
        try {
          await t.db.run('INSERT INTO filler VALUES (randomblob(?))', [size]);
        } catch {
          break;
        }
      }
    }
    lines.splice(0);
    const worker = startOutgoingWorker(t.deps, { idleMs: 20, tickMs: 100 });
    cleanup.push(() => worker.stop());
    await new Promise((r) => setTimeout(r, 3000));
    // A few lines for the whole episode, not one per lane per retry (that was some 50 here).
    expect(lines.length).toBeLessThanOrEqual(8);
    expect((await t.app.request('/healthz')).status).toBe(503);

    await t.db.exec('PRAGMA max_page_count = 1073741823');
    const everyone = [...signups, ...Array.from({ length: 600 }, (_, i) => `lezer${i + 1}@example.org`)];
    for (let i = 0; i < 400; i++) {
      const copies = fake.copiesPerRecipient();
      const open = await t.db.get<{ n: number }>(
        'SELECT count(*) AS n FROM mail_queue WHERE sent_at IS NULL',
      );
      if ((await campaignStatus(t.db, id)) === 'sent' && open?.n === 0 && copies.size === everyone.length)
        break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await campaignStatus(t.db, id)).toBe('sent');
    expect(await deliveryCounts(t.db, id)).toMatchObject({ sent: 600, failed: 0, queued: 0 });
    const copies = fake.copiesPerRecipient();
    expect(everyone.filter((e) => copies.get(e) !== 1)).toEqual([]);
    expect(copies.size).toBe(everyone.length);
    expect((await t.app.request('/healthz')).status).toBe(200);
  });
});
