import { describe, expect, it } from 'vitest';
import { hashEmail } from '../../src/modules/subscribers/identity.js';
import { addStadsdorp, auth, makeTestApp } from '../support/app.js';
import { addAccount, Browser, EDDY, loggedIn, outboxMails } from '../support/beheer.js';
import { addSubscriber } from '../support/delivery-builders.js';
import { consentOf, statusesOf } from './subscribers-support.js';

async function setup() {
  const t = await makeTestApp();
  const jordaan = await addStadsdorp(t.deps, { slug: 'jordaan', name: 'Stadsdorp Jordaan' });
  await addStadsdorp(t.deps, { slug: 'noord', name: 'Stadsdorp Noord', gebied: 'Noord' });
  await addAccount(t.deps, { email: 'anna@coco.nl', name: 'Anna' });
  await addAccount(t.deps, { email: 'bert@coco.nl', name: 'Bert' });
  await addAccount(t.deps, EDDY);
  const anna = await loggedIn(t, 'anna@coco.nl');
  const bert = await loggedIn(t, 'bert@coco.nl');
  const editor = await loggedIn(t, EDDY.email);
  return { ...t, jordaan, anna, bert, editor };
}

/** setupWithPiet is setup plus Piet (piet@example.nl), confirmed on the geïnteresseerden list. */
async function setupWithPiet(name?: string) {
  const t = await setup();
  const id = await addSubscriber(t.db, {
    email: 'piet@example.nl',
    name,
    lists: { geinteresseerden: 'confirmed' },
  });
  return { t, id };
}

