import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cspFor } from '../../src/web/csp.js';
import { addStadsdorp, auth, makeTestApp } from '../support/app.js';
import { addAccount, Browser, beheerLinkIn, EDDY, loggedIn, logIn, outboxMails } from '../support/beheer.js';
import { postForm, statusesOf } from './subscribers-support.js';

async function setup() {
  const t = await makeTestApp();
  const jordaan = await addStadsdorp(t.deps, { slug: 'jordaan', name: 'Stadsdorp Jordaan' });
  const noord = await addStadsdorp(t.deps, { slug: 'noord', name: 'Stadsdorp Noord', gebied: 'Noord' });
  await addAccount(t.deps, { email: 'anna@coco.nl', name: 'Anna' });
  await addAccount(t.deps, EDDY);
  const coco = await loggedIn(t, 'anna@coco.nl');
  const editor = await loggedIn(t, EDDY.email);
  return { ...t, jordaan, noord, cocoBrowser: coco, editor };
}

const h1 = async (res: Response) => /<h1[^>]*>([^<]*)<\/h1>/.exec(await res.text())?.[1];

const COCO_PAGES = ['/beheer/accounts', '/beheer/tokens', '/beheer/activiteit'];

describe('who reaches which beheer page', () => {
  it('gives an editor a Dutch 403 page on every CoCo page and on another stadsdorp', async () => {
    const t = await setup();
    for (const path of COCO_PAGES) {
      const res = await t.editor.get(path);
      expect(res.status, path).toBe(403);
      expect(await h1(res), path).toBe('Geen toegang');
      expect((await t.cocoBrowser.get(path)).status, path).toBe(200);
    }
    const other = await t.editor.get('/beheer/stadsdorpen/noord/profiel');
    expect(other.status).toBe(403);
    expect(await other.text()).toContain('U heeft geen toegang tot dit stadsdorp.');
    expect(
      (await t.editor.post('/beheer/stadsdorpen/noord/profiel', [['brandColour', '#000000']])).status,
    ).toBe(403);
    expect((await t.editor.get('/beheer/stadsdorpen/jordaan/profiel')).status).toBe(200);
    expect((await t.editor.post('/beheer/aanvragen/1/goedkeuren')).status).toBe(403);
  });

  it('puts beheer’s CSP on every page, the login included', async () => {
    const t = await setup();
    for (const path of ['/beheer/inloggen', '/beheer', '/beheer/accounts', '/beheer/bestaat-niet']) {
      const res = await t.cocoBrowser.get(path);
      expect(res.headers.get('content-security-policy'), path).toBe(cspFor('beheer'));
    }
    expect(cspFor('beheer')).toContain("script-src 'self'");
    expect(cspFor('beheer')).toContain("frame-src 'self'");
    expect(cspFor('beheer')).toContain("frame-ancestors 'none'");
  });

  it('refuses a form posted from another site, and does nothing', async () => {
    const t = await setup();
    const bert = await addAccount(t.deps, { email: 'bert@coco.nl', name: 'Bert' });
    const fromEvil = await t.cocoBrowser.post(`/beheer/accounts/${bert.id}/uitschakelen`, [], {
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(fromEvil.status).toBe(403);
    expect(await fromEvil.text()).toContain('niet van onze eigen website');
    const noOriginButCrossSite = await t.cocoBrowser.post('/beheer/sessies/overal-uitloggen', [], {
      origin: '',
      'sec-fetch-site': 'cross-site',
    });
    expect(noOriginButCrossSite.status).toBe(403);
    expect((await t.cocoBrowser.get('/beheer/accounts')).status).toBe(200);
    expect(await (await t.cocoBrowser.get('/beheer/accounts')).text()).not.toContain('Uitgeschakeld');
  });
});

describe('the CoCo’s account pages', () => {
  it('invites an editor, who logs in with the mailed link and lands on their stadsdorp', async () => {
    const t = await setup();
    const bad = await t.cocoBrowser.post('/beheer/accounts', [
      ['name', 'Petra'],
      ['email', 'petra@noord.nl'],
      ['role', 'stadsdorp'],
      ['stadsdorp', ''],
    ]);
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Kies het stadsdorp van deze redacteur.');
    expect(badHtml).toContain('value="petra@noord.nl"');

    const ok = await t.cocoBrowser.post('/beheer/accounts', [
      ['name', 'Petra'],
      ['email', 'petra@noord.nl'],
      ['role', 'stadsdorp'],
      ['stadsdorp', 'noord'],
    ]);
    expect(ok.headers.get('location')).toBe('/beheer/accounts?melding=uitgenodigd');
    const twice = await t.cocoBrowser.post('/beheer/accounts', [
      ['name', 'Petra'],
      ['email', 'PETRA@noord.nl'],
      ['role', 'coco'],
    ]);
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain('Er is al een account voor petra@noord.nl.');

    const [mail] = await outboxMails(t.deps, 'petra@noord.nl');
    expect(mail!.subject).toBe('Uw account voor beheer van het Netwerk Amsterdamse Stadsdorpen');
    expect(mail!.text).toContain('7 dagen');
    const petra = new Browser(t.app);
    t.clock.advance(6 * 86_400_000);
    const link = beheerLinkIn(mail!);
    expect(await h1(await petra.get(link))).toBe('Welkom bij beheer');
    await petra.post(link);
    const start = await (await petra.get('/beheer')).text();
    expect(start).toContain('<h1>Stadsdorp Noord</h1>');

    await logIn(t.cocoBrowser, t.deps, 'anna@coco.nl');
    const list = await (await t.cocoBrowser.get('/beheer/accounts')).text();
    expect(list).toContain('petra@noord.nl');
    expect(list).toContain('Redacteur Stadsdorp Noord');
  });

  it('lists and revokes API tokens; a revoked token no longer opens the API', async () => {
    const t = await setup();
    const page = await (await t.cocoBrowser.get('/beheer/tokens')).text();
    expect(page).toContain('Test CoCo');
    expect(page).not.toContain(t.coco);
    const id = (await t.db.get<{ id: number }>("SELECT id FROM api_tokens WHERE name = 'Test CoCo'"))!.id;
    expect((await t.app.request('/api/lists', { headers: auth(t.coco) })).status).toBe(200);
    const confirm = await t.cocoBrowser.get(`/beheer/tokens/${id}/intrekken`);
    expect(await h1(confirm)).toBe('Het token &quot;Test CoCo&quot; intrekken?');
    expect((await t.app.request('/api/lists', { headers: auth(t.coco) })).status).toBe(200);
    const res = await t.cocoBrowser.post(`/beheer/tokens/${id}/intrekken`);
    expect(res.headers.get('location')).toBe('/beheer/tokens?melding=ingetrokken');
    expect((await t.app.request('/api/lists', { headers: auth(t.coco) })).status).toBe(401);
    expect((await t.cocoBrowser.post(`/beheer/tokens/${id}/intrekken`)).status).toBe(404);
    expect(await (await t.cocoBrowser.get('/beheer/tokens?melding=ingetrokken')).text()).toContain(
      'Het API-token is ingetrokken.',
    );
  });

  it('shows logins, invitations, disabling and revoked tokens in the activity log, newest first', async () => {
    const t = await setup();
    const bert = await addAccount(t.deps, { email: 'bert@coco.nl', name: 'Bert' });
    await t.cocoBrowser.post(`/beheer/accounts/${bert.id}/uitschakelen`);
    await t.cocoBrowser.post('/beheer/accounts', [
      ['name', 'Carla'],
      ['email', 'carla@coco.nl'],
      ['role', 'coco'],
    ]);
    const html = await (await t.cocoBrowser.get('/beheer/activiteit')).text();
    const order = ['nodigde uit', 'schakelde uit', 'logde in'].map((w) => html.indexOf(w));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(html).toContain('Bert &lt;bert@coco.nl&gt;');
  });
});

describe('the start pages', () => {
  it('lets the CoCo approve a board request right on the start page', async () => {
    const t = await setup();
    await postForm(t.app, '/aanmelden', [
      ['email', 'bestuur@jordaan.nl'],
      ['name', 'Betty Bestuur'],
      ['lists', 'besturen'],
      ['stadsdorp', 'jordaan'],
    ]);
    await t.db.run("UPDATE subscriptions SET status = 'pending_approval'");
    const start = await (await t.cocoBrowser.get('/beheer')).text();
    expect(start).toContain('Aanvragen voor de besturenlijst (1)');
    expect(start).toContain('Betty Bestuur');
    const id = /\/beheer\/aanvragen\/(\d+)\/goedkeuren/.exec(start)![1];
    const res = await t.cocoBrowser.post(`/beheer/aanvragen/${id}/goedkeuren`);
    expect(res.headers.get('location')).toBe('/beheer?melding=goedgekeurd');
    expect(await statusesOf(t.db, 'bestuur@jordaan.nl')).toEqual({ besturen: 'confirmed' });
    const after = await (await t.cocoBrowser.get('/beheer?melding=goedgekeurd')).text();
    expect(after).toContain('Er wachten geen aanvragen.');
    expect(after).toContain('De aanvraag is goedgekeurd.');
  });

  it('counts subscribers per list and status, and draws signups per week with the numbers as a table', async () => {
    const t = await setup();
    for (const email of ['a@x.nl', 'b@x.nl']) {
      await postForm(t.app, '/aanmelden', [
        ['email', email],
        ['lists', 'geinteresseerden'],
      ]);
    }
    const html = await (await t.cocoBrowser.get('/beheer')).text();
    expect(html).toMatch(/<th scope="col" class="getal">Geïnteresseerden<\/th>/);
    expect(html).toContain(
      'Nog niet bevestigd</td><td class="getal" data-label="Besturen">0</td><td class="getal" data-label="Geïnteresseerden">2</td>',
    );
    expect(html).toContain('<svg viewBox="0 0 480 220"');
    expect(html).toContain('Aanmeldingen per week, laatste zes maanden (2)');
    // Only weeks and sources with signups get a bar: both came through the form this week.
    expect(html.match(/<rect [^>]*fill="#b35900"/g)).toHaveLength(1);
    expect(html.match(/<rect /g)).toHaveLength(1);
  });

  it('shows an editor the signups through their posters', async () => {
    const t = await setup();
    await postForm(t.app, '/aanmelden', [
      ['email', 'c@x.nl'],
      ['lists', 'geinteresseerden'],
      ['stadsdorp', 'jordaan'],
      ['bron', 'poster-a3'],
    ]);
    const html = await (await t.editor.get('/beheer')).text();
    expect(html).toContain('<h1>Stadsdorp Jordaan</h1>');
    expect(html).toContain('<strong>1</strong> persoon aangemeld');
    expect(html).toContain('poster-a3');
  });
});

describe('a stadsdorp’s profile', () => {
  it('refuses a brand colour that white text is hard to read on, keeping what was typed', async () => {
    const t = await setup();
    const res = await t.editor.post('/beheer/stadsdorpen/jordaan/profiel', [
      ['brandColour', '#FFD700'],
      ['website', 'www.jordaan.nl'],
    ]);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Witte tekst is slecht te lezen op #FFD700');
    expect(html).toContain('id="brandColour-fout"');
    expect(html).toContain('value="www.jordaan.nl"');
    const ok = await t.editor.post('/beheer/stadsdorpen/jordaan/profiel', [
      ['brandColour', '#1b6b5a'],
      ['website', 'www.jordaan.nl'],
    ]);
    expect(ok.headers.get('location')).toBe('/beheer/stadsdorpen/jordaan/profiel?melding=opgeslagen');
    const page = await (await t.editor.get(ok.headers.get('location')!)).text();
    expect(page).toContain('value="#1B6B5A"');
    expect(page).toContain('Het profiel is opgeslagen.');
  });

  it('uploads a logo and shows it as a preview', async () => {
    const t = await setup();
    const form = new FormData();
    form.set(
      'logo',
      new File([readFileSync('tests/fixtures/print/logo-small.png')], 'logo.png', { type: 'image/png' }),
    );
    const cookie = [...t.editor.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await t.app.request('/beheer/stadsdorpen/jordaan/logo', {
      method: 'POST',
      headers: { cookie, origin: 'https://stadsdorpen.test' },
      body: form,
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('src="/beheer/stadsdorpen/jordaan/logo"');
    expect(html).toContain('voor een scherpe afdruk is 300 dpi nodig');
    const img = await t.editor.get('/beheer/stadsdorpen/jordaan/logo');
    expect(img.headers.get('content-type')).toBe('image/png');
    const broken = new FormData();
    broken.set('logo', new File([readFileSync('tests/fixtures/print/not-an-image.png')], 'x.png'));
    const refused = await t.app.request('/beheer/stadsdorpen/jordaan/logo', {
      method: 'POST',
      headers: { cookie, origin: 'https://stadsdorpen.test' },
      body: broken,
    });
    expect(refused.status).toBe(415);
    expect(await refused.text()).toContain('id="logo-fout"');
  });
});
