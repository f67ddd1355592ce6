// The dispatcher loop (src/modules/outgoing/worker.ts) over a store of its own making: which
// wakes send a lane to look, and that mail queued while a batch is in flight still goes.
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/sqlite.js';
import type { Logger } from '../../src/deps.js';
import { tokenBucket } from '../../src/mail/rate-limiter.js';
import type { OutgoingMessage, Transport } from '../../src/mail/transport.js';
import type { OutgoingStore, Work } from '../../src/modules/outgoing/dispatcher.js';
import { type Dispatcher, startDispatcher } from '../../src/modules/outgoing/worker.js';

const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const running: Dispatcher[] = [];
const releases: (() => void)[] = [];
afterEach(async () => {
  for (const r of releases.splice(0)) r();
  for (const d of running.splice(0)) await d.stop();
});

/** A queue of confirmation mails in memory, leased one batch at a time, as transactionalMails does. */
function confirmations() {
  const queued: string[] = [];
  let inFlight = false;
  let looks = 0;
  const store: OutgoingStore = {
    async due() {
      looks++;
      return !inFlight && queued.length > 0 ? 'transactional' : null;
    },
    async lease() {
      if (inFlight || queued.length === 0) return undefined;
      inFlight = true;
      const batch = queued.splice(0);
      const work: Work = {
        priority: 'transactional',
        label: {},
        idempotencyKey: `batch-${batch[0]}`,
        attempts: 1,
        giveUpAt: new Date(Date.now() + 60_000),
        giveUpReason: 'te oud',
        mails: batch.length,
        build: async () =>
          batch.map(
            (to): OutgoingMessage => ({
              from: 'a@b.nl',
              to,
              subject: 'Bevestig',
              html: '<p>x</p>',
              text: 'x',
              headers: {},
            }),
          ),
        record: async () => {
          inFlight = false;
        },
      };
      return work;
    },
    housekeeping: async () => {},
  };
  return { store, queue: (to: string) => queued.push(to), looks: () => looks };
}

/** A transport that holds every call until the test lets it go. */
function heldTransport() {
  const sent: string[][] = [];
  let release: () => void = () => {};
  let held = Promise.resolve();
  const transport: Transport = {
    name: 'outbox',
    maxBatchSize: 100,
    async sendBatch(messages) {
      sent.push(messages.map((m) => m.to));
      await held;
      return { kind: 'sent', providerIds: messages.map((_, i) => `id-${sent.length}-${i}`) };
    },
  };
  return {
    transport,
    sent,
    hold: () => {
      held = new Promise((r) => {
        release = r;
      });
    },
    release: () => release(),
  };
}

describe('the dispatcher loop', () => {
  it('sends no lane to look for a wake about confirmations while a batch of them is in flight', async () => {
    const { store, queue, looks } = confirmations();
    const t = heldTransport();
    const db = openSqlite(':memory:');
    const dispatcher = startDispatcher(
      {
        db,
        transport: t.transport,
        runtime: { sendBucket: tokenBucket(1000) } as never,
        now: () => new Date(),
        log: silent,
      },
      store,
      { idleMs: 60_000, tickMs: 60_000 },
    );
    running.push(dispatcher);
    // A failed expectation must not leave a lane waiting on the provider: stop() waits for it.
    releases.push(() => t.release());
    // Let the lanes look once and fall asleep.
    await expect.poll(() => looks()).toBeGreaterThanOrEqual(4);
    t.hold();
    queue('eerste@example.nl');
    dispatcher.wake('transactional');
    await expect.poll(() => t.sent.length).toBe(1);

    // While that batch waits for the provider: a signup a moment, each waking the dispatcher.
    const before = looks();
    for (const n of [1, 2, 3, 4, 5]) {
      queue(`later${n}@example.nl`);
      dispatcher.wake('transactional');
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(looks()).toBe(before);
    // A wake about a campaign still sends a lane to look.
    dispatcher.wake('campaign');
    await expect.poll(() => looks()).toBe(before + 1);

    // The provider answers: the lane that held the batch looks again at once and sends the
    // five that came meanwhile together, without another wake (the idle lanes sleep a minute).
    t.release();
    await expect
      .poll(() => t.sent)
      .toEqual([
        ['eerste@example.nl'],
        [
          'later1@example.nl',
          'later2@example.nl',
          'later3@example.nl',
          'later4@example.nl',
          'later5@example.nl',
        ],
      ]);
  });
});