/** signUp signs a person up through the public form, as a resident does. */
async function signUp(t: Awaited<ReturnType<typeof setup>>, fields: [string, string][]) {
  const res = await t.app.request('/aanmelden', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  expect(res.status).toBeLessThan(400);
}

async function idOf(t: { db: Awaited<ReturnType<typeof setup>>['db'] }, email: string): Promise<number> {
  return (await t.db.get<{ id: number }>('SELECT id FROM subscribers WHERE email = ?', [email]))!.id;
}

async function activity(t: { db: Awaited<ReturnType<typeof setup>>['db'] }) {
  return t.db.all<{ actor_name: string; action: string; subject: string }>(
    'SELECT actor_name, action, subject FROM activity_log ORDER BY id',
  );
}

const h1 = async (res: Response) => /<h1[^>]*>([^<]*)<\/h1>/.exec(await res.text())?.[1];
/** hidden reads a hidden field's value from a page. */
const hidden = (html: string, name: string) =>
  new RegExp(`name="${name.replace(/\./g, '\\.')}" value="([^"]*)"`).exec(html)?.[1] ?? '';

describe('who reaches the subscriber pages', () => {
  it('gives an editor a Dutch 403 page on every subscriber page and action, and changes nothing', async () => {
    const { t, id } = await setupWithPiet();
    for (const path of [
      '/beheer/abonnees',
      '/beheer/abonnees?zoek=piet',
      '/beheer/abonnees/nieuw',
      `/beheer/abonnees/${id}`,
      `/beheer/abonnees/${id}/gegevens`,
      `/beheer/abonnees/${id}/wissen`,
    ]) {
      const res = await t.editor.get(path);
      expect(res.status, path).toBe(403);
      expect(await h1(res), path).toBe('Geen toegang');
      expect((await t.anna.get(path)).status, path).toBe(200);
    }
    for (const [path, fields] of [
      ['/beheer/abonnees/nieuw', [['email', 'x@example.nl']]],
      [`/beheer/abonnees/${id}`, [['name', 'Gehackt']]],
      [`/beheer/abonnees/${id}/goedkeuren`, []],
      [`/beheer/abonnees/${id}/afwijzen`, []],
      [`/beheer/abonnees/${id}/afmelden`, []],
      [`/beheer/abonnees/${id}/blokkeren`, [['reden', 'zomaar']]],
      [`/beheer/abonnees/${id}/deblokkeren`, []],
      [`/beheer/abonnees/${id}/wissen`, [['bevestiging', 'piet@example.nl']]],
    ] as [string, [string, string][]][]) {
      expect((await t.editor.post(path, fields)).status, path).toBe(403);
    }
    expect(await statusesOf(t.db, 'piet@example.nl')).toEqual({ geinteresseerden: 'confirmed' });
    expect(await idOf(t, 'piet@example.nl')).toBe(id);
    expect(await t.db.get('SELECT 1 FROM subscribers WHERE email = ?', ['x@example.nl'])).toBeUndefined();
  });

  it('sends someone without a session to the login, keeping the table’s filters', async () => {
    const t = await setup();
    const res = await new Browser(t.app).get('/beheer/abonnees?zoek=piet&lijst=besturen');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(
      `/beheer/inloggen?next=${encodeURIComponent('/beheer/abonnees?zoek=piet&lijst=besturen')}`,
    );
  });
});

describe('the subscriber table', () => {
  it('searches by name or address and filters by list, status, stadsdorp and source', async () => {
    const t = await setup();
    await signUp(t, [
      ['email', 'jan@example.nl'],
      ['name', 'Jan de Vries'],
      ['lists', 'besturen'],
      ['stadsdorp', 'jordaan'],
    ]);
    await signUp(t, [
      ['email', 'poster@example.nl'],
      ['lists', 'geinteresseerden'],
      ['bron', 'poster-west-1'],
    ]);
    await addSubscriber(t.db, {
      email: 'oud@example.nl',
      name: 'Oude Lezer',
      lists: { geinteresseerden: 'unsubscribed' },
    });

    const all = await (await t.anna.get('/beheer/abonnees')).text();
    expect(all).toContain('<caption>Abonnees, oudste aanmelding eerst</caption>');
    for (const email of ['jan@example.nl', 'poster@example.nl', 'oud@example.nl'])
      expect(all).toContain(email);
    expect(all).toContain('28 november 2026 om 11:00');
    expect(all).toContain('Besturen: nog niet bevestigd');

    const byName = await (await t.anna.get('/beheer/abonnees?zoek=VRIES')).text();
    expect(byName).toContain('jan@example.nl');
    expect(byName).not.toContain('poster@example.nl');
    expect(byName).toContain('met “VRIES” in naam of adres');
    expect(byName).toContain('value="VRIES"');
    const byAddress = await (await t.anna.get('/beheer/abonnees?zoek=poster%40')).text();
    expect(byAddress).toContain('poster@example.nl');
    expect(byAddress).not.toContain('jan@example.nl');

    const cases: [string, string[]][] = [
      ['lijst=besturen', ['jan@example.nl']],
      ['lijst=geinteresseerden&status=unsubscribed', ['oud@example.nl']],
      ['stadsdorp=jordaan', ['jan@example.nl']],
      ['stadsdorp=noord', []],
      ['bron=bron', ['poster@example.nl']],
      ['bron=formulier', ['jan@example.nl']],
    ];
    for (const [query, expected] of cases) {
      const html = await (await t.anna.get(`/beheer/abonnees?${query}`)).text();
      for (const email of ['jan@example.nl', 'poster@example.nl', 'oud@example.nl'])
        expect(html.includes(`>${email}<`), `${query}: ${email}`).toBe(expected.includes(email));
    }
    expect(await (await t.anna.get('/beheer/abonnees?stadsdorp=noord')).text()).toContain(
      'Niemand gevonden met deze zoekopdracht.',
    );
  });

  it('pages through 120 people 50 at a time, keeping the filters in the links', async () => {
    const t = await setup();
    for (let i = 1; i <= 120; i++)
      await addSubscriber(t.db, { email: `lezer${i}@example.nl`, lists: { geinteresseerden: 'confirmed' } });
    const first = await (await t.anna.get('/beheer/abonnees?lijst=geinteresseerden')).text();
    expect(first).toContain('>lezer50@example.nl<');
    expect(first).not.toContain('>lezer51@example.nl<');
    const next = /href="(\/beheer\/abonnees\?lijst=geinteresseerden&amp;na=\d+)">Volgende 50</.exec(
      first,
    )?.[1];
    expect(next).toBeDefined();
    const second = await (await t.anna.get(next!.replace(/&amp;/g, '&'))).text();
    expect(second).toContain('>lezer51@example.nl<');
    expect(second).not.toContain('>lezer50@example.nl<');
    expect(second).toContain('Naar het begin');
  });

  it('marks a wrong filter in Dutch and keeps what was typed', async () => {
    const t = await setup();
    const res = await t.anna.get('/beheer/abonnees?zoek=jan&status=weg&stadsdorp=atlantis');
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Controleer het formulier');
    expect(html).toContain('Kies een status');
    expect(html).toContain('value="jan"');
  });

  it('lets the JSON API filter by stadsdorp and source too', async () => {
    const t = await setup();
    await signUp(t, [
      ['email', 'jan@example.nl'],
      ['lists', 'besturen'],
      ['stadsdorp', 'jordaan'],
    ]);
    await addSubscriber(t.db, { email: 'ander@example.nl', lists: { geinteresseerden: 'confirmed' } });
    const res = await t.app.request('/api/subscribers?stadsdorp=jordaan&source=formulier', {
      headers: auth(t.coco),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).items.map((i: { email: string }) => i.email)).toEqual(['jan@example.nl']);
    const bad = await t.app.request('/api/subscribers?source=fax', { headers: auth(t.coco) });
    expect(bad.status).toBe(400);
  });
});

describe('one person’s page', () => {
  it('shows name, stadsdorp, lists with status, the consent history and the mails received', async () => {
    const t = await setup();
    await signUp(t, [
      ['email', 'jan@example.nl'],
      ['name', 'Jan de Vries'],
      ['lists', 'besturen'],
      ['stadsdorp', 'jordaan'],
    ]);
    const id = await idOf(t, 'jan@example.nl');
    const campaign = await t.db.run(
      `INSERT INTO campaigns (slug, kind, subject, content_json, lists_json, status)
       VALUES ('2026-11-netwerkmail-uitnodiging', 'netwerkmail', 'Uitnodiging Netwerkbijeenkomst', '{}', '["besturen"]', 'sent')`,
    );
    await t.db.run(
      `INSERT INTO deliveries (campaign_id, batch_no, subscriber_id, email, public_id, status, sent_at)
       VALUES (?, 0, ?, 'jan@example.nl', 'x', 'delivered', '2026-11-20T09:30:00.000Z')`,
      [campaign.lastRowId, id],
    );
    const html = await (await t.anna.get(`/beheer/abonnees/${id}`)).text();
    expect(html).toContain('<h1>Jan de Vries</h1>');
    expect(html).toContain('Stadsdorp Jordaan');
    expect(html).toContain('Nog niet bevestigd');
    expect(html).toContain('Aanmeldformulier');
    expect(html).toContain('Uitnodiging Netwerkbijeenkomst');
    expect(html).toContain('Afgeleverd');
    expect(html).toContain('20 november 2026 om 10:30');
  });

  it('answers a Dutch 404 page for a person that does not exist', async () => {
    const t = await setup();
    for (const path of ['/beheer/abonnees/999', '/beheer/abonnees/abc', '/beheer/abonnees/999/wissen']) {
      const res = await t.anna.get(path);
      expect(res.status, path).toBe(404);
      expect(await h1(res)).toBe('Niet gevonden');
    }
  });

  it('changes name, stadsdorp and lists, logging who did it', async () => {
    const { t, id } = await setupWithPiet('Piet');
    const html = await (await t.anna.get(`/beheer/abonnees/${id}`)).text();
    const res = await t.anna.post(`/beheer/abonnees/${id}`, [
      ['versie', hidden(html, 'versie')],
      ['was.name', 'Piet'],
      ['was.stadsdorp', ''],
      ['was.lijst.geinteresseerden', 'confirmed'],
      ['was.lijst.besturen', ''],
      ['name', 'Piet Jansen'],
      ['stadsdorp', 'jordaan'],
      ['lijst-geinteresseerden', 'unsubscribed'],
      ['lijst-besturen', 'confirmed'],
    ]);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/beheer/abonnees/${id}?melding=opgeslagen`);
    expect(await statusesOf(t.db, 'piet@example.nl')).toEqual({
      geinteresseerden: 'unsubscribed',
      besturen: 'confirmed',
    });
    const page = await (await t.anna.get(`/beheer/abonnees/${id}?melding=opgeslagen`)).text();
    expect(page).toContain('De wijzigingen zijn opgeslagen.');
    expect(page).toContain('<h1>Piet Jansen</h1>');
    expect(await consentOf(t.db, 'piet@example.nl')).toEqual([
      'besturen:admin_edit:user:Anna',
      'geinteresseerden:admin_edit:user:Anna',
    ]);
    expect(await activity(t)).toContainEqual({
      actor_name: 'Anna',
      action: 'subscriber-edit',
      subject: 'piet@example.nl',
    });
  });

  it('gives the form back with each wrong field marked in Dutch and what was typed kept', async () => {
    const { t, id } = await setupWithPiet('Piet');
    const html = await (await t.anna.get(`/beheer/abonnees/${id}`)).text();
    const long = 'Jansen'.repeat(40);
    const res = await t.anna.post(`/beheer/abonnees/${id}`, [
      ['versie', hidden(html, 'versie')],
      ['was.name', 'Piet'],
      ['was.lijst.geinteresseerden', 'confirmed'],
      ['name', long],
      ['stadsdorp', ''],
      ['lijst-geinteresseerden', 'confirmed'],
    ]);
    expect(res.status).toBe(400);
    const back = await res.text();
    expect(back).toContain('Controleer het formulier');
    expect(back).toContain('Gebruik hoogstens 200 tekens.');
    expect(back).toContain(`value="${long}"`);
    expect(back).toMatch(/id="name"[^>]*aria-invalid="true"/);

    // Besturen needs a stadsdorp: the stadsdorp field is marked.
    const res2 = await t.anna.post(`/beheer/abonnees/${id}`, [
      ['versie', hidden(html, 'versie')],
      ['was.name', 'Piet'],
      ['was.lijst.geinteresseerden', 'confirmed'],
      ['name', 'Piet'],
      ['stadsdorp', ''],
      ['lijst-geinteresseerden', 'confirmed'],
      ['lijst-besturen', 'confirmed'],
    ]);
    expect(res2.status).toBe(400);
    const back2 = await res2.text();
    expect(back2).toMatch(/id="stadsdorp"[^>]*aria-invalid="true"/);
    expect(back2).toContain('Kies uw stadsdorp');
    expect(await statusesOf(t.db, 'piet@example.nl')).toEqual({ geinteresseerden: 'confirmed' });
  });

  it('shows the second of two CoCo members what changed instead of overwriting it', async () => {
    const { t, id } = await setupWithPiet('Piet');
    const annaForm = await (await t.anna.get(`/beheer/abonnees/${id}`)).text();
    const bertForm = await (await t.bert.get(`/beheer/abonnees/${id}`)).text();
    const form = (html: string, name: string, status: string): [string, string][] => [
      ['versie', hidden(html, 'versie')],
      ['was.name', hidden(html, 'was.name')],
      ['was.stadsdorp', hidden(html, 'was.stadsdorp')],
      ['was.lijst.geinteresseerden', hidden(html, 'was.lijst.geinteresseerden')],
      ['name', name],
      ['stadsdorp', ''],
      ['lijst-geinteresseerden', status],
    ];
    // Anna unsubscribes Piet (he phoned); Bert, with the page still open, corrects the name.
    expect((await t.anna.post(`/beheer/abonnees/${id}`, form(annaForm, 'Piet', 'unsubscribed'))).status).toBe(
      303,
    );
    const res = await t.bert.post(`/beheer/abonnees/${id}`, form(bertForm, 'Piet Bakker', 'confirmed'));
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('Iemand anders heeft deze persoon gewijzigd terwijl u het formulier invulde.');
    expect(html).toContain('Geïnteresseerden: was bevestigd, is nu afgemeld.');
    // The form shows the person as they are now, with the new version.
    expect(html).toMatch(/<option value="unsubscribed" selected/);
    expect(await statusesOf(t.db, 'piet@example.nl')).toEqual({ geinteresseerden: 'unsubscribed' });
    expect((await t.db.get<{ name: string }>('SELECT name FROM subscribers WHERE id = ?', [id]))!.name).toBe(
      'Piet',
    );
    // Saving again from that page works.
    expect(
      (await t.bert.post(`/beheer/abonnees/${id}`, form(html, 'Piet Bakker', 'unsubscribed'))).status,
    ).toBe(303);
    expect((await t.db.get<{ name: string }>('SELECT name FROM subscribers WHERE id = ?', [id]))!.name).toBe(
      'Piet Bakker',
    );
  });

  it('approves and rejects a board request from the person’s page', async () => {
    const t = await setup();
    for (const email of ['ja@example.nl', 'nee@example.nl'])
      await addSubscriber(t.db, { email, lists: { besturen: 'pending_approval' } });
    await t.db.run('UPDATE subscribers SET stadsdorp_id = ?', [t.jordaan]);
    const ja = await idOf(t, 'ja@example.nl');
    const nee = await idOf(t, 'nee@example.nl');
    expect(await (await t.anna.get(`/beheer/abonnees/${ja}`)).text()).toContain('Aanvraag goedkeuren');
    const approved = await t.anna.post(`/beheer/abonnees/${ja}/goedkeuren`);
    expect(approved.headers.get('location')).toBe(`/beheer/abonnees/${ja}?melding=goedgekeurd`);
    expect((await t.anna.post(`/beheer/abonnees/${nee}/afwijzen`)).status).toBe(303);
    expect(await statusesOf(t.db, 'ja@example.nl')).toEqual({ besturen: 'confirmed' });
    expect(await statusesOf(t.db, 'nee@example.nl')).toEqual({ besturen: 'unsubscribed' });
    expect((await outboxMails(t.deps, 'ja@example.nl')).length).toBe(1);
    const again = await t.anna.post(`/beheer/abonnees/${ja}/goedkeuren`);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('geen aanvraag die op goedkeuring wacht');
    const log = await activity(t);
    expect(log).toContainEqual({ actor_name: 'Anna', action: 'approve', subject: 'ja@example.nl' });
    expect(log).toContainEqual({ actor_name: 'Anna', action: 'reject', subject: 'nee@example.nl' });
  });

  it('unsubscribes a person from every list', async () => {
    const t = await setup();
    const id = await addSubscriber(t.db, {
      email: 'piet@example.nl',
      lists: { geinteresseerden: 'confirmed', besturen: 'pending_approval' },
    });
    const res = await t.anna.post(`/beheer/abonnees/${id}/afmelden`);
    expect(res.headers.get('location')).toBe(`/beheer/abonnees/${id}?melding=afgemeld`);
    expect(await statusesOf(t.db, 'piet@example.nl')).toEqual({
      geinteresseerden: 'unsubscribed',
      besturen: 'unsubscribed',
    });
    expect(await consentOf(t.db, 'piet@example.nl')).toEqual([
      'besturen:unsubscribe:user:Anna',
      'geinteresseerden:unsubscribe:user:Anna',
    ]);
    expect((await activity(t)).at(-1)).toMatchObject({
      action: 'unsubscribe',
      subject: expect.stringContaining('piet@example.nl'),
    });
    const twice = await t.anna.post(`/beheer/abonnees/${id}/afmelden`);
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('Deze persoon staat op geen enkele lijst meer.');
  });

  it('sets and lifts a block, asking for a reason', async () => {
    const { t, id } = await setupWithPiet();
    const noReason = await t.anna.post(`/beheer/abonnees/${id}/blokkeren`, [['reden', ' ']]);
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('Schrijf op waarom dit adres geblokkeerd wordt');
    expect(
      (await t.anna.post(`/beheer/abonnees/${id}/blokkeren`, [['reden', 'adres bestaat niet meer']])).status,
    ).toBe(303);
    const blocked = await t.db.get<{ suppressed_at: string | null; suppression_reason: string }>(
      'SELECT suppressed_at, suppression_reason FROM subscribers WHERE id = ?',
      [id],
    );
    expect(blocked!.suppressed_at).not.toBeNull();
    expect(blocked!.suppression_reason).toBe('door de CoCo: adres bestaat niet meer');
    const page = await (await t.anna.get(`/beheer/abonnees/${id}`)).text();
    expect(page).toContain('Geblokkeerd sinds 28 november 2026 om 11:00');
    expect(page).toContain('Blokkade opheffen');
    expect(await (await t.anna.get('/beheer/abonnees')).text()).toContain('(geblokkeerd)');
    expect((await t.anna.post(`/beheer/abonnees/${id}/deblokkeren`)).status).toBe(303);
    expect(
      (await t.db.get<{ suppressed_at: string | null }>(
        'SELECT suppressed_at FROM subscribers WHERE id = ?',
        [id],
      ))!.suppressed_at,
    ).toBeNull();
    const log = (await activity(t)).map((a) => a.action);
    expect(log).toContain('block');
    expect(log).toContain('unblock');
  });

  it('downloads the person’s data as a JSON file, and logs it', async () => {
    const { t, id } = await setupWithPiet('Piet');
    const res = await t.anna.get(`/beheer/abonnees/${id}/gegevens`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="abonnee-${id}.json"`);
    const data = await res.json();
    expect(data.subscriber.email).toBe('piet@example.nl');
    expect(data.subscriptions[0].status).toBe('confirmed');
    expect((await activity(t)).at(-1)).toEqual({
      actor_name: 'Anna',
      action: 'subscriber-export',
      subject: 'piet@example.nl',
    });
  });

  it('erases a person only after the address is typed, leaving only the salted hash in the activity log', async () => {
    const { t, id } = await setupWithPiet('Piet Geheim');
    await t.anna.post(`/beheer/abonnees/${id}/afmelden`);
    const confirm = await (await t.anna.get(`/beheer/abonnees/${id}/wissen`)).text();
    expect(confirm).toContain('Piet Geheim voorgoed wissen?');
    expect(confirm).toContain('Dit kunt u niet terugdraaien');
    expect(confirm).toContain('de inschrijving op 1 lijst (Geïnteresseerden)');
    expect(confirm).toContain('regels toestemmingsgeschiedenis');

    const wrong = await t.anna.post(`/beheer/abonnees/${id}/wissen`, [['bevestiging', 'jan@example.nl']]);
    expect(wrong.status).toBe(400);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain('Dit is niet het adres van deze persoon.');
    expect(wrongHtml).toContain('value="jan@example.nl"');
    expect(await idOf(t, 'piet@example.nl')).toBe(id);

    const done = await t.anna.post(`/beheer/abonnees/${id}/wissen`, [['bevestiging', ' Piet@Example.nl ']]);
    expect(done.headers.get('location')).toBe('/beheer/abonnees?melding=gewist');
    expect(await t.db.get('SELECT 1 FROM subscribers WHERE id = ?', [id])).toBeUndefined();
    const hash = hashEmail(t.deps.config.secretKey, 'piet@example.nl');
    const log = await activity(t);
    expect(log.at(-1)).toEqual({ actor_name: 'Anna', action: 'erase', subject: hash });
    const text = JSON.stringify(log);
    expect(text).not.toContain('piet@example.nl');
    expect(text).not.toContain('Piet Geheim');
    expect(log.find((l) => l.action === 'unsubscribe')!.subject).toContain(hash);
    expect(
      await t.db.get('SELECT 1 FROM consent_log WHERE email_hash = ? AND action = ?', [hash, 'erase']),
    ).toBeDefined();
    expect((await t.anna.get(`/beheer/abonnees/${id}`)).status).toBe(404);
  });
});

