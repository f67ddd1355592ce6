import { describe, expect, it } from 'vitest';
import type { Transport } from '../../src/mail/transport.js';
import { pruneAccounts } from '../../src/modules/accounts/service.js';
import { noticeBoardRequests } from '../../src/modules/notices/service.js';
import { hashEmail } from '../../src/modules/subscribers/identity.js';
import { drainMailQueue } from '../../src/modules/subscribers/mail-queue.js';
import { cspFor } from '../../src/web/csp.js';
import { addStadsdorp, auth, makeTestApp } from '../support/app.js';
import { addAccount, EDDY, loggedIn, outboxMails } from '../support/beheer.js';
import { postForm } from './subscribers-support.js';

// The CoCo's pages about the organisation: stadsdorpen, lists, the outbox; the activity log's
// completeness; the daily notice of waiting board requests; the start page's bounces and
// signups by source.

async function setup(overrides: Parameters<typeof makeTestApp>[0] = {}) {
  const t = await makeTestApp(overrides);
  await addStadsdorp(t.deps, { slug: 'jordaan', name: 'Stadsdorp Jordaan', gebied: 'Centrum' });
  await addStadsdorp(t.deps, { slug: 'zuidas', name: 'Stadsdorp Zuidas', gebied: 'Zuid' });
  await addStadsdorp(t.deps, { slug: 'diemen', name: 'Stadsdorp Diemen', gebied: 'Regio Amsterdam' });
  await addAccount(t.deps, { email: 'anna@coco.nl', name: 'Anna' });
  await addAccount(t.deps, EDDY);
  const coco = await loggedIn(t, 'anna@coco.nl');
  const editor = await loggedIn(t, EDDY.email);
  return { ...t, cocoBrowser: coco, editor };
}

type T = Awaited<ReturnType<typeof setup>>;

const text = async (res: Response) => res.text();
const h1 = async (res: Response) => /<h1[^>]*>([^<]*)<\/h1>/.exec(await res.text())?.[1];

/** boardRequest signs a person up for the besturen list as the form does; the status waits for the CoCo. */
async function boardRequest(t: T, email: string, name: string, stadsdorp = 'jordaan') {
  await postForm(t.app, '/aanmelden', [
    ['email', email],
    ['name', name],
    ['lists', 'besturen'],
    ['stadsdorp', stadsdorp],
  ]);
  await t.db.run(
    `UPDATE subscriptions SET status = 'pending_approval', updated_at = ?
      WHERE subscriber_id = (SELECT id FROM subscribers WHERE email = ?)`,
    [t.clock.now().toISOString(), email],
  );
}

async function activityText(t: T): Promise<string> {
  return text(await t.cocoBrowser.get('/beheer/activiteit'));
}

describe('who reaches the organisation pages', () => {
  it('gives an editor a Dutch 403 page on each of them, and the CoCo the page', async () => {
    const t = await setup();
    await postForm(t.app, '/aanmelden', [
      ['email', 'x@x.nl'],
      ['lists', 'geinteresseerden'],
    ]);
    await drainMailQueue(t.deps);
    const mailId = (await t.db.get<{ id: number }>('SELECT max(id) AS id FROM outbox_messages'))!.id;
    const pages = [
      '/beheer/stadsdorpen',
      '/beheer/stadsdorpen/jordaan',
      '/beheer/lijsten',
      '/beheer/lijsten/besturen',
      '/beheer/outbox',
      `/beheer/outbox/${mailId}`,
      `/beheer/outbox/${mailId}/weergave`,
    ];
    for (const path of pages) {
      const res = await t.editor.get(path);
      expect(res.status, path).toBe(403);
      expect(await h1(res), path).toBe('Geen toegang');
      expect((await t.cocoBrowser.get(path)).status, path).toBe(200);
    }
    for (const path of [
      '/beheer/stadsdorpen',
      '/beheer/stadsdorpen/jordaan',
      '/beheer/lijsten',
      '/beheer/lijsten/besturen',
    ]) {
      expect((await t.editor.post(path, [['name', 'Overgenomen']])).status, path).toBe(403);
    }
    expect(await t.db.get("SELECT 1 FROM stadsdorpen WHERE name = 'Overgenomen'")).toBeUndefined();
    expect(await t.db.get("SELECT 1 FROM lists WHERE name = 'Overgenomen'")).toBeUndefined();
    // The editor still reaches their own stadsdorp's profile under the same prefix.
    expect((await t.editor.get('/beheer/stadsdorpen/jordaan/profiel')).status).toBe(200);
    const nav = await text(await t.cocoBrowser.get('/beheer'));
    for (const href of ['/beheer/stadsdorpen', '/beheer/lijsten', '/beheer/outbox'])
      expect(nav).toContain(`href="${href}"`);
    expect(await text(await t.editor.get('/beheer'))).not.toContain('href="/beheer/lijsten"');
  });
});

