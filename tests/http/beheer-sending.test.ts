import { describe, expect, it } from 'vitest';
import { nodeAssets } from '../../src/entry/node-runtime.js';
import { fromAmsterdam } from '../../src/kernel/amsterdam-time.js';
import { builtinLayouts } from '../../src/modules/campaigns/layouts.js';
import { addStadsdorp, auth, makeTestApp } from '../support/app.js';
import { addAccount, EDDY, loggedIn } from '../support/beheer.js';
import { addSubscriber, campaignStatus, drain } from '../support/delivery-builders.js';

// Sending a campaign through beheer's pages as a browser uses them: the checklist, the test
// mail to the saved addresses, the confirm step, scheduling in Amsterdam time, the progress.

async function setup(start?: string) {
  const t = await makeTestApp();
  if (start) t.clock.set(start);
  const jordaan = await addStadsdorp(t.deps, {
    slug: 'jordaan',
    name: 'Stadsdorp Jordaan',
    gebied: 'Centrum',
  });
  const west = await addStadsdorp(t.deps, {
    slug: 'westerpark',
    name: 'Stadsdorp Westerpark',
    gebied: 'West',
  });
  const oost = await addStadsdorp(t.deps, { slug: 'oost', name: 'Stadsdorp Oost', gebied: 'Oost' });
  await addAccount(t.deps, { email: 'anna@coco.nl', name: 'Anna' });
  await addAccount(t.deps, EDDY);
  const anna = await loggedIn(t, 'anna@coco.nl');
  const board = async (email: string, stadsdorpId: number) => {
    const id = await addSubscriber(t.db, { email, lists: { besturen: 'confirmed' } });
    await t.db.run('UPDATE subscribers SET stadsdorp_id = ? WHERE id = ?', [stadsdorpId, id]);
    return id;
  };
  await board('bestuur@jordaan.nl', jordaan);
  await board('bestuur@westerpark.nl', west);
  await board('bestuur@oost.nl', oost);
  await addSubscriber(t.db, { email: 'lezer@example.org', lists: { geinteresseerden: 'confirmed' } });
  await addSubscriber(t.db, {
    email: 'beide@example.org',
    lists: { geinteresseerden: 'confirmed', besturen: 'confirmed' },
  });
  return { ...t, anna };
}

type T = Awaited<ReturnType<typeof setup>>;

