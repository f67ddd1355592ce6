import { stmt } from '../src/db/port.js';
import type { AppDeps } from '../src/deps.js';
import type { Gebied } from '../src/modules/stadsdorpen/schema.js';
import { newPublicId } from '../src/modules/subscribers/identity.js';
import { consentStmt, insertSubscriberStmt, setStatusStmt } from '../src/modules/subscribers/repo.js';
import type { SubscriptionStatus } from '../src/modules/subscribers/schema.js';

// The demo seed: one example stadsdorp in each of the seven gebieden that have
// stadsdorpen (Noord and Weesp have none yet), and a handful of demo subscribers
// in every status, so a fresh `npm start` shows every screen. Every stadsdorp is
// marked is_example and named "Voorbeeld ...", every address is @example.org.

const SOURCE = 'seed:demo';

const STADSDORPEN: { slug: string; name: string; gebied: Gebied }[] = [
  { slug: 'voorbeeld-stadsdorp-west', name: 'Voorbeeld Stadsdorp West', gebied: 'West' },
  { slug: 'voorbeeld-stadsdorp-zuid', name: 'Voorbeeld Stadsdorp Zuid', gebied: 'Zuid' },
  { slug: 'voorbeeld-stadsdorp-centrum', name: 'Voorbeeld Stadsdorp Centrum', gebied: 'Centrum' },
  { slug: 'voorbeeld-stadsdorp-oost', name: 'Voorbeeld Stadsdorp Oost', gebied: 'Oost' },
  { slug: 'voorbeeld-stadsdorp-zuidoost', name: 'Voorbeeld Stadsdorp Zuidoost', gebied: 'Zuidoost' },
  { slug: 'voorbeeld-stadsdorp-nieuw-west', name: 'Voorbeeld Stadsdorp Nieuw-West', gebied: 'Nieuw-West' },
  {
    slug: 'voorbeeld-stadsdorp-regio',
    name: 'Voorbeeld Stadsdorp Regio Amsterdam',
    gebied: 'Regio Amsterdam',
  },
];

const SUBSCRIBERS: {
  email: string;
  name: string;
  stadsdorp: string | null;
  lists: [string, SubscriptionStatus][];
}[] = [
  {
    email: 'anna.voorbeeld@example.org',
    name: 'Anna (voorbeeld)',
    stadsdorp: 'voorbeeld-stadsdorp-oost',
    lists: [
      ['besturen', 'confirmed'],
      ['geinteresseerden', 'confirmed'],
    ],
  },
  {
    email: 'bram.voorbeeld@example.org',
    name: 'Bram (voorbeeld)',
    stadsdorp: 'voorbeeld-stadsdorp-centrum',
    lists: [['besturen', 'pending_approval']],
  },
  {
    email: 'carla.voorbeeld@example.org',
    name: 'Carla (voorbeeld)',
    stadsdorp: null,
    lists: [['geinteresseerden', 'confirmed']],
  },
  {
    email: 'daan.voorbeeld@example.org',
    name: 'Daan (voorbeeld)',
    stadsdorp: null,
    lists: [['geinteresseerden', 'unconfirmed']],
  },
  {
    email: 'eva.voorbeeld@example.org',
    name: 'Eva (voorbeeld)',
    stadsdorp: 'voorbeeld-stadsdorp-west',
    lists: [['geinteresseerden', 'unsubscribed']],
  },
];

/** seedDemo adds the example stadsdorpen and demo subscribers that are missing, in one batch; running it again adds nothing. */
export async function seedDemo(deps: Pick<AppDeps, 'db' | 'config' | 'now'>): Promise<{
  stadsdorpen: number;
  subscribers: number;
}> {
  const now = deps.now().toISOString();
  const haveDorpen = new Set(
    (await deps.db.all<{ slug: string }>('SELECT slug FROM stadsdorpen')).map((r) => r.slug),
  );
  const haveEmails = new Set(
    (await deps.db.all<{ email: string }>('SELECT email FROM subscribers')).map((r) => r.email),
  );
  const lists = new Map(
    (await deps.db.all<{ id: number; slug: string }>('SELECT id, slug FROM lists')).map((r) => [
      r.slug,
      r.id,
    ]),
  );
  const newDorpen = STADSDORPEN.filter((s) => !haveDorpen.has(s.slug));
  const newSubscribers = SUBSCRIBERS.filter((s) => !haveEmails.has(s.email));
  const statements = newDorpen.map((s) =>
    stmt(
      `INSERT INTO stadsdorpen (slug, name, gebied, website, contact_email, is_example, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (slug) DO NOTHING`,
      [s.slug, s.name, s.gebied, 'https://stadsdorpen.nl', `${s.slug}@example.org`, now, now],
    ),
  );
  for (const s of newSubscribers) {
    const publicId = newPublicId();
    statements.push(
      insertSubscriberStmt({ publicId, email: s.email, name: s.name, stadsdorpId: null, now }),
      stmt(
        'UPDATE subscribers SET stadsdorp_id = (SELECT id FROM stadsdorpen WHERE slug = ?) WHERE public_id = ?',
        [s.stadsdorp, publicId],
      ),
    );
    for (const [slug, status] of s.lists) {
      const listId = lists.get(slug);
      if (listId === undefined) continue;
      statements.push(
        setStatusStmt(publicId, listId, status, now),
        consentStmt({
          publicId,
          listId,
          action: 'import',
          source: SOURCE,
          detail: `demo: ${status}`,
          now,
        }),
      );
    }
  }
  if (statements.length > 0) await deps.db.batch(statements);
  return { stadsdorpen: newDorpen.length, subscribers: newSubscribers.length };
}

/**
 * seedDemoOnFirstStart seeds the demo when the database has no stadsdorpen yet,
 * and only with the outbox transport: demo addresses must never reach a real mail provider.
 */
export async function seedDemoOnFirstStart(deps: Pick<AppDeps, 'db' | 'config' | 'now'>): Promise<boolean> {
  if (deps.config.mailTransport !== 'outbox') return false;
  const row = await deps.db.get<{ n: number }>('SELECT count(*) AS n FROM stadsdorpen');
  if ((row?.n ?? 0) > 0) return false;
  await seedDemo(deps);
  return true;
}