describe('the stadsdorpen pages', () => {
  it('lists every stadsdorp by gebied with its editors and board members', async () => {
    const t = await setup();
    await boardRequest(t, 'bestuur@jordaan.nl', 'Betty Bestuur');
    const html = await text(await t.cocoBrowser.get('/beheer/stadsdorpen'));
    expect(html).toContain('<h1>Stadsdorpen (3)</h1>');
    const order = ['>Zuid (1)<', '>Centrum (1)<', '>Regio Amsterdam (1)<'].map((s) => html.indexOf(s));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(html).not.toContain('>Noord (');
    const jordaanRow = html.slice(html.indexOf('href="/beheer/stadsdorpen/jordaan"'));
    expect(jordaanRow.slice(0, jordaanRow.indexOf('</tr>'))).toMatch(/Eddy<\/td>.*>1<\/td>/);

    const detail = await text(await t.cocoBrowser.get('/beheer/stadsdorpen/jordaan'));
    expect(detail).toContain('eddy@jordaan.nl');
    expect(detail).toContain('Betty Bestuur');
    expect(detail).toContain('Wacht op goedkeuring');
    expect(detail).toContain('Bestuursleden op de besturenlijst (1)');
    expect(await text(await t.cocoBrowser.get('/beheer/stadsdorpen/zuidas'))).toContain(
      'Nog geen bestuurslid op de besturenlijst.',
    );
    expect((await t.cocoBrowser.get('/beheer/stadsdorpen/bestaat-niet')).status).toBe(404);
  });

  it('adds a stadsdorp, keeping what was typed when a field is wrong, and logs it', async () => {
    const t = await setup();
    const bad = await t.cocoBrowser.post('/beheer/stadsdorpen', [
      ['name', 'Stadsdorp Oostpoort'],
      ['gebied', ''],
      ['website', 'oostpoort.nl'],
    ]);
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Controleer het formulier');
    expect(badHtml).toContain('Kies een gebied');
    expect(badHtml).toContain('Vul een volledig webadres in, beginnend met https://.');
    expect(badHtml).toContain('value="Stadsdorp Oostpoort"');
    expect(await t.db.get("SELECT 1 FROM stadsdorpen WHERE name = 'Stadsdorp Oostpoort'")).toBeUndefined();

    const ok = await t.cocoBrowser.post('/beheer/stadsdorpen', [
      ['name', 'Stadsdorp Oostpoort'],
      ['gebied', 'Oost'],
      ['website', 'https://oostpoort.nl'],
    ]);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/beheer/stadsdorpen/stadsdorp-oostpoort?melding=toegevoegd');
    const page = await text(await t.cocoBrowser.get(ok.headers.get('location')!));
    expect(page).toContain('Het stadsdorp is toegevoegd.');
    expect(page).toContain('value="https://oostpoort.nl"');
    expect(await text(await t.cocoBrowser.get('/beheer/stadsdorpen'))).toContain('>Oost (1)<');
    expect(await activityText(t)).toContain('voegde een stadsdorp toe');
  });

  it('changes a stadsdorp’s name, gebied and website, and logs what changed', async () => {
    const t = await setup();
    const bad = await t.cocoBrowser.post('/beheer/stadsdorpen/jordaan', [
      ['name', ''],
      ['gebied', 'Centrum'],
      ['website', ''],
    ]);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Vul de naam van het stadsdorp in.');
    const ok = await t.cocoBrowser.post('/beheer/stadsdorpen/jordaan', [
      ['name', 'Stadsdorp Jordaan en Gouden Reael'],
      ['gebied', 'West'],
      ['website', 'https://jordaan.nl'],
    ]);
    expect(ok.headers.get('location')).toBe('/beheer/stadsdorpen/jordaan?melding=opgeslagen');
    const row = await t.db.get<{ name: string; gebied: string; website: string }>(
      "SELECT name, gebied, website FROM stadsdorpen WHERE slug = 'jordaan'",
    );
    expect(row).toEqual({
      name: 'Stadsdorp Jordaan en Gouden Reael',
      gebied: 'West',
      website: 'https://jordaan.nl',
    });
    const log = await activityText(t);
    expect(log).toContain('wijzigde een stadsdorp');
    expect(log).toContain('gebied Centrum → West');
  });
});