async function api(t: T, method: string, path: string, body?: unknown) {
  const res = await t.app.request(path, {
    method,
    headers: auth(t.coco, { 'content-type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<{ id: number; slug: string }>;
}

function netwerkmail(t: T, extra: Record<string, unknown> = {}) {
  return api(t, 'POST', '/api/campaigns', {
    kind: 'netwerkmail',
    subject: 'Uitnodiging Netwerkbijeenkomst',
    preheader: 'Op 10 december in de OBA',
    content: { body: 'Kom naar de [bijeenkomst](https://stadsdorpen.nl/agenda).', signature: 'De CoCo' },
    ...extra,
  });
}

function nieuwsbrief(t: T) {
  return api(t, 'POST', '/api/campaigns', {
    kind: 'nieuwsbrief',
    subject: 'Nieuwsbrief december',
    preheader: 'Het laatste nieuws',
    public: true,
    content: {
      intro: 'Welkom bij de Nieuwsbrief.',
      articles: [
        { title: 'Terugblik', body: 'Het was een mooie dag. Mail [ons](mailto:coco@stadsdorpen.nl).' },
      ],
    },
  });
}

const text = async (res: Response) =>
  (await res.text())
    .replace(/\s+/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

/** lineOf reads one line of the checklist: its mark and text. */
function lineOf(html: string, label: string): string {
  const m = new RegExp(`<li class="(ok|niet)">(?:(?!</li>).)*?<strong>${label}</strong>(.*?)</li>`).exec(
    html,
  );
  if (!m) throw new Error(`no checklist line ${label}`);
  return `${m[1]} ${m[2]!.replace(/<[^>]+>/g, '')}`;
}

/** tested sends a test mail through the page, with one saved test address. */
async function tested(t: T, id: number) {
  await t.anna.post(`/beheer/campagnes/${id}/testadressen`, [['testAddress', 'anna@coco.nl']]);
  const res = await t.anna.post(`/beheer/campagnes/${id}/testmail`);
  expect(res.status).toBe(303);
}

const deliveriesTo = async (t: T, id: number) =>
  (
    await t.db.all<{ email: string }>('SELECT email FROM deliveries WHERE campaign_id = ? ORDER BY email', [
      id,
    ])
  ).map((r) => r.email);

describe('the send page', () => {
  it('is for the CoCo only: an editor gets the Dutch 403 page and changes nothing', async () => {
    const t = await setup();
    const { id } = await netwerkmail(t);
    const eddy = await loggedIn(t, EDDY.email);
    for (const path of [`/beheer/campagnes/${id}/versturen`, `/beheer/campagnes/${id}/voortgang`]) {
      const res = await eddy.get(path);
      expect(res.status).toBe(403);
      expect(await text(res)).toContain('Deze pagina is alleen voor de CoCo.');
    }
    expect((await eddy.post(`/beheer/campagnes/${id}/bevestigen`, [['actie', 'nu']])).status).toBe(403);
    expect(
      (await eddy.post(`/beheer/campagnes/${id}/testadressen`, [['testAddress', 'x@y.nl']])).status,
    ).toBe(403);
    expect(await campaignStatus(t.db, id)).toBe('draft');
    expect(await t.db.get('SELECT 1 FROM test_addresses')).toBeUndefined();
  });

  it('shows each line of the checklist as ok or what to fix, and offers no send until all are ok', async () => {
    const t = await setup();
    const { id } = await netwerkmail(t, {
      preheader: undefined,
      content: { body: 'Zie [de site](www.stadsdorpen.nl) of [mail](mailto:geen-adres).' },
    });
    const html = await text(await t.anna.get(`/beheer/campagnes/${id}/versturen`));
    expect(lineOf(html, 'Onderwerp')).toContain('ok');
    expect(lineOf(html, 'Voorvertoningstekst')).toMatch(/^niet .*Vul een voorvertoningstekst in/);
    expect(lineOf(html, 'Ontvangers')).toMatch(/^ok .*4 mensen op Besturen/);
    expect(lineOf(html, 'Afzender')).toContain('nieuwsbrief@stadsdorpen.nl');
    expect(lineOf(html, 'Testmail')).toMatch(/^niet .*nog geen testmail/);
    expect(lineOf(html, 'Links')).toMatch(/^niet .*2 links zijn geen volledige/);
    expect(html).toContain('Tekst: "www.stadsdorpen.nl"');
    expect(html).toContain('Tekst: "mailto:geen-adres"');
    expect(html).toContain(`href="/beheer/campagnes/${id}" aria-label="Aanpassen: Links"`);
    expect(html).not.toContain('Nu versturen');
    // The confirm step refuses as well, and a post straight to it sends nothing.
    expect((await t.anna.get(`/beheer/campagnes/${id}/bevestigen?actie=nu`)).status).toBe(409);
    expect((await t.anna.post(`/beheer/campagnes/${id}/bevestigen`, [['actie', 'nu']])).status).toBe(409);
    expect(await campaignStatus(t.db, id)).toBe('draft');
  });

  it("passes the service's own photo addresses, also when PUBLIC_URL is an IP address, and no other link to it", async () => {
    // As the real-browser tests run it: the outbox transport at http://127.0.0.1:PORT.
    const t = await makeTestApp({}, { PUBLIC_URL: 'http://127.0.0.1:3000', MAIL_TRANSPORT: 'outbox' });
    await addAccount(t.deps, { email: 'anna@coco.nl', name: 'Anna' });
    const anna = await loggedIn(t, 'anna@coco.nl');
    const res = await t.app.request('/api/campaigns', {
      method: 'POST',
      headers: auth(t.coco, { 'content-type': 'application/json' }),
      body: JSON.stringify({
        kind: 'nieuwsbrief',
        subject: 'Burendag',
        preheader: 'Uit Oost',
        content: {
          intro: 'Zie [de foto](http://127.0.0.2:3000/fotos/2-b.jpg).',
          articles: [
            {
              title: 'Burendag',
              body: 'Tekst.',
              imageUrl: 'http://127.0.0.1:3000/fotos/1-0123456789abcdef0123456789abcdef.jpg',
              imageAlt: 'Buren aan tafel',
            },
          ],
        },
      }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: number };
    const html = await text(await anna.get(`/beheer/campagnes/${id}/versturen`));
    expect(lineOf(html, 'Links')).toMatch(/^niet .*Eén link is geen volledige/);
    expect(html).toContain('Inleiding: "http://127.0.0.2:3000/fotos/2-b.jpg"');
    expect(html).not.toContain('http://127.0.0.1:3000/fotos/1-');
  });

  it('finds empty sections of a Nieuwsbrief', async () => {
    const t = await setup();
    const { id } = await api(t, 'POST', '/api/campaigns', {
      kind: 'nieuwsbrief',
      subject: 'Leeg',
      preheader: 'x',
      content: { intro: 'Alleen dit.' },
    });
    const html = await text(await t.anna.get(`/beheer/campagnes/${id}/versturen`));
    expect(lineOf(html, 'Inhoud')).toMatch(/^niet .*alleen een inleiding/);
  });

  it('keeps test addresses, sends the test to them, and asks again after a change but not after a schedule', async () => {
    const t = await setup();
    const { id } = await netwerkmail(t);
    const bad = await t.anna.post(`/beheer/campagnes/${id}/testadressen`, [['testAddress', 'anna-at-coco']]);
    expect(bad.status).toBe(400);
    expect(await text(bad)).toContain('Vul een e-mailadres in zoals naam@voorbeeld.nl.');
    const noAddress = await t.anna.post(`/beheer/campagnes/${id}/testmail`);
    expect(noAddress.status).toBe(400);
    expect(await text(noAddress)).toContain('Voeg eerst een testadres toe');

    await t.anna.post(`/beheer/campagnes/${id}/testadressen`, [['testAddress', ' Anna@CoCo.nl ']]);
    await t.anna.post(`/beheer/campagnes/${id}/testadressen`, [['testAddress', 'bert@coco.nl']]);
    await t.anna.post(`/beheer/campagnes/${id}/testadressen/verwijderen`, [['email', 'bert@coco.nl']]);
    const sent = await t.anna.post(`/beheer/campagnes/${id}/testmail`);
    expect(sent.headers.get('location')).toBe(
      `/beheer/campagnes/${id}/versturen?melding=testmail-verstuurd#testmail`,
    );
    const mails = await t.db.all<{ to_address: string; subject: string }>(
      'SELECT to_address, subject FROM outbox_messages WHERE subject LIKE ?',
      ['[TEST]%'],
    );
    expect(mails).toEqual([{ to_address: 'anna@coco.nl', subject: '[TEST] Uitnodiging Netwerkbijeenkomst' }]);
    let html = await text(await t.anna.get(`/beheer/campagnes/${id}/versturen`));
    expect(lineOf(html, 'Testmail')).toMatch(/^ok .*na de laatste wijziging/);
    expect(html).toContain('Nu versturen…');

    // A schedule changes no content: the test still counts.
    t.clock.advance(60_000);
    await t.anna.post(`/beheer/campagnes/${id}/bevestigen`, [
      ['actie', 'inplannen'],
      ['moment', '2026-12-10T08:00:00.000Z'],
    ]);
    expect(await campaignStatus(t.db, id)).toBe('scheduled');
    html = await text(await t.anna.get(`/beheer/campagnes/${id}/versturen`));
    expect(lineOf(html, 'Testmail')).toContain('ok');

    // An edit does not.
    await api(t, 'PATCH', `/api/campaigns/${id}`, { subject: 'Uitnodiging (gewijzigd)' });
    html = await text(await t.anna.get(`/beheer/campagnes/${id}/versturen`));
    expect(lineOf(html, 'Testmail')).toMatch(/^niet .*gewijzigd na de laatste testmail/);
    // Still scheduled: the page warns, offers going back to draft, and sends nothing early.
    expect(html).toContain('hij gaat op het ingeplande moment toch uit');
    expect(html).toContain('Niet meer inplannen (terug naar concept)');
    expect(html).not.toContain('Nu versturen in plaats van later');
    expect((await t.anna.post(`/beheer/campagnes/${id}/bevestigen`, [['actie', 'nu']])).status).toBe(409);
    expect(await campaignStatus(t.db, id)).toBe('scheduled');
  });

  it('lets the CoCo choose the look on the send page: built in, or a layout, and refuses one that does not exist', async () => {
    const t = await setup();
    const { id } = await netwerkmail(t);
    let html = await text(await t.anna.get(`/beheer/campagnes/${id}/versturen`));
    expect(html).toContain('Nu: de ingebouwde opmaak van de Netwerkmail.');
    expect(html).toContain('<option value="standaard">Layout "standaard"</option>');

    const saved = await t.anna.post(`/beheer/campagnes/${id}/opmaak`, [['layout', 'standaard']]);
    expect(saved.headers.get('location')).toBe(
      `/beheer/campagnes/${id}/versturen?melding=opmaak-opgeslagen#opmaak`,
    );
    const stored = await t.app.request(`/api/campaigns/${id}`, { headers: auth(t.coco) });
    expect((await stored.json()).layout).toBe('standaard');
    html = await text(await t.anna.get(`/beheer/campagnes/${id}/versturen`));
    expect(html).toContain('Nu: de layout "standaard".');

    const unknown = await t.anna.post(`/beheer/campagnes/${id}/opmaak`, [['layout', 'bestaat-niet']]);
    expect(unknown.status).toBe(400);
    expect(await text(unknown)).toContain('Onbekende layout "bestaat-niet".');
    expect(
      (await (await t.app.request(`/api/campaigns/${id}`, { headers: auth(t.coco) })).json()).layout,
    ).toBe('standaard');

    await t.anna.post(`/beheer/campagnes/${id}/opmaak`, [['layout', '']]);
    expect(
      (await (await t.app.request(`/api/campaigns/${id}`, { headers: auth(t.coco) })).json()).layout,
    ).toBe(null);
  });

  it('asks for a new test mail after the campaign’s layout is uploaded again', async () => {
    const t = await setup();
    const standaard = (await builtinLayouts(nodeAssets())).get('standaard') ?? '';
    const putLayout = (mjml: string) =>
      t.app.request('/api/layouts/eigen', {
        method: 'PUT',
        headers: auth(t.coco, { 'content-type': 'text/plain' }),
        body: mjml,
      });
    expect((await putLayout(standaard)).status).toBeLessThan(300);
    const { id } = await netwerkmail(t, { layout: 'eigen' });
    await t.anna.post(`/beheer/campagnes/${id}/testadressen`, [['testAddress', 'anna@coco.nl']]);
    await t.anna.post(`/beheer/campagnes/${id}/testmail`);
    let html = await text(await t.anna.get(`/beheer/campagnes/${id}/versturen`));
    expect(lineOf(html, 'Testmail')).toMatch(/^ok .*na de laatste wijziging/);

    // The same name, another look: the campaign did not change, the mail did.
    const changed = standaard.replaceAll('#f3f1ec', '#fdf6e3');
    expect(changed).not.toBe(standaard);
    expect((await putLayout(changed)).status).toBeLessThan(300);
    html = await text(await t.anna.get(`/beheer/campagnes/${id}/versturen`));
    expect(lineOf(html, 'Testmail')).toMatch(/^niet .*gewijzigd na de laatste testmail/);
  });

  it('confirms with the exact number per list and when, then sends and shows the progress to 100%', async () => {
    const t = await setup();
    const { id } = await nieuwsbrief(t);
    await tested(t, id);
    const confirm = await text(await t.anna.get(`/beheer/campagnes/${id}/bevestigen?actie=nu`));
    expect(confirm).toContain('Nieuwsbrief nu versturen?');
    expect(confirm).toContain('5 mensen op Besturen en Geïnteresseerden.');
    expect(confirm).toContain('<li>Besturen: 4</li>');
    expect(confirm).toContain('<li>Geïnteresseerden: 2</li>');
    expect(confirm).toContain('1 persoon staat op meer dan één lijst');
    expect(confirm).toContain('<dd>nu meteen</dd>');
    expect(confirm).toContain('Nieuwsbrief versturen aan 5 mensen');
    expect(await campaignStatus(t.db, id)).toBe('draft');

    const res = await t.anna.post(`/beheer/campagnes/${id}/bevestigen`, [['actie', 'nu']]);
    expect(res.headers.get('location')).toBe(`/beheer/campagnes/${id}/voortgang?melding=gestart`);
    let progress = await text(await t.anna.get(`/beheer/campagnes/${id}/voortgang`));
    expect(progress).toContain('<progress id="voortgang" max="5" value="0">');
    expect(progress).toContain('0 van 5 verwerkt (0%).');
    expect(progress).toContain('<script src="/beheer/static/voortgang.js" defer="">');
    expect(progress).toContain('>Vernieuwen</a>');
    const json = await (await t.anna.get(`/beheer/campagnes/${id}/voortgang.json`)).json();
    expect(json).toMatchObject({ status: 'sending', total: 5, done: 0, toGo: 5, percent: 0 });

    await drain(t.deps, t.clock);
    expect(await (await t.anna.get(`/beheer/campagnes/${id}/voortgang.json`)).json()).toMatchObject({
      status: 'sent',
      total: 5,
      done: 5,
      sent: 5,
      toGo: 0,
      percent: 100,
    });
    progress = await text(await t.anna.get(`/beheer/campagnes/${id}/voortgang`));
    expect(progress).toContain('5 van 5 verwerkt (100%).');
    expect(progress).toContain('Afgeleverd');
    expect(progress).toContain('Onbestelbaar');
    expect(progress).toContain('Klachten (spam)');
    expect(progress).toContain(`https://stadsdorpen.test/archief/`);
    expect(progress).not.toContain('<script src="/beheer/static/voortgang.js"');
    const script = await t.anna.get('/beheer/static/voortgang.js');
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(await script.text()).toContain('voortgang');
  });

  it('takes a public Nieuwsbrief out of the archief and puts it back', async () => {
    const t = await setup();
    const { id, slug } = await nieuwsbrief(t);
    await tested(t, id);
    await t.anna.post(`/beheer/campagnes/${id}/bevestigen`, [['actie', 'nu']]);
    await drain(t.deps, t.clock);
    const archived = async () => (await t.app.request(`/archief/${slug}`)).status;
    expect(await archived()).toBe(200);
    const res = await t.anna.post(`/beheer/campagnes/${id}/archief`, [['openbaar', 'nee']]);
    expect(res.headers.get('location')).toBe(`/beheer/campagnes/${id}/voortgang?melding=niet-openbaar`);
    expect(await archived()).toBe(404);
    expect(await text(await t.anna.get(`/beheer/campagnes/${id}/voortgang`))).toContain(
      'staat niet in het openbare archief',
    );
    await t.anna.post(`/beheer/campagnes/${id}/archief`, [['openbaar', 'ja']]);
    expect(await archived()).toBe(200);
  });

  it('pauses, resumes, and cancels only after its confirm step', async () => {
    const t = await setup();
    const { id } = await netwerkmail(t);
    await tested(t, id);
    await t.anna.post(`/beheer/campagnes/${id}/bevestigen`, [['actie', 'nu']]);
    await t.anna.post(`/beheer/campagnes/${id}/pauzeren`);
    expect(await campaignStatus(t.db, id)).toBe('paused');
    expect(await text(await t.anna.get(`/beheer/campagnes/${id}/voortgang`))).toContain('Hervatten');
    await t.anna.post(`/beheer/campagnes/${id}/hervatten`);
    expect(await campaignStatus(t.db, id)).toBe('sending');
    const ask = await text(await t.anna.get(`/beheer/campagnes/${id}/annuleren`));
    expect(ask).toContain('Versturen annuleren?');
    expect(ask).toContain('4 mensen krijgen de mail dan niet meer');
    expect(await campaignStatus(t.db, id)).toBe('sending');
    await t.anna.post(`/beheer/campagnes/${id}/annuleren`);
    expect(await campaignStatus(t.db, id)).toBe('cancelled');
    expect(await text(await t.anna.get(`/beheer/campagnes/${id}/voortgang`))).toContain('Geannuleerd');
  });
});

describe('scheduling in Amsterdam time', () => {
  it('reads summer and winter time on both sides of the March change, and refuses the hour that does not exist', async () => {
    const t = await setup('2027-03-01T10:00:00.000Z');
    const { id } = await netwerkmail(t);
    await tested(t, id);
    const ask = (datum: string, tijd: string) =>
      t.anna.get(`/beheer/campagnes/${id}/bevestigen?actie=inplannen&datum=${datum}&tijd=${tijd}`);
    const gap = await ask('2027-03-28', '02:30');
    expect(gap.status).toBe(400);
    expect(await text(gap)).toContain('gaat de klok een uur vooruit');
    const winter = await text(await ask('2027-03-28', '01:30'));
    expect(winter).toContain('value="2027-03-28T00:30:00.000Z"');
    expect(winter).toContain('28 maart 2027 om 01:30 (Amsterdamse tijd)');
    const summer = await text(await ask('2027-03-28', '03:30'));
    expect(summer).toContain('value="2027-03-28T01:30:00.000Z"');
    expect(summer).toContain('over 26 dagen en 15 uur');
    await t.anna.post(`/beheer/campagnes/${id}/bevestigen`, [
      ['actie', 'inplannen'],
      ['moment', '2027-03-28T01:30:00.000Z'],
    ]);
    const page = await text(await t.anna.get(`/beheer/campagnes/${id}/versturen?melding=ingepland`));
    expect(page).toContain('De campagne is ingepland.');
    expect(page).toContain('Ingepland op <strong>28 maart 2027 om 03:30</strong>');
    expect(page).toContain('value="03:30"');
  });

  it('takes the first of the twice-shown hour in October and says so, and reads winter time after it', () => {
    const first = fromAmsterdam('2026-10-25', '02:30');
    expect(first).toEqual({ ok: true, moment: new Date('2026-10-25T00:30:00.000Z'), ambiguous: true });
    expect(fromAmsterdam('2026-10-25', '01:30')).toMatchObject({
      moment: new Date('2026-10-24T23:30:00.000Z'),
    });
    expect(fromAmsterdam('2026-10-25', '03:30')).toMatchObject({
      moment: new Date('2026-10-25T02:30:00.000Z'),
      ambiguous: false,
    });
    expect(fromAmsterdam('2026-02-30', '09:00')).toEqual({ ok: false, reason: 'format' });
  });

  it('shows the October note on the confirm step', async () => {
    const t = await setup('2026-10-01T10:00:00.000Z');
    const { id } = await netwerkmail(t);
    await tested(t, id);
    const res = await text(
      await t.anna.get(`/beheer/campagnes/${id}/bevestigen?actie=inplannen&datum=2026-10-25&tijd=02:30`),
    );
    expect(res).toContain('value="2026-10-25T00:30:00.000Z"');
    expect(res).toContain('komt 02:30 twee keer voor');
  });

  it('moves a scheduled campaign, unschedules it, and sends it now instead after the confirm step', async () => {
    const t = await setup();
    const { id } = await netwerkmail(t);
    await tested(t, id);
    await t.anna.post(`/beheer/campagnes/${id}/bevestigen`, [
      ['actie', 'inplannen'],
      ['moment', '2026-12-10T08:00:00.000Z'],
    ]);
    const move = await text(
      await t.anna.get(`/beheer/campagnes/${id}/bevestigen?actie=verzetten&datum=2026-12-11&tijd=10:15`),
    );
    expect(move).toContain('Verzetten naar 11 december 2026 om 10:15');
    const moved = await t.anna.post(`/beheer/campagnes/${id}/bevestigen`, [
      ['actie', 'verzetten'],
      ['moment', '2026-12-11T09:15:00.000Z'],
    ]);
    expect(moved.headers.get('location')).toBe(`/beheer/campagnes/${id}/versturen?melding=verzet`);
    const row = await t.db.get<{ status: string; scheduled_at: string }>(
      'SELECT status, scheduled_at FROM campaigns WHERE id = ?',
      [id],
    );
    expect(row).toEqual({ status: 'scheduled', scheduled_at: '2026-12-11T09:15:00.000Z' });
    // A moment in the past is refused at the confirm step.
    const past = await t.anna.get(
      `/beheer/campagnes/${id}/bevestigen?actie=verzetten&datum=2026-11-01&tijd=10:00`,
    );
    expect(past.status).toBe(400);
    expect(await text(past)).toContain('Dit moment is al voorbij.');

    await t.anna.post(`/beheer/campagnes/${id}/uitplannen`);
    expect(await campaignStatus(t.db, id)).toBe('draft');
    await t.anna.post(`/beheer/campagnes/${id}/bevestigen`, [
      ['actie', 'inplannen'],
      ['moment', '2026-12-10T08:00:00.000Z'],
    ]);
    const now = await text(await t.anna.get(`/beheer/campagnes/${id}/bevestigen?actie=nu`));
    expect(now).toContain('Netwerkmail versturen aan 4 mensen');
    await t.anna.post(`/beheer/campagnes/${id}/bevestigen`, [['actie', 'nu']]);
    expect(await campaignStatus(t.db, id)).toBe('sending');
    const activity = await text(await t.anna.get('/beheer/activiteit'));
    expect(activity).toContain('verzette een campagne');
    expect(activity).toContain('plande een campagne uit');
  });
});

describe('a Netwerkmail to some besturen only', () => {
  it('stores the choice of gebieden and stadsdorpen, and the freeze leaves out a bestuur outside it', async () => {
    const t = await setup();
    const { id } = await netwerkmail(t, { lists: ['besturen'] });
    const saved = await t.anna.post(`/beheer/campagnes/${id}/ontvangers`, [
      ['gebied', 'West'],
      ['stadsdorp', 'jordaan'],
    ]);
    expect(saved.headers.get('location')).toBe(
      `/beheer/campagnes/${id}/versturen?melding=ontvangers-opgeslagen#ontvangers`,
    );
    const html = await text(await t.anna.get(`/beheer/campagnes/${id}/versturen`));
    expect(lineOf(html, 'Ontvangers')).toContain(
      '2 mensen op Besturen (alleen de besturen in West en van Stadsdorp Jordaan)',
    );
    await tested(t, id);
    const confirm = await text(await t.anna.get(`/beheer/campagnes/${id}/bevestigen?actie=nu`));
    expect(confirm).toContain('Netwerkmail versturen aan 2 mensen');
    await t.anna.post(`/beheer/campagnes/${id}/bevestigen`, [['actie', 'nu']]);
    await drain(t.deps, t.clock);
    expect(await deliveriesTo(t, id)).toEqual(['bestuur@jordaan.nl', 'bestuur@westerpark.nl']);
    const outbox = await t.db.all<{ to_address: string }>(
      `SELECT to_address FROM outbox_messages WHERE subject = 'Uitnodiging Netwerkbijeenkomst'`,
    );
    expect(outbox.map((r) => r.to_address).sort()).toEqual(['bestuur@jordaan.nl', 'bestuur@westerpark.nl']);
  });

  it('refuses an unknown gebied or stadsdorp, and a choice for a Nieuwsbrief', async () => {
    const t = await setup();
    const { id } = await netwerkmail(t);
    const res = await t.anna.post(`/beheer/campagnes/${id}/ontvangers`, [['stadsdorp', 'bestaat-niet']]);
    expect(res.status).toBe(400);
    expect(await text(res)).toContain('Stadsdorp "bestaat-niet" bestaat niet.');
    const nb = await nieuwsbrief(t);
    const refused = await t.anna.post(`/beheer/campagnes/${nb.id}/ontvangers`, [['gebied', 'West']]);
    expect(refused.status).toBe(400);
    expect(await text(refused)).toContain('Alleen een Netwerkmail');
  });

  it('with no choice goes to every bestuur', async () => {
    const t = await setup();
    const { id } = await netwerkmail(t, { lists: ['besturen'] });
    await t.anna.post(`/beheer/campagnes/${id}/ontvangers`, [['gebied', 'Oost']]);
    await t.anna.post(`/beheer/campagnes/${id}/ontvangers`, []);
    await tested(t, id);
    await t.anna.post(`/beheer/campagnes/${id}/bevestigen`, [['actie', 'nu']]);
    expect(await deliveriesTo(t, id)).toHaveLength(4);
  });
});
