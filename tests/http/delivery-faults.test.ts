import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { openSqlite } from '../../src/db/sqlite.js';
import type { Transport } from '../../src/mail/transport.js';
import { resendTransport } from '../../src/mail/transports/resend.js';
import { dispatchNextBatch } from '../../src/modules/delivery/dispatch.js';
import { deliveryCounts } from '../../src/modules/delivery/repo.js';
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