describe('the lists pages', () => {
  it('shows each list with its counts and adds a list, refusing a slug in use', async () => {
    const t = await setup();
    await boardRequest(t, 'b@x.nl', 'B');
    for (const email of ['a@x.nl', 'c@x.nl']) {
      await postForm(t.app, '/aanmelden', [
        ['email', email],
        ['lists', 'geinteresseerden'],
      ]);
    }
    const html = await text(await t.cocoBrowser.get('/beheer/lijsten'));
    expect(html).toContain('goedkeuring door de CoCo, stadsdorp verplicht');
    expect(html).toMatch(/data-label="Wacht op goedkeuring">1<\/td>/);
    expect(html).toMatch(/data-label="Nog niet bevestigd">2<\/td>/);

    const taken = await t.cocoBrowser.post('/beheer/lijsten', [
      ['name', 'Nog een besturenlijst'],
      ['slug', 'besturen'],
    ]);
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain('Er is al een lijst met de korte naam besturen. Kies een andere.');
    const noName = await t.cocoBrowser.post('/beheer/lijsten', [
      ['name', ''],
      ['slug', 'werkgroep-zorg'],
    ]);
    expect(noName.status).toBe(400);
    expect(await noName.text()).toContain('value="werkgroep-zorg"');

    const ok = await t.cocoBrowser.post('/beheer/lijsten', [
      ['name', 'Werkgroep Zorg'],
      ['slug', 'werkgroep-zorg'],
      ['description', 'Voor wie meedenkt over zorg en wonen.'],
      ['requiresApproval', 'ja'],
    ]);
    expect(ok.headers.get('location')).toBe('/beheer/lijsten?melding=toegevoegd');
    const list = await t.db.get<{
      requires_approval: number;
      requires_stadsdorp: number;
      description: string;
    }>("SELECT requires_approval, requires_stadsdorp, description FROM lists WHERE slug = 'werkgroep-zorg'");
    expect(list).toEqual({
      requires_approval: 1,
      requires_stadsdorp: 0,
      description: 'Voor wie meedenkt over zorg en wonen.',
    });
    expect(await text(await t.cocoBrowser.get('/beheer/lijsten?melding=toegevoegd'))).toContain(
      'De lijst is toegevoegd.',
    );
    expect(await activityText(t)).toContain('Werkgroep Zorg (werkgroep-zorg)');
  });

  it('describes a list (name and description) in beheer and through the API, and logs the change', async () => {
    const t = await setup();
    const ok = await t.cocoBrowser.post('/beheer/lijsten/geinteresseerden', [
      ['name', 'Geïnteresseerden'],
      ['description', 'Iedereen die de Nieuwsbrief wil lezen.'],
    ]);
    expect(ok.headers.get('location')).toBe('/beheer/lijsten/geinteresseerden?melding=opgeslagen');
    const page = await text(await t.cocoBrowser.get(ok.headers.get('location')!));
    expect(page).toContain('Iedereen die de Nieuwsbrief wil lezen.');
    expect(page).toContain('De lijst is opgeslagen.');
    const log = await activityText(t);
    expect(log).toContain('wijzigde een lijst');
    expect(log).toContain('geinteresseerden: beschrijving');

    const api = await t.app.request('/api/lists/geinteresseerden', {
      method: 'PATCH',
      headers: auth(t.coco, { 'content-type': 'application/json' }),
      body: JSON.stringify({ name: 'Lezers', description: 'Voor lezers.' }),
    });
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({
      slug: 'geinteresseerden',
      name: 'Lezers',
      description: 'Voor lezers.',
    });
    const unknown = await t.app.request('/api/lists/bestaat-niet', {
      method: 'PATCH',
      headers: auth(t.coco, { 'content-type': 'application/json' }),
      body: JSON.stringify({ name: 'X' }),
    });
    expect(unknown.status).toBe(404);
    expect((await t.cocoBrowser.get('/beheer/lijsten/bestaat-niet')).status).toBe(404);
  });
});

