// The first CoCo account on the Worker, made with the setup secret (wrangler secret
// SETUP_SECRET) at /beheer/eerste-account: no terminal on the server is needed. The files of
// this project share one D1, so the test first sets aside the CoCo accounts other files made.
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, steppedWorker } from './support.js';

const origin = 'https://stadsdorpen.test';
const post = (fields: [string, string][]): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin, 'sec-fetch-site': 'same-origin' },
  body: new URLSearchParams(fields).toString(),
  redirect: 'manual',
});
const fields = (secret: string, email: string): [string, string][] => [
  ['secret', secret],
  ['name', 'Carla'],
  ['email', email],
];

let setAside: number[] = [];

beforeAll(async () => {
  const active = await db.all<{ id: number }>(
    "SELECT id FROM accounts WHERE role = 'coco' AND disabled_at IS NULL",
  );
  setAside = active.map((r) => r.id);
  await db.run(
    "UPDATE accounts SET disabled_at = '2026-01-01T00:00:00.000Z' WHERE role = 'coco' AND disabled_at IS NULL",
  );
});

afterAll(async () => {
  for (const id of setAside) await db.run('UPDATE accounts SET disabled_at = NULL WHERE id = ?', [id]);
});

describe('the first CoCo account on Workers', () => {
  it('is made with SETUP_SECRET, logged in and logged; a second use is refused', async () => {
    const worker = steppedWorker();
    const email = `carla-${Date.now()}@coco.nl`;
    const wrong = await worker.fetch(
      '/beheer/eerste-account',
      post(fields('niet-de-goede-instelcode', email)),
    );
    expect(wrong.status).toBe(403);
    expect(await db.get('SELECT id FROM accounts WHERE email = ?', [email])).toBeUndefined();

    const made = await worker.fetch(
      '/beheer/eerste-account',
      post(fields(env.SETUP_SECRET as string, email)),
    );
    expect(made.status).toBe(303);
    const cookie = made.headers.get('set-cookie')!.split(';')[0]!;
    const start = await worker.fetch('/beheer', { headers: { cookie } });
    expect(await start.text()).toMatch(/<h1[^>]*>Start<\/h1>/);
    const logged = await db.get<{ subject: string }>(
      "SELECT subject FROM activity_log WHERE action = 'account-create' AND subject LIKE ?",
      [`${email}%`],
    );
    expect(logged?.subject).toBe(`${email} (eerste account, met SETUP_SECRET)`);

    const again = await worker.fetch(
      '/beheer/eerste-account',
      post(fields(env.SETUP_SECRET as string, `tweede-${email}`)),
    );
    expect(again.status).toBe(409);
    expect(await (await worker.fetch('/beheer/eerste-account')).text()).toContain(
      'Er is al een CoCo-account.',
    );
  });
});
