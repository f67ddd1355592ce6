import { describe, expect, it } from 'vitest';
import { forgetCopiesOfPerson } from '../../src/modules/delivery/forget.js';
import { confirmUrl } from '../../src/modules/notifications/links.js';
import { slugify } from '../../src/modules/stadsdorpen/schema.js';
import { eraseSubscriber } from '../../src/modules/subscribers/admin.js';
import { hashEmail } from '../../src/modules/subscribers/identity.js';
import { findSubscriberByEmail, subscriptionsOf } from '../../src/modules/subscribers/repo.js';
import { confirm, SOURCES, savePreferences, signup } from '../../src/modules/subscribers/service.js';
import { memoryWindowCounters } from '../../src/runtime/window-counters.js';
import { seedDemo, seedDemoOnFirstStart } from '../../subscribers/demo-seed.js';
import { addStadsdorp, makeDeps } from '../support/app.js';

const coco = { tokenId: 1, name: 'Anna', role: 'coco' as const, stadsdorpId: null };

async function statuses(deps: Awaited<ReturnType<typeof makeDeps>>['deps'], email: string) {
  const sub = await findSubscriberByEmail(deps.db, email);
  return Object.fromEntries((await subscriptionsOf(deps.db, sub!.id)).map((s) => [s.list, s.status]));
}

describe('slugify', () => {
  it('makes kebab-case slugs without accents', () => {
    expect(slugify('Stadsdorp Élandsgracht & Omstreken')).toBe('stadsdorp-elandsgracht-omstreken');
    expect(slugify('  De Pijp (Zuid)  ')).toBe('de-pijp-zuid');
    expect(slugify('!!!')).toBe('');
  });

  it('cuts at the length asked for, never leaving a dash at the end', () => {
    const name = `${'a'.repeat(50)} ${'b'.repeat(50)}`;
    expect(slugify(name)).toBe(`${'a'.repeat(50)}-${'b'.repeat(29)}`);
    expect(slugify(name, 60)).toBe(`${'a'.repeat(50)}-${'b'.repeat(9)}`);
    expect(slugify(name, 51)).toBe('a'.repeat(50));
  });
});

describe('memoryWindowCounters', () => {
  it('counts per key per minute and starts afresh the next minute', async () => {
    let t = Date.parse('2026-11-28T10:00:00Z');
    const counters = memoryWindowCounters();
    const add = (key: string) => counters.add(key, 60_000, new Date(t));
    expect([await add('a'), await add('a'), await add('a'), await add('b')]).toEqual([1, 2, 3, 1]);
    t += 60_000;
    expect(await add('a')).toBe(1);
  });
});