describe('the outbox pages', () => {
  it('lists stored mails newest first, finds them by part of the address, and shows one framed, with text and headers', async () => {
    const t = await setup();
    for (const email of ['piet@jordaan.nl', 'karin@zuidas.nl']) {
      await postForm(t.app, '/aanmelden', [
        ['email', email],
        ['lists', 'geinteresseerden'],
      ]);
      t.clock.advance(60_000);
      await drainMailQueue(t.deps);
    }
    const list = await text(await t.cocoBrowser.get('/beheer/outbox'));
    expect(list.indexOf('karin@zuidas.nl')).toBeGreaterThan(0);
    expect(list.indexOf('karin@zuidas.nl')).toBeLessThan(list.indexOf('piet@jordaan.nl'));
    expect(list).not.toContain('Mail gaat nu via');

    const found = await text(await t.cocoBrowser.get('/beheer/outbox?adres=JORDAAN.nl'));
    expect(found).toContain('piet@jordaan.nl');
    expect(found).not.toContain('karin@zuidas.nl');
    expect(found).toContain('value="JORDAAN.nl"');
    expect(await text(await t.cocoBrowser.get('/beheer/outbox?adres=niemand'))).toContain(
      'Geen mails aan zo’n adres.',
    );

    const id = /href="\/beheer\/outbox\/(\d+)"/.exec(found)![1];
    const stored = (await t.db.get<{ html: string; text: string }>(
      'SELECT html, text FROM outbox_messages WHERE id = ?',
      [Number(id)],
    ))!;
    const detail = await t.cocoBrowser.get(`/beheer/outbox/${id}`);
    const html = await detail.text();
    expect(html).toMatch(new RegExp(`<iframe src="/beheer/outbox/${id}/weergave" sandbox=""`));
    expect(html).toContain('Bevestig uw aanmelding');
    expect(html).toContain('<td>From</td>');
    expect(html).toContain('Message-ID');
    expect(html).toContain(stored.text.split('\n')[0]);
    expect(detail.headers.get('content-security-policy')).toBe(cspFor('beheer'));

    const framed = await t.cocoBrowser.get(`/beheer/outbox/${id}/weergave`);
    expect(framed.headers.get('content-security-policy')).toBe(cspFor('preview'));
    expect(cspFor('preview')).toContain("frame-ancestors 'self'");
    expect(await framed.text()).toBe(stored.html);
    expect((await t.cocoBrowser.get('/beheer/outbox/999999')).status).toBe(404);
  });

  it('says so when mail goes out through another transport', async () => {
    const t = await setup();
    const real = t.deps.transport;
    const resend: Transport = { ...real, name: 'resend' };
    t.deps.transport = resend;
    const html = await text(await t.cocoBrowser.get('/beheer/outbox'));
    expect(html).toContain('Mail gaat nu via <strong>resend</strong> echt de deur uit');
  });
});

