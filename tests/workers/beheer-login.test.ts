// Logging in to beheer on the Worker, inside workerd: the login link goes out through the
// Queue to the fake Resend, its button opens a session, and the session cookie opens beheer.
// Cross-site form posts are refused as on Node.
import { beforeEach, describe, expect, it } from 'vitest';
import { db, fakeResend, steppedWorker } from './support.js';

const origin = 'https://stadsdorpen.test';
const form = (fields: [string, string][], cookie?: string): RequestInit => ({
  method: 'POST',
  headers: {
    'content-type': 'application/x-www-form-urlencoded',
    origin,
    'sec-fetch-site': 'same-origin',
    ...(cookie ? { cookie } : {}),
  },
  body: new URLSearchParams(fields).toString(),
  redirect: 'manual',
});

describe('beheer on Workers', () => {
  beforeEach(() => fakeResend.reset());

  it('logs in with the mailed link and its button, and opens the start page with the session cookie', async () => {
    await db.run("INSERT INTO accounts (email, name, role) VALUES ('bram@coco.nl', 'Bram', 'coco')");
    const worker = steppedWorker();
    const asked = await worker.fetch('/beheer/inloggen', form([['email', 'bram@coco.nl']]));
    expect(asked.status).toBe(200);
    expect(worker.queued.map((m) => m.body)).toEqual([{ kind: 'transactional' }]);
    await worker.consumeQueued();

    const mail = (await fakeResend.emails()).find((m) => m.to === 'bram@coco.nl');
    expect(mail?.subject).toBe('Uw link om in te loggen bij beheer');
    const link = /https:\/\/stadsdorpen\.test(\/beheer\/link\/[A-Za-z0-9_.-]+)/.exec(mail!.html)?.[1];
    expect(link).toBeDefined();

    const pressed = await worker.fetch(link!, form([]));
    expect(pressed.status).toBe(303);
    const cookie = pressed.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^__Host-beheer=.*HttpOnly.*/i);
    const start = await worker.fetch('/beheer', { headers: { cookie: cookie.split(';')[0]! } });
    expect(start.status).toBe(200);
    expect(await start.text()).toMatch(/<h1[^>]*>Start<\/h1>/);

    const crossSite = await worker.fetch('/beheer/inloggen', {
      ...form([['email', 'bram@coco.nl']]),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://elders.example',
        'sec-fetch-site': 'cross-site',
      },
    });
    expect(crossSite.status).toBe(403);
    expect(worker.queued).toEqual([]);
  });
});