describe('the subscriber service', () => {
  it('sends besturen to pending_approval and geinteresseerden to confirmed on confirmation', async () => {
    const { deps } = await makeDeps();
    await addStadsdorp(deps, { slug: 'oost' });
    await signup(
      deps,
      { email: 'a@example.nl', name: null, lists: ['besturen', 'geinteresseerden'], stadsdorp: 'oost' },
      { source: SOURCES.api },
    );
    const sub = await findSubscriberByEmail(deps.db, 'a@example.nl');
    const token = confirmUrl(deps.config, sub!.publicId, deps.now()).split('/').at(-1)!;
    const outcome = await confirm(deps, token);
    expect(outcome.kind).toBe('confirmed');
    expect(await statuses(deps, 'a@example.nl')).toEqual({
      besturen: 'pending_approval',
      geinteresseerden: 'confirmed',
    });
  });

  it('writes a new person in one go, and for a known address only what the known person needs', async () => {
    const { deps } = await makeDeps();
    const api = { source: SOURCES.api };
    const count = async (sql: string) => (await deps.db.get<{ n: number }>(sql))?.n;
    await signup(
      deps,
      { email: 'bekend@example.nl', name: 'Bep', lists: ['geinteresseerden'], stadsdorp: null },
      api,
    );
    expect(await statuses(deps, 'bekend@example.nl')).toEqual({ geinteresseerden: 'unconfirmed' });
    expect(await count("SELECT count(*) AS n FROM mail_queue WHERE kind = 'confirm'")).toBe(1);
    const sub = await findSubscriberByEmail(deps.db, 'bekend@example.nl');
    await confirm(deps, confirmUrl(deps.config, sub!.publicId, deps.now()).split('/').at(-1)!);

    // The same address again, confirmed by now, with another name: nothing changes, no mail,
    // and no consent entry or subscription of the new person the first batch tried to add.
    await signup(
      deps,
      { email: 'bekend@example.nl', name: 'Iemand', lists: ['geinteresseerden'], stadsdorp: null },
      api,
    );
    expect(await statuses(deps, 'bekend@example.nl')).toEqual({ geinteresseerden: 'confirmed' });
    expect(await count('SELECT count(*) AS n FROM subscribers')).toBe(1);
    expect((await findSubscriberByEmail(deps.db, 'bekend@example.nl'))?.name).toBe('Bep');
    expect(await count("SELECT count(*) AS n FROM mail_queue WHERE kind = 'confirm'")).toBe(1);
    expect(await count('SELECT count(*) AS n FROM consent_log WHERE subscriber_id IS NULL')).toBe(0);
    expect(await count("SELECT count(*) AS n FROM consent_log WHERE action = 'signup'")).toBe(1);

    // Known and signing up for a list more: that one waits for confirmation, with its own mail.
    await addStadsdorp(deps, { slug: 'west' });
    await signup(
      deps,
      { email: 'bekend@example.nl', name: null, lists: ['besturen'], stadsdorp: 'west' },
      api,
    );
    expect(await statuses(deps, 'bekend@example.nl')).toEqual({
      geinteresseerden: 'confirmed',
      besturen: 'unconfirmed',
    });
    expect(await count("SELECT count(*) AS n FROM mail_queue WHERE kind = 'confirm'")).toBe(2);
    expect(await count('SELECT count(*) AS n FROM consent_log WHERE subscriber_id IS NULL')).toBe(0);
  });

  it('reports every wrong field at once and writes nothing', async () => {
    const { deps } = await makeDeps();
    await expect(
      signup(
        deps,
        { email: 'b@example.nl', name: null, lists: ['besturen', 'nope'], stadsdorp: 'atlantis' },
        { source: SOURCES.api },
      ),
    ).rejects.toMatchObject({
      code: 'validation',
      fields: { lists: expect.any(String), stadsdorp: expect.any(String) },
    });
    expect(await findSubscriberByEmail(deps.db, 'b@example.nl')).toBeUndefined();
  });

  it('confirms a list added on the preference page at once, since the link proves the address', async () => {
    const { deps } = await makeDeps();
    await signup(
      deps,
      { email: 'c@example.nl', name: null, lists: ['geinteresseerden'], stadsdorp: null },
      { source: SOURCES.api },
    );
    const sub = (await findSubscriberByEmail(deps.db, 'c@example.nl'))!;
    await savePreferences(deps, sub, { name: 'Cor', lists: ['geinteresseerden'], stadsdorp: null });
    expect(await statuses(deps, 'c@example.nl')).toEqual({ geinteresseerden: 'confirmed' });
    expect((await findSubscriberByEmail(deps.db, 'c@example.nl'))!.name).toBe('Cor');
  });

  it('erases a person but keeps the salted hash in the consent log', async () => {
    const { deps } = await makeDeps();
    await signup(
      deps,
      { email: 'd@example.nl', name: 'Dirk', lists: ['geinteresseerden'], stadsdorp: null },
      { source: SOURCES.api },
    );
    const sub = (await findSubscriberByEmail(deps.db, 'd@example.nl'))!;
    // While the person is here, the log points at them and holds no hash yet.
    expect(await deps.db.all('SELECT subscriber_id, email_hash FROM consent_log')).toEqual([
      { subscriber_id: sub.id, email_hash: null },
    ]);
    await eraseSubscriber(deps, coco, sub.id, forgetCopiesOfPerson);
    expect(await findSubscriberByEmail(deps.db, 'd@example.nl')).toBeUndefined();
    const hashes = await deps.db.all<{ email_hash: string; action: string; source: string }>(
      'SELECT email_hash, action, source FROM consent_log ORDER BY id',
    );
    const hash = hashEmail(deps.config.secretKey, 'd@example.nl');
    expect(hashes).toEqual([
      { email_hash: hash, action: 'signup', source: 'api:signup@v1' },
      { email_hash: hash, action: 'erase', source: 'user:Anna' },
    ]);
  });
  it('refuses to delete a person behind the erase: no consent entry may end up naming nobody', async () => {
    const { deps } = await makeDeps();
    await signup(
      deps,
      { email: 'e@example.nl', name: null, lists: ['geinteresseerden'], stadsdorp: null },
      { source: SOURCES.api },
    );
    const sub = (await findSubscriberByEmail(deps.db, 'e@example.nl'))!;
    await expect(deps.db.run('DELETE FROM subscribers WHERE id = ?', [sub.id])).rejects.toThrow(/CHECK/);
    expect(await findSubscriberByEmail(deps.db, 'e@example.nl')).toBeDefined();
  });
});

describe('the demo seed', () => {
  it('adds seven example stadsdorpen and demo subscribers once', async () => {
    const { deps } = await makeDeps();
    expect(await seedDemoOnFirstStart(deps)).toBe(true);
    expect(await seedDemo(deps)).toEqual({ stadsdorpen: 0, subscribers: 0 });
    expect(await seedDemoOnFirstStart(deps)).toBe(false);
    const dorpen = await deps.db.all<{ name: string; gebied: string; is_example: number }>(
      'SELECT name, gebied, is_example FROM stadsdorpen',
    );
    expect(dorpen).toHaveLength(7);
    expect(new Set(dorpen.map((d) => d.gebied)).size).toBe(7);
    expect(dorpen.every((d) => d.is_example === 1 && d.name.startsWith('Voorbeeld'))).toBe(true);
    expect(await statuses(deps, 'anna.voorbeeld@example.org')).toEqual({
      besturen: 'confirmed',
      geinteresseerden: 'confirmed',
    });
  });

  it('never seeds when a real mail transport is configured', async () => {
    const { deps } = await makeDeps({}, { MAIL_TRANSPORT: 'resend', RESEND_API_KEY: 're_test' });
    expect(await seedDemoOnFirstStart(deps)).toBe(false);
  });
});
