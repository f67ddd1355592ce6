// The CoCo's daily digest of waiting contributions on Workers: on Node the dispatcher's
// housekeeping queues it (src/entry/outgoing.ts); on Workers the cron does, and the digest
// goes out through the Queue like every transactional mail, at most once a day.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { db, fakeResend, steppedWorker } from './support.js';

const COCO = 'digest-coco@coco.example.nl';

async function submitContribution(stadsdorpId: number, title: string): Promise<void> {
  await db.run(
    `INSERT INTO contributions (stadsdorp_id, submitted_by, kind, item_json, status, created_at)
     VALUES (?, 'Eddy', 'agenda', ?, 'submitted', '2026-12-03T09:00:00.000Z')`,
    [stadsdorpId, JSON.stringify({ date: '2026-12-12', title })],
  );
}

describe('the contributions digest on Workers', () => {
  beforeEach(() => fakeResend.reset());
  // The test files share one D1 (isolate: false): nothing may wait for the other files' crons.
  afterAll(async () => {
    await db.run("DELETE FROM contributions WHERE submitted_by = 'Eddy'");
  });

  it('is mailed by the cron to the CoCo through the queue, at most once a day', async () => {
    await db.run("INSERT INTO accounts (email, name, role) VALUES (?, 'Dina', 'coco')", [COCO]);
    const dorp = await db.run(
      "INSERT INTO stadsdorpen (slug, name, gebied) VALUES ('digest-dorp', 'Stadsdorp Digest', 'West')",
    );
    await submitContribution(dorp.lastRowId, 'Winterborrel');
    await submitContribution(dorp.lastRowId, 'Burendag');

    const worker = steppedWorker({ start: '2026-12-03T10:00:30.000Z' });
    await worker.cron();
    expect(worker.queued.map((m) => m.body)).toContainEqual({ kind: 'transactional' });
    await worker.consumeQueued();
    const digests = (await fakeResend.emails()).filter((m) => m.to === COCO);
    expect(digests.map((m) => m.subject)).toEqual(['Er wachten 2 inzendingen voor de Nieuwsbrief']);
    expect(digests[0]!.text).toContain('Winterborrel');
    expect(digests[0]!.text).toContain('Stadsdorp Digest');

    // The next minutes and hours: still waiting, but no second digest within the day.
    await fakeResend.reset();
    worker.clock.advance(60_000);
    await worker.cron();
    worker.clock.advance(5 * 3_600_000);
    await worker.cron();
    await worker.consumeQueued();
    expect((await fakeResend.emails()).filter((m) => m.to === COCO)).toEqual([]);

    // A day later, the items still waiting: the next digest.
    worker.clock.advance(19 * 3_600_000);
    await worker.cron();
    await worker.consumeQueued();
    expect((await fakeResend.emails()).filter((m) => m.to === COCO)).toHaveLength(1);
  });
});