describe('adding one person by hand', () => {
  it('asks how they consented, records it with the account, and sends the welcome mail', async () => {
    const t = await setup();
    const empty = await t.anna.post('/beheer/abonnees/nieuw', [
      ['email', 'geen-adres'],
      ['name', 'Truus'],
    ]);
    expect(empty.status).toBe(400);
    const html = await empty.text();
    expect(html).toContain('Dit is geen geldig e-mailadres.');
    expect(html).toContain('Kies minstens één lijst.');
    expect(html).toContain('Kies hoe deze persoon toestemming gaf.');
    expect(html).toContain('value="Truus"');
    expect(html).toContain('value="geen-adres"');

    const res = await t.anna.post('/beheer/abonnees/nieuw', [
      ['email', 'Truus@Example.nl'],
      ['name', 'Truus'],
      ['stadsdorp', 'jordaan'],
      ['lists', 'besturen'],
      ['lists', 'geinteresseerden'],
      ['consent', 'mondeling'],
      ['consentNote', 'op de Netwerkbijeenkomst van 12 maart'],
    ]);
    expect(res.status).toBe(303);
    const id = await idOf(t, 'truus@example.nl');
    expect(res.headers.get('location')).toBe(`/beheer/abonnees/${id}?melding=toegevoegd`);
    expect(await statusesOf(t.db, 'truus@example.nl')).toEqual({
      besturen: 'confirmed',
      geinteresseerden: 'confirmed',
    });
    const account = await t.db.get<{ id: number }>('SELECT id FROM accounts WHERE email = ?', [
      'anna@coco.nl',
    ]);
    const details = await t.db.all<{ action: string; source: string; detail: string }>(
      'SELECT action, source, detail FROM consent_log WHERE subscriber_id = ?',
      [id],
    );
    expect(details).toHaveLength(2);
    for (const d of details) {
      expect(d).toEqual({
        action: 'signup',
        source: 'user:Anna',
        detail: `toestemming: mondeling; op de Netwerkbijeenkomst van 12 maart; toegevoegd door account ${account!.id}`,
      });
    }
    const [welcome] = await outboxMails(t.deps, 'truus@example.nl');
    expect(welcome).toBeDefined();
    expect(welcome!.html).toMatch(/\/voorkeuren\/[A-Za-z0-9_.-]+/);
    expect(welcome!.html).toMatch(/\/afmelden\/[A-Za-z0-9_.-]+/);
    expect((await activity(t)).at(-1)).toEqual({
      actor_name: 'Anna',
      action: 'subscriber-add',
      subject: 'truus@example.nl',
    });
    const table = await (await t.anna.get('/beheer/abonnees?bron=beheer')).text();
    expect(table).toContain('>truus@example.nl<');

    const twice = await t.anna.post('/beheer/abonnees/nieuw', [
      ['email', 'truus@example.nl'],
      ['lists', 'geinteresseerden'],
      ['consent', 'e-mail'],
    ]);
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain('Dit adres staat er al in');
  });

  it('refuses an added board member without a stadsdorp, marking the stadsdorp field', async () => {
    const t = await setup();
    const res = await t.anna.post('/beheer/abonnees/nieuw', [
      ['email', 'kees@example.nl'],
      ['lists', 'besturen'],
      ['consent', 'schriftelijk'],
    ]);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/id="stadsdorp"[^>]*aria-invalid="true"/);
    expect(await t.db.get('SELECT 1 FROM subscribers WHERE email = ?', ['kees@example.nl'])).toBeUndefined();
  });
});
