import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { outgoingMail } from '../../src/entry/outgoing.js';
import { contributionDigests, queueContributionsDigest } from '../../src/modules/contributions/digest.js';
import { waitingContributions } from '../../src/modules/contributions/service.js';
import { WaitingContributions } from '../../src/web/admin/pages/contributions.js';
import { addStadsdorp, auth, makeTestApp } from '../support/app.js';
import { addAccount, type Browser, EDDY, loggedIn, outboxMails } from '../support/beheer.js';

// The stadsdorpen's contributions for the Nieuwsbrief: an editor sends in news (with a photo)
// and agenda items and sees their state; the CoCo takes them into a draft or declines them
// with a reason that is mailed; another stadsdorp's editor sees none of it; the CoCo gets at
// most one digest a day.

const ZOE = { email: 'zoe@zuidas.nl', name: 'Zoë', role: 'stadsdorp', stadsdorp: 'zuidas' } as const;

async function setup() {
  const t = await makeTestApp();
  await addStadsdorp(t.deps, { slug: 'jordaan', name: 'Stadsdorp Jordaan' });
  await addStadsdorp(t.deps, { slug: 'zuidas', name: 'Stadsdorp Zuidas', gebied: 'Zuid' });
  await addAccount(t.deps, { email: 'anna@coco.nl', name: 'Anna' });
  await addAccount(t.deps, { email: 'bert@coco.nl', name: 'Bert' });
  await addAccount(t.deps, EDDY);
  await addAccount(t.deps, ZOE);
  const coco = await loggedIn(t, 'anna@coco.nl');
  const eddy = await loggedIn(t, EDDY.email);
  const zoe = await loggedIn(t, ZOE.email);
  return { ...t, cocoToken: t.coco, coco, eddy, zoe };
}
type T = Awaited<ReturnType<typeof setup>>;

/** postMultipart sends a form with a file, as a browser does, with the browser's cookies. */
async function postMultipart(t: T, browser: Browser, path: string, form: FormData): Promise<Response> {
  return t.app.request(path, {
    method: 'POST',
    headers: {
      origin: browser.origin,
      'sec-fetch-site': 'same-origin',
      cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    },
    body: form,
  });
}

async function jpeg(width = 2400, height = 1600): Promise<Blob> {
  const bytes = await sharp({ create: { width, height, channels: 3, background: '#2d6a4f' } })
    .jpeg()
    .toBuffer();
  return new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' });
}

async function sendNews(t: T, fields: Record<string, string>, photo?: Blob, browser = t.eddy) {
  const form = new FormData();
  for (const [k, v] of Object.entries({ titel: '', tekst: '', link: '', alt: '', ...fields })) form.set(k, v);
  if (photo) form.set('foto', photo, 'IMG_0042.jpg');
  return postMultipart(t, browser, '/beheer/bijdragen/nieuws', form);
}

async function sendAgenda(t: T, fields: Record<string, string>, browser = t.eddy) {
  const all = { datum: '', tijd: '', 'agenda-titel': '', plaats: '', 'agenda-link': '', ...fields };
  return browser.post('/beheer/bijdragen/agenda', Object.entries(all));
}