describe('the activity log', () => {
  it('logs sending and cancelling a campaign through the API under the token’s name', async () => {
    const t = await setup();
    await t.db.run("INSERT INTO subscribers (public_id, email) VALUES ('p1', 'lezer@x.nl')");
    await t.db.run(
      "INSERT INTO subscriptions (subscriber_id, list_id, status) SELECT 1, id, 'confirmed' FROM lists",
    );
    const h = auth(t.coco, { 'content-type': 'application/json' });
    const make = async (subject: string) =>
      (
        await (
          await t.app.request('/api/campaigns', {
            method: 'POST',
            headers: h,
            body: JSON.stringify({ kind: 'nieuwsbrief', subject, content: { intro: 'Hallo' } }),
          })
        ).json()
      ).id as number;
    const a = await make('Nieuwsbrief december');
    expect(
      (await t.app.request(`/api/campaigns/${a}/send`, { method: 'POST', headers: h, body: '{}' })).status,
    ).toBe(202);
    expect((await t.app.request(`/api/campaigns/${a}/cancel`, { method: 'POST', headers: h })).status).toBe(
      200,
    );
    const b = await make('Netwerkbijeenkomst');
    const later = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
    await t.app.request(`/api/campaigns/${b}/send`, {
      method: 'POST',
      headers: h,
      body: JSON.stringify({ scheduledAt: later }),
    });
    // A refused send is not logged.
    await t.app.request(`/api/campaigns/${b}/send`, { method: 'POST', headers: h, body: '{}' });
    const log = await activityText(t);
    expect(log).toContain('Test CoCo (API-token)');
    expect(log).toContain('verstuurde een campagne');
    expect(log).toContain(`Nieuwsbrief december (#${a})`);
    expect(log).toContain('annuleerde een campagne');
    expect(log).toContain('plande een campagne in');
    expect(log.match(/verstuurde een campagne/g)).toHaveLength(1);
  });

  it('shows an erased person only as the consent log’s salted hash', async () => {
    const t = await setup();
    await boardRequest(t, 'betty@jordaan.nl', 'Betty Bestuur');
    const id = (await t.db.get<{ id: number }>(
      "SELECT id FROM subscribers WHERE email = 'betty@jordaan.nl'",
    ))!.id;
    await t.cocoBrowser.post(`/beheer/aanvragen/${id}/goedkeuren`);
    expect(await activityText(t)).toContain('betty@jordaan.nl');
    const res = await t.app.request(`/api/subscribers/${id}`, { method: 'DELETE', headers: auth(t.coco) });
    expect(res.status).toBeLessThan(300);
    const log = await activityText(t);
    expect(log).not.toContain('betty@jordaan.nl');
    expect(log).not.toContain('Betty');
    const hash = hashEmail(t.deps.config.secretKey!, 'betty@jordaan.nl');
    expect(log).toContain(hash);
    expect(await t.db.get('SELECT 1 FROM consent_log WHERE email_hash = ?', [hash])).toBeDefined();
  });

  it('forgets activity older than a year', async () => {
    const t = await setup();
    await t.cocoBrowser.post('/beheer/lijsten/besturen', [
      ['name', 'Besturen'],
      ['description', 'Oud'],
    ]);
    t.clock.advance(366 * 86_400_000);
    await pruneAccounts(t.deps);
    expect(await t.db.get("SELECT 1 FROM activity_log WHERE action = 'list-change'")).toBeUndefined();
  });
});

describe('the notice of waiting board requests', () => {
  it('mails each active CoCo account once, only after a day, and at most once a day', async () => {
    const t = await setup();
    const bert = await addAccount(t.deps, { email: 'bert@coco.nl', name: 'Bert' });
    const carla = await addAccount(t.deps, { email: 'carla@coco.nl', name: 'Carla' });
    await t.db.run('UPDATE accounts SET disabled_at = ? WHERE id = ?', [
      t.clock.now().toISOString(),
      carla.id,
    ]);
    expect(await noticeBoardRequests(t.deps)).toBe(0);
    await boardRequest(t, 'betty@jordaan.nl', 'Betty Bestuur');
    t.clock.advance(23 * 3_600_000);
    expect(await noticeBoardRequests(t.deps)).toBe(0);
    await boardRequest(t, 'bob@zuidas.nl', 'Bob', 'zuidas');
    t.clock.advance(3_600_000);
    expect(await noticeBoardRequests(t.deps)).toBe(2);
    const [mail] = await outboxMails(t.deps, 'bert@coco.nl');
    expect(mail!.subject).toBe('Er wachten 2 aanvragen voor de besturenlijst');
    expect(mail!.text).toContain('de oudste sinds 28 november 2026');
    expect(mail!.html).toContain('https://stadsdorpen.test/beheer');
    expect(mail!.html).not.toContain('Betty');
    expect(await outboxMails(t.deps, 'anna@coco.nl')).toHaveLength(2); // the login mail and the notice
    expect(await outboxMails(t.deps, 'carla@coco.nl')).toHaveLength(0);
    expect(await outboxMails(t.deps, 'eddy@jordaan.nl')).toHaveLength(1); // the login mail only

    // The hourly loop comes again: nothing new within a day.
    for (let h = 0; h < 23; h++) {
      t.clock.advance(3_600_000);
      expect(await noticeBoardRequests(t.deps)).toBe(0);
    }
    t.clock.advance(3_600_000);
    expect(await noticeBoardRequests(t.deps)).toBe(2);
    expect(await outboxMails(t.deps, 'bert@coco.nl')).toHaveLength(2);

    // Once every request is decided, no more notices.
    await t.db.run("UPDATE subscriptions SET status = 'confirmed'");
    t.clock.advance(2 * 86_400_000);
    expect(await noticeBoardRequests(t.deps)).toBe(0);
    expect(bert.role).toBe('coco');
  });
});