async function draftWith(t: T, agenda: unknown[]): Promise<number> {
  const res = await t.app.request('/api/campaigns', {
    method: 'POST',
    headers: auth(t.cocoToken, { 'content-type': 'application/json' }),
    body: JSON.stringify({
      kind: 'nieuwsbrief',
      subject: 'Nieuwsbrief december',
      content: { intro: 'Welkom.', agenda },
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: number }).id;
}

async function campaignContent(t: T, id: number) {
  const res = await t.app.request(`/api/campaigns/${id}`, { headers: auth(t.cocoToken) });
  return (
    (await res.json()) as {
      content: { articles: Record<string, string>[]; agenda: Record<string, string>[] };
    }
  ).content;
}

async function idOf(t: T, title: string): Promise<number> {
  const row = await t.db.get<{ id: number }>(
    "SELECT id FROM contributions WHERE json_extract(item_json, '$.title') = ?",
    [title],
  );
  return row!.id;
}

describe('an editor sends in news and agenda items', () => {
  it('sends a news item with a photo and an agenda item, and sees both waiting', async () => {
    const t = await setup();
    const news = await sendNews(
      t,
      {
        titel: 'Burendag was een succes',
        tekst: 'Meer dan **80** buren kwamen.\n\nDank aan iedereen!',
        link: 'https://jordaan.nl/burendag',
        alt: 'Buren aan een lange tafel op straat',
      },
      await jpeg(),
    );
    expect(news.status).toBe(303);
    expect(news.headers.get('location')).toBe('/beheer/bijdragen?melding=nieuws');
    const agenda = await sendAgenda(t, {
      datum: '2026-12-12',
      tijd: '19:30-21:00',
      'agenda-titel': 'Winterborrel',
      plaats: 'Buurthuis De Boom',
    });
    expect(agenda.status).toBe(303);

    const page = await (await t.eddy.get('/beheer/bijdragen')).text();
    expect(page).toContain('Burendag was een succes');
    expect(page).toContain('Winterborrel');
    expect(page.match(/Ingestuurd, wacht op de CoCo/g)).toHaveLength(2);
    expect(page).toContain('Nieuwsbericht insturen');
    expect(page).toContain('Agendapunt insturen');
    expect(page).toContain('Hulp bij de opmaak (Markdown)');

    // The CoCo reads the text as the Nieuwsbrief will show it: Markdown rendered.
    expect(await (await t.coco.get('/beheer/bijdragen')).text()).toContain(
      'Meer dan <strong>80</strong> buren kwamen.',
    );

    const row = await t.db.get<{ item_json: string }>('SELECT item_json FROM contributions WHERE kind = ?', [
      'news',
    ]);
    const item = JSON.parse(row!.item_json);
    expect(item.imageUrl).toMatch(/^https:\/\/stadsdorpen\.test\/fotos\/[0-9]+-[0-9a-f]{32}\.jpg$/);
    expect(item.imageAlt).toBe('Buren aan een lange tafel op straat');
    const photo = await t.app.request(new URL(item.imageUrl).pathname);
    expect((await sharp(Buffer.from(await photo.arrayBuffer())).metadata()).width).toBe(1200);
  });

  it('refuses a photo without alt text, a HEIC-less garbage file, and an agenda item in the past, keeping what was typed', async () => {
    const t = await setup();
    const noAlt = await sendNews(t, { titel: 'Met foto', tekst: 'Tekst' }, await jpeg(300, 200));
    expect(noAlt.status).toBe(400);
    const noAltPage = await noAlt.text();
    expect(noAltPage).toContain('Controleer het formulier');
    expect(noAltPage).toMatch(/id="alt-fout"[^>]*>.*Beschrijf de foto/s);
    expect(noAltPage).toContain('value="Met foto"');

    const notAPhoto = await sendNews(
      t,
      { titel: 'Met foto', tekst: 'Tekst', alt: 'iets' },
      new Blob(['hallo'], { type: 'image/jpeg' }),
    );
    expect(notAPhoto.status).toBe(415);
    expect(await notAPhoto.text()).toMatch(/id="foto-fout"[^>]*>.*geen JPEG- of PNG-afbeelding/s);

    const noTitle = await sendNews(t, { tekst: '<script>alert(1)</script>' });
    expect(noTitle.status).toBe(400);
    const noTitlePage = await noTitle.text();
    expect(noTitlePage).toMatch(/id="titel-fout"/);
    expect(noTitlePage).not.toContain('<script>alert(1)');

    const past = await sendAgenda(t, { datum: '2026-11-01', 'agenda-titel': 'Te laat' });
    expect(past.status).toBe(400);
    const pastPage = await past.text();
    expect(pastPage).toMatch(/id="datum-fout"[^>]*>.*al voorbij/s);
    // The summary stands on top, above both forms, its line a link to the field.
    expect(pastPage.indexOf('Controleer het formulier')).toBeLessThan(
      pastPage.indexOf('Nieuwsbericht insturen</h2>'),
    );
    expect(pastPage).toContain('<a href="#datum">Datum: Deze datum is al voorbij.');
    const badTime = await sendAgenda(t, { datum: '2026-12-12', tijd: 'half acht', 'agenda-titel': 'Borrel' });
    expect(await badTime.text()).toMatch(/id="tijd-fout"[^>]*>.*19:30/s);
    expect(await t.db.get('SELECT count(*) AS n FROM contributions')).toEqual({ n: 0 });
  });
});

describe('a photo too large to take', () => {
  it('is refused with a Dutch page before it is read (413), and nothing is stored', async () => {
    const t = await setup();
    const huge = new Blob([new Uint8Array(21 * 1024 * 1024)], { type: 'image/jpeg' });
    const res = await sendNews(t, { titel: 'Groot', tekst: 'Tekst', alt: 'iets' }, huge);
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('Het verzoek is te groot');
    expect(await t.db.get('SELECT count(*) AS n FROM contributions')).toEqual({ n: 0 });
  });
});

describe('who reaches which contribution', () => {
  it('shows another stadsdorp’s editor none of Jordaan’s items, and refuses them the CoCo’s actions', async () => {
    const t = await setup();
    await sendAgenda(t, { datum: '2026-12-12', 'agenda-titel': 'Winterborrel' });
    const id = await idOf(t, 'Winterborrel');
    expect((await t.eddy.get(`/beheer/bijdragen/${id}`)).status).toBe(200);

    expect(await (await t.zoe.get('/beheer/bijdragen')).text()).not.toContain('Winterborrel');
    expect((await t.zoe.get(`/beheer/bijdragen/${id}`)).status).toBe(404);
    expect((await t.zoe.get(`/beheer/bijdragen/${id}/afwijzen`)).status).toBe(403);
    const draft = await draftWith(t, []);
    for (const editor of [t.zoe, t.eddy]) {
      expect(
        (await editor.post(`/beheer/bijdragen/${id}/overnemen`, [['campagne', String(draft)]])).status,
      ).toBe(403);
      expect((await editor.post(`/beheer/bijdragen/${id}/afwijzen`, [['reden', 'Nee']])).status).toBe(403);
    }
    // The CoCo cannot send one in: contributions come from a stadsdorp.
    expect((await sendAgenda(t, { datum: '2026-12-12', 'agenda-titel': 'CoCo' }, t.coco)).status).toBe(403);
    expect((await campaignContent(t, draft)).agenda).toEqual([]);
  });

  it('sends someone without a session to the login, keeping the page', async () => {
    const t = await setup();
    const res = await t.app.request('/beheer/bijdragen');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/beheer/inloggen?next=%2Fbeheer%2Fbijdragen');
    const post = await t.app.request('/beheer/bijdragen/agenda', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body: 'datum=2026-12-12&agenda-titel=x',
    });
    expect(post.status).toBe(303);
    expect(await t.db.get('SELECT count(*) AS n FROM contributions')).toEqual({ n: 0 });
  });
});

describe('the CoCo takes contributions into a draft Nieuwsbrief', () => {
  it('lists waiting items by stadsdorp, and takes news (photo and alt) and agenda (in date order) into the draft', async () => {
    const t = await setup();
    await sendNews(t, { titel: 'Burendag', tekst: 'Tekst.', alt: 'Buren aan tafel' }, await jpeg(800, 600));
    await sendAgenda(t, { datum: '2026-12-05', tijd: '10:00', 'agenda-titel': 'Koffieochtend' });
    await sendAgenda(t, { datum: '2026-12-20', 'agenda-titel': 'Kerstmarkt' }, t.zoe);
    const draft = await draftWith(t, [
      { date: '2026-12-10', time: '19:30', title: 'Themamiddag' },
      { date: '2026-12-31', title: 'Oudjaar' },
    ]);

    const page = await (await t.coco.get('/beheer/bijdragen')).text();
    expect(page.indexOf('Stadsdorp Jordaan')).toBeLessThan(page.indexOf('Stadsdorp Zuidas'));
    expect(page).toContain('Er wachten 3 bijdragen');
    expect(page).toContain('Overnemen in &quot;Nieuwsbrief december&quot;');

    const take = (title: string, back?: string) =>
      idOf(t, title).then((id) =>
        t.coco.post(`/beheer/bijdragen/${id}/overnemen`, [
          ['campagne', String(draft)],
          ...(back ? ([['terug', back]] as [string, string][]) : []),
        ]),
      );
    const first = await take('Burendag');
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/beheer/bijdragen?melding=overgenomen');
    expect((await take('Kerstmarkt', `/beheer/campagnes/${draft}`)).headers.get('location')).toBe(
      `/beheer/campagnes/${draft}?melding=overgenomen`,
    );
    // Back in the composer, it says so.
    expect(await (await t.coco.get(`/beheer/campagnes/${draft}?melding=overgenomen`)).text()).toContain(
      'De bijdrage is overgenomen in deze Nieuwsbrief.',
    );
    expect((await take('Koffieochtend', 'https://elders.nl/')).headers.get('location')).toBe(
      '/beheer/bijdragen?melding=overgenomen',
    );

    const content = await campaignContent(t, draft);
    expect(content.articles).toEqual([
      expect.objectContaining({
        title: 'Burendag',
        body: 'Tekst.',
        imageUrl: expect.stringMatching(/\/fotos\/[0-9]+-[0-9a-f]{32}\.jpg$/),
        imageAlt: 'Buren aan tafel',
      }),
    ]);
    expect(content.agenda.map((a) => a.title)).toEqual([
      'Koffieochtend',
      'Themamiddag',
      'Kerstmarkt',
      'Oudjaar',
    ]);

    // Taken once: a second take (another CoCo member's stale page) changes nothing.
    const again = await take('Burendag');
    expect(again.status).toBe(409);
    expect((await campaignContent(t, draft)).articles).toHaveLength(1);
    expect(await (await t.coco.get('/beheer/bijdragen')).text()).toContain('Er wachten geen bijdragen');

    const eddyPage = await (await t.eddy.get('/beheer/bijdragen')).text();
    expect(
      eddyPage.match(/<strong>Overgenomen<\/strong> in de Nieuwsbrief &quot;Nieuwsbrief december&quot;/g),
    ).toHaveLength(2);

    // Sent with the campaign: the editor sees it as sent.
    await t.db.run("UPDATE campaigns SET status = 'sent', sent_at = ? WHERE id = ?", [
      '2026-12-01T09:00:00.000Z',
      draft,
    ]);
    const sentPage = await (await t.eddy.get('/beheer/bijdragen')).text();
    expect(
      sentPage.match(
        /<strong>Verstuurd<\/strong> met de Nieuwsbrief &quot;Nieuwsbrief december&quot; op 1 december 2026/g,
      ),
    ).toHaveLength(2);
  });

  it('takes only into a draft Nieuwsbrief, and a refused take leaves the item waiting', async () => {
    const t = await setup();
    await sendAgenda(t, { datum: '2026-12-12', 'agenda-titel': 'Winterborrel' });
    const id = await idOf(t, 'Winterborrel');
    const draft = await draftWith(t, []);
    await t.db.run("UPDATE campaigns SET status = 'scheduled', scheduled_at = ? WHERE id = ?", [
      '2026-12-02T09:00:00.000Z',
      draft,
    ]);
    const res = await t.coco.post(`/beheer/bijdragen/${id}/overnemen`, [['campagne', String(draft)]]);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('geen concept meer');
    const mail = await t.app.request('/api/campaigns', {
      method: 'POST',
      headers: auth(t.cocoToken, { 'content-type': 'application/json' }),
      body: JSON.stringify({ kind: 'netwerkmail', subject: 'Oproep', content: { body: 'Tekst' } }),
    });
    const mailId = ((await mail.json()) as { id: number }).id;
    expect(
      (await t.coco.post(`/beheer/bijdragen/${id}/overnemen`, [['campagne', String(mailId)]])).status,
    ).toBe(409);
    expect((await t.coco.post(`/beheer/bijdragen/${id}/overnemen`, [['campagne', '999']])).status).toBe(404);
    expect((await waitingContributions(t.deps)).map((c) => c.item.title)).toEqual(['Winterborrel']);
  });

  it('puts an item taken into a draft that was deleted back among the waiting ones', async () => {
    const t = await setup();
    await sendAgenda(t, { datum: '2026-12-12', 'agenda-titel': 'Winterborrel' });
    const draft = await draftWith(t, []);
    await t.coco.post(`/beheer/bijdragen/${await idOf(t, 'Winterborrel')}/overnemen`, [
      ['campagne', String(draft)],
    ]);
    expect(await waitingContributions(t.deps)).toEqual([]);
    const del = await t.app.request(`/api/campaigns/${draft}`, {
      method: 'DELETE',
      headers: auth(t.cocoToken),
    });
    expect(del.status).toBe(204);
    expect((await waitingContributions(t.deps)).map((c) => c.item.title)).toEqual(['Winterborrel']);
  });
});

describe('the CoCo declines a contribution', () => {
  it('needs a reason, and mails it to the editor, who sees it beside the item', async () => {
    const t = await setup();
    await sendAgenda(t, { datum: '2026-12-12', 'agenda-titel': 'Winterborrel' });
    const id = await idOf(t, 'Winterborrel');
    const form = await (await t.coco.get(`/beheer/bijdragen/${id}/afwijzen`)).text();
    expect(form).toContain('Afwijzen en Eddy mailen');

    const empty = await t.coco.post(`/beheer/bijdragen/${id}/afwijzen`, [['reden', '  ']]);
    expect(empty.status).toBe(400);
    expect(await empty.text()).toMatch(/id="reden-fout"[^>]*>.*Schrijf de reden op/s);

    const reason = 'Dit valt na de Nieuwsbrief van december; stuur het in januari opnieuw in.';
    const res = await t.coco.post(`/beheer/bijdragen/${id}/afwijzen`, [['reden', reason]]);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/beheer/bijdragen?melding=afgewezen');

    const [mail] = await outboxMails(t.deps, EDDY.email);
    expect(mail!.subject).toBe('Uw inzending "Winterborrel" is niet overgenomen');
    expect(mail!.text).toContain(reason);
    expect(mail!.html).toContain('https://stadsdorpen.test/beheer/bijdragen');

    const page = await (await t.eddy.get('/beheer/bijdragen')).text();
    expect(page).toContain(`<strong>Afgewezen.</strong> Reden: ${reason.replace(/;/g, ';')}`);
    // Declined once: a second decline mails nobody again.
    expect((await t.coco.post(`/beheer/bijdragen/${id}/afwijzen`, [['reden', 'Nog eens']])).status).toBe(409);
    const declines = (await outboxMails(t.deps, EDDY.email)).filter((m) => m.subject.includes('inzending'));
    expect(declines).toHaveLength(1);
    const log = await (await t.coco.get('/beheer/activiteit')).text();
    expect(log).toContain('stuurde een bijdrage in');
    expect(log).toContain('wees een bijdrage af');
  });
});

describe('the CoCo’s daily digest of waiting contributions', () => {
  it('goes to each CoCo member at most once a day while items wait, also after a restart', async () => {
    const t = await setup();
    expect(await queueContributionsDigest(t.deps)).toBe(0);
    await sendAgenda(t, { datum: '2026-12-12', 'agenda-titel': 'Winterborrel' });
    await sendNews(t, { titel: 'Burendag', tekst: 'Tekst.' }, undefined, t.zoe);

    // The dispatcher's housekeeping queues it: the composition root's list of stores has it.
    await outgoingMail(t.deps).housekeeping(t.clock.now());
    const [mail] = await outboxMails(t.deps, 'anna@coco.nl');
    expect(mail!.subject).toBe('Er wachten 2 inzendingen voor de Nieuwsbrief');
    expect(mail!.text).toContain('Winterborrel');
    expect(mail!.text).toContain('Stadsdorp Zuidas');
    expect(mail!.html).toContain('https://stadsdorpen.test/beheer/bijdragen');
    expect((await outboxMails(t.deps, 'bert@coco.nl')).map((m) => m.subject)).toContain(mail!.subject);

    // A restart: a new store, the same database; nothing more until a day has passed.
    t.clock.advance(3_600_000);
    await contributionDigests(t.deps).housekeeping(t.clock.now());
    expect(await queueContributionsDigest(t.deps)).toBe(0);
    t.clock.advance(23 * 3_600_000 + 1000);
    expect(await queueContributionsDigest(t.deps)).toBe(2);
    const digests = (await outboxMails(t.deps, 'anna@coco.nl')).filter((m) =>
      m.subject.includes('inzending'),
    );
    expect(digests).toHaveLength(2);
    expect((await outboxMails(t.deps, EDDY.email)).map((m) => m.subject)).toEqual([
      'Uw link om in te loggen bij beheer',
    ]);
  });
});

describe('the composer’s side column', () => {
  it('lists the waiting items, agenda by date, each with a one-click take back to the composer', async () => {
    const t = await setup();
    await sendAgenda(t, { datum: '2026-12-20', 'agenda-titel': 'Kerstmarkt' });
    await sendAgenda(t, { datum: '2026-12-05', tijd: '10:00', 'agenda-titel': 'Koffieochtend' }, t.zoe);
    await sendNews(t, { titel: 'Burendag', tekst: 'Tekst.' });
    const html = (
      await WaitingContributions({ campaignId: 7, items: await waitingContributions(t.deps) })
    ).toString();
    expect(html.indexOf('Burendag')).toBeLessThan(html.indexOf('Koffieochtend'));
    expect(html.indexOf('Koffieochtend')).toBeLessThan(html.indexOf('Kerstmarkt'));
    expect(html).toContain('zaterdag 5 december 2026, 10:00');
    expect(html.match(/<form method="post" action="\/beheer\/bijdragen\/[0-9]+\/overnemen">/g)).toHaveLength(
      3,
    );
    expect(html.match(/name="terug" value="\/beheer\/campagnes\/7"/g)).toHaveLength(3);
    expect(html.match(/name="campagne" value="7"/g)).toHaveLength(3);
  });
});