describe('the start page', () => {
  it('lists bounces and complaints of the last 30 days', async () => {
    const t = await setup();
    await t.db.run(
      "INSERT INTO subscribers (public_id, email) VALUES ('p1', 'weg@x.nl'), ('p2', 'boos@x.nl'), ('p3', 'oud@x.nl')",
    );
    await t.db.run(
      "INSERT INTO subscriptions (subscriber_id, list_id, status) SELECT s.id, l.id, 'confirmed' FROM subscribers s, lists l",
    );
    const h = auth(t.coco, { 'content-type': 'application/json' });
    const { id } = await (
      await t.app.request('/api/campaigns', {
        method: 'POST',
        headers: h,
        body: JSON.stringify({
          kind: 'nieuwsbrief',
          subject: 'Nieuwsbrief november',
          content: { intro: 'Hallo' },
        }),
      })
    ).json();
    await t.app.request(`/api/campaigns/${id}/send`, { method: 'POST', headers: h, body: '{}' });
    const now = t.clock.now().getTime();
    const at = (days: number) => new Date(now - days * 86_400_000).toISOString();
    await t.db.run(
      "UPDATE deliveries SET status = 'bounced', error = 'mailbox bestaat niet', updated_at = ? WHERE email = 'weg@x.nl'",
      [at(2)],
    );
    await t.db.run("UPDATE deliveries SET status = 'complained', updated_at = ? WHERE email = 'boos@x.nl'", [
      at(1),
    ]);
    await t.db.run("UPDATE deliveries SET status = 'bounced', updated_at = ? WHERE email = 'oud@x.nl'", [
      at(31),
    ]);
    const html = await text(await t.cocoBrowser.get('/beheer'));
    expect(html).toContain('Onbestelbaar en klachten, laatste 30 dagen (2)');
    expect(html.indexOf('boos@x.nl')).toBeLessThan(html.indexOf('weg@x.nl'));
    expect(html).toContain('Onbestelbaar: mailbox bestaat niet');
    expect(html).toContain('Klacht (spam)');
    expect(html).toContain('Nieuwsbrief november');
    expect(html).not.toContain('oud@x.nl');
    const plan = await t.db.all<{ detail: string }>(
      `EXPLAIN QUERY PLAN SELECT d.email FROM deliveries d JOIN campaigns c ON c.id = d.campaign_id
        WHERE (d.status = 'bounced' OR d.status = 'complained') AND d.updated_at >= ? ORDER BY d.updated_at DESC LIMIT 50`,
      [at(30)],
    );
    expect(plan.map((p) => p.detail).join(' ')).toContain('deliveries_feedback');
  });

  it('says when there were no bounces, and splits the weekly signups by source, poster QR codes included', async () => {
    const t = await setup();
    expect(await text(await t.cocoBrowser.get('/beheer'))).toContain(
      'Geen onbestelbare mails of klachten in de laatste 30 dagen.',
    );
    const signup = (email: string, extra: [string, string][] = []) =>
      postForm(t.app, '/aanmelden', [['email', email], ['lists', 'geinteresseerden'], ...extra]);
    await signup('a@x.nl', [['bron', 'poster-a3-jordaan']]);
    await signup('b@x.nl', [['bron', 'poster-a3-jordaan']]);
    await signup('c@x.nl');
    const html = await text(await t.cocoBrowser.get('/beheer'));
    expect(html).toContain('Aanmeldingen per week, laatste zes maanden (3)');
    expect(html).toContain('Poster of link (QR-code)');
    expect(html.match(/<rect [^>]*fill="#1f5c3a"/g)).toHaveLength(1);
    expect(html.match(/<rect [^>]*fill="#b35900"/g)).toHaveLength(1);
    // The table row of this week: 2 through a poster, 1 through the form, 0, 0, 3 in all.
    expect(html).toMatch(
      /data-label="Poster of link \(QR-code\)">2<\/td><td class="getal" data-label="Aanmeldformulier">1<\/td><td class="getal" data-label="Andere website \(API\)">0<\/td><td class="getal" data-label="Voorkeuren en overig">0<\/td><td class="getal" data-label="Totaal">3<\/td>/,
    );
  });
});
