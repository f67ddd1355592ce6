import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { cspFor } from '../../src/web/csp.js';
import { addStadsdorp, makeTestApp } from '../support/app.js';
import { addAccount, type Browser, EDDY, loggedIn } from '../support/beheer.js';

async function setup() {
  const t = await makeTestApp();
  await addStadsdorp(t.deps, { slug: 'jordaan', name: 'Stadsdorp Jordaan' });
  await addAccount(t.deps, { email: 'anna@coco.nl', name: 'Anna' });
  await addAccount(t.deps, { email: 'bert@coco.nl', name: 'Bert' });
  await addAccount(t.deps, EDDY);
  const anna = await loggedIn(t, 'anna@coco.nl');
  const bert = await loggedIn(t, 'bert@coco.nl');
  const editor = await loggedIn(t, EDDY.email);
  return { ...t, anna, bert, editor };
}
type T = Awaited<ReturnType<typeof setup>>;

const h1 = (html: string) => load(html)('h1').first().text().trim();

/** Fields is a form as a browser would post it: every named input and text area, in page order. */
type Fields = [string, string][];

/** formOf reads the composer's form as a browser would send it (no button pressed yet). */
function formOf(html: string): Fields {
  const $ = load(html);
  const out: Fields = [];
  $('form[method=post] [name]').each((_, el) => {
    const e = $(el);
    const name = e.attr('name')!;
    if (el.tagName === 'button' || e.closest('form').find('[name=versie]').length === 0) return;
    out.push([name, el.tagName === 'textarea' ? e.text() : (e.attr('value') ?? '')]);
  });
  return out;
}

/** set replaces (or adds) a field's value. */
function set(fields: Fields, changes: Record<string, string>): Fields {
  const out = fields.map(([k, v]): [string, string] => [k, k in changes ? changes[k]! : v]);
  for (const [k, v] of Object.entries(changes)) if (!out.some(([n]) => n === k)) out.push([k, v]);
  return out;
}

async function newCampaign(t: T, kind: 'nieuwsbrief' | 'netwerkmail', who: Browser = t.anna) {
  const res = await who.post('/beheer/campagnes/nieuw', [['soort', kind]]);
  expect(res.status).toBe(303);
  const location = res.headers.get('location')!;
  const id = Number(/\/beheer\/campagnes\/([0-9]+)\?melding=aangemaakt$/.exec(location)?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

async function stored(t: T, id: number) {
  const row = await t.db.get<{ subject: string; content_json: string; version: number; status: string }>(
    'SELECT subject, content_json, version, status FROM campaigns WHERE id = ?',
    [id],
  );
  return { ...row!, content: JSON.parse(row!.content_json) };
}

const article = (i: number, title: string, body: string): Record<string, string> => ({
  [`content.articles.${i}.title`]: title,
  [`content.articles.${i}.body`]: body,
});

describe('who reaches the campaign pages', () => {
  it('gives an editor the Dutch 403 page on every campaign page and action, and changes nothing', async () => {
    const t = await setup();
    const id = await newCampaign(t, 'nieuwsbrief');
    const before = await stored(t, id);
    for (const path of [
      '/beheer/campagnes',
      `/beheer/campagnes/${id}`,
      `/beheer/campagnes/${id}/voorbeeld`,
      '/beheer/campagnes/componist.js',
    ]) {
      const res = await t.editor.get(path);
      expect(res.status, path).toBe(403);
      expect(h1(await res.text()), path).toBe('Geen toegang');
      expect((await t.anna.get(path)).status, path).toBe(200);
    }
    for (const [path, fields] of [
      ['/beheer/campagnes/nieuw', [['soort', 'nieuwsbrief']]],
      [`/beheer/campagnes/${id}`, [['subject', 'Gehackt']]],
      [`/beheer/campagnes/${id}/bewaren`, [['subject', 'Gehackt']]],
      [`/beheer/campagnes/${id}/voorbeeld`, [['subject', 'Gehackt']]],
      [`/beheer/campagnes/${id}/kopie`, []],
    ] as [string, Fields][]) {
      expect((await t.editor.post(path, fields)).status, path).toBe(403);
    }
    expect(await stored(t, id)).toEqual(before);
    expect((await t.db.get<{ n: number }>('SELECT count(*) AS n FROM campaigns'))!.n).toBe(1);
  });

  it('shows the CoCo the entry "Nieuwsbrieven en mails" in the menu, and the editor not', async () => {
    const t = await setup();
    expect(await (await t.anna.get('/beheer')).text()).toContain(
      '<a href="/beheer/campagnes">Nieuwsbrieven en mails</a>',
    );
    expect(await (await t.editor.get('/beheer')).text()).not.toContain('/beheer/campagnes');
  });
});

describe('the list of campaigns', () => {
  it('starts a Nieuwsbrief and a Netwerkmail with starting text, and lists them with their status in Dutch', async () => {
    const t = await setup();
    const nb = await newCampaign(t, 'nieuwsbrief');
    const nm = await newCampaign(t, 'netwerkmail');
    const n = await stored(t, nb);
    expect(n.subject).toBe('Netwerk Nieuwsbrief november 2026');
    expect(n.content.intro).toContain('Welkom bij de Netwerk Nieuwsbrief van november 2026');
    expect((await stored(t, nm)).content.body).toContain('Beste bestuursleden');
    await t.db.run(
      `UPDATE campaigns SET status = 'sent', sent_at = '2026-11-28T12:00:00.000Z' WHERE id = ?`,
      [nm],
    );

    const $ = load(await (await t.anna.get('/beheer/campagnes')).text());
    expect($('h1').text()).toBe('Nieuwsbrieven en mails');
    const rows = $('tbody tr')
      .toArray()
      .map((tr) =>
        $(tr)
          .find('td')
          .toArray()
          .slice(0, 3)
          .map((td) => $(td).text().trim()),
      );
    expect(rows).toEqual([
      ['Netwerkmail aan de besturen', 'Netwerkmail', 'Verstuurd'],
      ['Netwerk Nieuwsbrief november 2026', 'Nieuwsbrief', 'Concept'],
    ]);
    expect($(`a[href="/beheer/campagnes/${nb}"]`).text()).toBe('Netwerk Nieuwsbrief november 2026');
    expect($(`a[href="/beheer/campagnes/${nb}/versturen"]`).length).toBe(1);
    expect($(`a[href="/beheer/campagnes/${nm}/versturen"]`).length).toBe(0);
    expect(
      await t.db.all('SELECT actor_name, action FROM activity_log WHERE action LIKE ?', ['campaign-%']),
    ).toEqual([
      { actor_name: 'Anna', action: 'campaign-create' },
      { actor_name: 'Anna', action: 'campaign-create' },
    ]);
  });

  it('copies any campaign, a sent one too, into a new draft named "Kopie van ..."', async () => {
    const t = await setup();
    const id = await newCampaign(t, 'nieuwsbrief');
    const html = await (await t.anna.get(`/beheer/campagnes/${id}`)).text();
    await t.anna.post(
      `/beheer/campagnes/${id}`,
      set(formOf(html), article(0, 'Buurtfeest', 'Het was **leuk**.')),
    );
    await t.db.run(`UPDATE campaigns SET status = 'sent' WHERE id = ?`, [id]);

    const res = await t.anna.post(`/beheer/campagnes/${id}/kopie`);
    expect(res.status).toBe(303);
    const copyId = Number(/campagnes\/([0-9]+)\?melding=gekopieerd/.exec(res.headers.get('location')!)?.[1]);
    expect(copyId).not.toBe(id);
    const copy = await stored(t, copyId);
    expect(copy.status).toBe('draft');
    expect(copy.subject).toBe('Kopie van Netwerk Nieuwsbrief november 2026');
    expect(copy.content.articles).toEqual([{ title: 'Buurtfeest', body: 'Het was **leuk**.' }]);
    const page = await (await t.anna.get(res.headers.get('location')!)).text();
    expect(page).toContain('De kopie is aangemaakt als nieuw concept.');
  });
});

describe('the composer', () => {
  it('saves the fields with the button and shows them again', async () => {
    const t = await setup();
    const id = await newCampaign(t, 'nieuwsbrief');
    const html = await (await t.anna.get(`/beheer/campagnes/${id}`)).text();
    expect(h1(html)).toBe('Nieuwsbrief: Netwerk Nieuwsbrief november 2026');
    expect(html).toContain('Hulp bij opmaak (Markdown)');
    expect(html).toContain(`href="/beheer/campagnes/${id}/versturen"`);
    expect(html).toContain('Klaar? Naar versturen');
    const fields = set(formOf(html), {
      subject: 'Nieuwsbrief december',
      preheader: 'Feest in de Jordaan',
      'content.intro': 'Een **warm** welkom.',
      ...article(0, 'Buurtfeest', 'Het was leuk.'),
      'content.agenda.0.date': '2026-12-10',
      'content.agenda.0.time': '19:30',
      'content.agenda.0.title': 'Netwerkbijeenkomst',
      'content.kennisbank.0.title': 'Verzekeringen',
      'content.kennisbank.0.url': 'https://netwerkamsterdamsestadsdorpen.nl/kennisbank/verzekeringen',
    });
    const res = await t.anna.post(`/beheer/campagnes/${id}`, [...fields, ['actie', 'opslaan']]);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/beheer/campagnes/${id}?melding=opgeslagen`);
    const s = await stored(t, id);
    expect(s.subject).toBe('Nieuwsbrief december');
    expect(s.content.articles).toEqual([{ title: 'Buurtfeest', body: 'Het was leuk.' }]);
    expect(s.content.agenda).toEqual([{ date: '2026-12-10', time: '19:30', title: 'Netwerkbijeenkomst' }]);
    expect(s.content.kennisbank).toHaveLength(1);
    const again = await (await t.anna.get(res.headers.get('location')!)).text();
    expect(again).toContain('Het concept is opgeslagen.');
    expect(load(again)('[name="content.articles.0.title"]').attr('value')).toBe('Buurtfeest');
  });

  it('gives the form back with Dutch errors at the fields and the typed text kept, saving nothing', async () => {
    const t = await setup();
    const id = await newCampaign(t, 'nieuwsbrief');
    const before = await stored(t, id);
    const html = await (await t.anna.get(`/beheer/campagnes/${id}`)).text();
    const res = await t.anna.post(
      `/beheer/campagnes/${id}`,
      set(formOf(html), {
        subject: '   ',
        'content.intro': 'Mijn nieuwe inleiding',
        'content.articles.0.title': 'Alleen een titel',
        'content.articles.0.body': '',
        'content.articles.1.title': 'Met foto',
        'content.articles.1.body': 'Tekst',
        'content.articles.1.imageUrl': 'https://stadsdorpen.nl/foto.jpg',
      }),
    );
    expect(res.status).toBe(400);
    const $ = load(await res.text());
    expect($('.samenvatting h2').text()).toBe('Controleer het formulier');
    expect($('.samenvatting a[href="#subject"]').text()).toBe('Onderwerp: Vul een onderwerp in.');
    expect($('.samenvatting a[href="#content.articles.0.body"]').text()).toBe(
      'Artikel 1: Tekst: Vul de tekst van het artikel in.',
    );
    expect($('#content\\.articles\\.1\\.imageAlt-fout').text()).toContain('Beschrijf de afbeelding');
    expect($('#content\\.articles\\.0\\.body').attr('aria-invalid')).toBe('true');
    expect($('#content\\.intro').text()).toBe('Mijn nieuwe inleiding');
    expect($('#content\\.articles\\.0\\.title').attr('value')).toBe('Alleen een titel');
    expect(await stored(t, id)).toEqual(before);
  });

  it('adds, moves and removes articles with buttons that need no script', async () => {
    const t = await setup();
    const id = await newCampaign(t, 'nieuwsbrief');
    let html = await (await t.anna.get(`/beheer/campagnes/${id}`)).text();
    // "Artikel toevoegen" saves and comes back with an empty block.
    let res = await t.anna.post(`/beheer/campagnes/${id}`, [...formOf(html), ['actie', 'erbij:articles']]);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(
      `/beheer/campagnes/${id}?erbij=articles#content.articles.0.title`,
    );
    html = await (await t.anna.get(res.headers.get('location')!)).text();
    expect(load(html)('fieldset#blok-articles-0 legend').text()).toBe('Artikel 1');
    let fields = set(formOf(html), article(0, 'Eerste', 'Een'));
    for (const [i, title] of [
      [1, 'Tweede'],
      [2, 'Derde'],
    ] as const) {
      res = await t.anna.post(`/beheer/campagnes/${id}`, [...fields, ['actie', 'erbij:articles']]);
      html = await (await t.anna.get(res.headers.get('location')!)).text();
      fields = set(formOf(html), article(i, title, 'Tekst'));
    }
    res = await t.anna.post(`/beheer/campagnes/${id}`, [...fields, ['actie', 'opslaan']]);
    const titles = async () => (await stored(t, id)).content.articles.map((a: { title: string }) => a.title);
    expect(await titles()).toEqual(['Eerste', 'Tweede', 'Derde']);

    html = await (await t.anna.get(`/beheer/campagnes/${id}`)).text();
    expect(load(html)('button[value="omhoog:articles:0"]').length).toBe(0);
    expect(load(html)('button[value="omlaag:articles:2"]').length).toBe(0);
    res = await t.anna.post(`/beheer/campagnes/${id}`, [...formOf(html), ['actie', 'omhoog:articles:2']]);
    expect(res.headers.get('location')).toBe(`/beheer/campagnes/${id}?melding=opgeslagen#blok-articles-1`);
    expect(await titles()).toEqual(['Eerste', 'Derde', 'Tweede']);
    html = await (await t.anna.get(`/beheer/campagnes/${id}`)).text();
    await t.anna.post(`/beheer/campagnes/${id}`, [...formOf(html), ['actie', 'omlaag:articles:0']]);
    expect(await titles()).toEqual(['Derde', 'Eerste', 'Tweede']);
    html = await (await t.anna.get(`/beheer/campagnes/${id}`)).text();
    await t.anna.post(`/beheer/campagnes/${id}`, [...formOf(html), ['actie', 'weg:articles:1']]);
    expect(await titles()).toEqual(['Derde', 'Tweede']);
  });

  it('edits a Netwerkmail: body, signature and button', async () => {
    const t = await setup();
    const id = await newCampaign(t, 'netwerkmail');
    const html = await (await t.anna.get(`/beheer/campagnes/${id}`)).text();
    const fields = set(formOf(html), {
      'content.body': 'Kom naar de **Netwerkbijeenkomst**.',
      'content.button.label': 'Meld u aan',
      'content.button.url': 'geen link',
    });
    const bad = await t.anna.post(`/beheer/campagnes/${id}`, fields);
    expect(bad.status).toBe(400);
    expect(load(await bad.text())('#content\\.button\\.url-fout').text()).toContain(
      'De link van de knop moet een volledige http(s)-link zijn.',
    );
    const ok = await t.anna.post(
      `/beheer/campagnes/${id}`,
      set(fields, { 'content.button.url': 'https://netwerkamsterdamsestadsdorpen.nl/agenda' }),
    );
    expect(ok.status).toBe(303);
    expect((await stored(t, id)).content).toMatchObject({
      body: 'Kom naar de **Netwerkbijeenkomst**.',
      button: { label: 'Meld u aan', url: 'https://netwerkamsterdamsestadsdorpen.nl/agenda' },
    });
  });

  it('keeps a sent campaign read-only, with a way to copy it', async () => {
    const t = await setup();
    const id = await newCampaign(t, 'nieuwsbrief');
    const html = await (await t.anna.get(`/beheer/campagnes/${id}`)).text();
    await t.db.run(`UPDATE campaigns SET status = 'sent' WHERE id = ?`, [id]);
    const before = await stored(t, id);
    const page = load(await (await t.anna.get(`/beheer/campagnes/${id}`)).text());
    expect(page('fieldset.kaal').attr('disabled')).toBeDefined();
    expect(page('button[value=opslaan]').length).toBe(0);
    expect(page('script[src="/beheer/campagnes/componist.js"]').length).toBe(0);
    expect(page(`form[action="/beheer/campagnes/${id}/kopie"] button`).text()).toContain(
      'Kopie maken om verder te werken',
    );
    const res = await t.anna.post(`/beheer/campagnes/${id}`, set(formOf(html), { subject: 'Toch anders' }));
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('Maak er een kopie van om verder te werken.');
    expect((await t.anna.post(`/beheer/campagnes/${id}/bewaren`, formOf(html))).status).toBe(409);
    expect(await stored(t, id)).toEqual(before);
  });
});

describe('two CoCo members on one draft', () => {
  it('refuses the second save, shows what the first changed field by field, and keeps the typed text', async () => {
    const t = await setup();
    const id = await newCampaign(t, 'nieuwsbrief');
    const annaForm = formOf(await (await t.anna.get(`/beheer/campagnes/${id}`)).text());
    const bertForm = formOf(await (await t.bert.get(`/beheer/campagnes/${id}`)).text());

    expect(
      (
        await t.anna.post(
          `/beheer/campagnes/${id}`,
          set(annaForm, {
            subject: 'Nieuwsbrief van Anna',
            ...article(0, 'Anna schrijft', 'Over de buurt.'),
          }),
        )
      ).status,
    ).toBe(303);
    const res = await t.bert.post(
      `/beheer/campagnes/${id}`,
      set(bertForm, { 'content.intro': 'Bert zijn inleiding.' }),
    );
    expect(res.status).toBe(409);
    const $ = load(await res.text());
    expect($('#conflict-titel').text()).toBe('Iemand anders heeft dit concept intussen gewijzigd');
    const changes = $('#conflict-titel')
      .parent()
      .find('tbody tr')
      .toArray()
      .map((tr) =>
        $(tr)
          .find('td')
          .toArray()
          .map((td) => $(td).text()),
      );
    expect(changes).toEqual([
      ['Onderwerp', 'Netwerk Nieuwsbrief november 2026', 'Nieuwsbrief van Anna'],
      ['Artikel 1: Titel', '(leeg)', 'Anna schrijft'],
      ['Artikel 1: Tekst', '(leeg)', 'Over de buurt.'],
    ]);
    // Bert's text is still in his form; Anna's save stands.
    expect($('#content\\.intro').text()).toBe('Bert zijn inleiding.');
    expect((await stored(t, id)).subject).toBe('Nieuwsbrief van Anna');
    expect((await stored(t, id)).content.intro).not.toBe('Bert zijn inleiding.');

    // Having seen it, Bert takes Anna's subject over and saves again: now his version stands.
    const again = set(formOf($.html()), { subject: 'Nieuwsbrief van Anna' });
    expect((await t.bert.post(`/beheer/campagnes/${id}`, again)).status).toBe(303);
    const s = await stored(t, id);
    expect(s.content.intro).toBe('Bert zijn inleiding.');
    expect(s.subject).toBe('Nieuwsbrief van Anna');
  });

  it('answers the autosave of a stale page with a conflict, and saves a fresh one with the new version', async () => {
    const t = await setup();
    const id = await newCampaign(t, 'nieuwsbrief');
    const annaForm = formOf(await (await t.anna.get(`/beheer/campagnes/${id}`)).text());
    const bertForm = formOf(await (await t.bert.get(`/beheer/campagnes/${id}`)).text());
    const first = await t.anna.post(`/beheer/campagnes/${id}/bewaren`, set(annaForm, { subject: 'Eén' }));
    expect(first.status).toBe(200);
    const body = (await first.json()) as { version: number; was: string; savedAt: string };
    expect(body.version).toBe(2);
    expect(body.savedAt).toMatch(/^[0-9]{2}:[0-9]{2}$/);
    // Anna keeps typing: her script put the new version and copy into the form.
    const second = await t.anna.post(
      `/beheer/campagnes/${id}/bewaren`,
      set(annaForm, { subject: 'Eén twee', versie: String(body.version), was: body.was }),
    );
    expect(second.status).toBe(200);
    const stale = await t.bert.post(`/beheer/campagnes/${id}/bewaren`, set(bertForm, { subject: 'Bert' }));
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { message: string }).message).toContain('Iemand anders heeft');
    expect((await stored(t, id)).subject).toBe('Eén twee');
    const invalid = await t.anna.post(
      `/beheer/campagnes/${id}/bewaren`,
      set(annaForm, { subject: '', versie: String(body.version + 1) }),
    );
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { errors: Record<string, string> }).errors.subject).toBe(
      'Vul een onderwerp in.',
    );
  });

  it('does not stop a save for a change to a field the composer does not show', async () => {
    const t = await setup();
    const id = await newCampaign(t, 'nieuwsbrief');
    const form = formOf(await (await t.anna.get(`/beheer/campagnes/${id}`)).text());
    // The send pages change the lists meanwhile.
    await t.db.run(`UPDATE campaigns SET lists_json = '["besturen"]', version = version + 1 WHERE id = ?`, [
      id,
    ]);
    expect((await t.anna.post(`/beheer/campagnes/${id}`, set(form, { subject: 'Anders' }))).status).toBe(303);
    expect((await stored(t, id)).subject).toBe('Anders');
  });
});

describe('the preview', () => {
  it('serves the saved mail as its own document that may run no script and only we may frame', async () => {
    const t = await setup();
    const id = await newCampaign(t, 'nieuwsbrief');
    const res = await t.anna.get(`/beheer/campagnes/${id}/voorbeeld`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(cspFor('preview'));
    expect(res.headers.get('content-security-policy')).not.toContain('script-src');
    const html = await res.text();
    expect(html).toContain('Welkom bij de Netwerk Nieuwsbrief van november 2026');
    expect(html).toContain('Beste Anna,');
    const page = load(await (await t.anna.get(`/beheer/campagnes/${id}`)).text());
    const frame = page('iframe[data-voorbeeld]');
    expect(frame.attr('src')).toBe(`/beheer/campagnes/${id}/voorbeeld`);
    expect(frame.attr('sandbox')).toBe('allow-same-origin');
    expect(page('input#breedte-375').length).toBe(1);
    expect(page('[data-tekstversie]').text()).toContain('Welkom bij de Netwerk Nieuwsbrief');
  });

  it('renders the typed, unsaved fields as the mail, saving nothing and saying what it left out', async () => {
    const t = await setup();
    const id = await newCampaign(t, 'nieuwsbrief');
    const before = await stored(t, id);
    const form = formOf(await (await t.anna.get(`/beheer/campagnes/${id}`)).text());
    const res = await t.anna.post(
      `/beheer/campagnes/${id}/voorbeeld`,
      set(form, {
        subject: 'Nog niet bewaard',
        'content.intro': 'Een *nieuwe* inleiding',
        ...article(0, 'Klaar artikel', 'Met tekst.'),
        'content.articles.1.title': 'Half getypt',
      }),
    );
    expect(res.status).toBe(200);
    const p = (await res.json()) as { subject: string; html: string; text: string; omitted: string[] };
    expect(p.subject).toBe('Nog niet bewaard');
    expect(p.html).toContain('Een <em>nieuwe</em> inleiding');
    expect(p.html).toContain('Klaar artikel');
    expect(p.html).not.toContain('Half getypt');
    expect(p.text).toContain('Klaar artikel');
    expect(p.omitted).toEqual(['Artikel 2: Vul de tekst van het artikel in.']);
    expect(await stored(t, id)).toEqual(before);
  });

  it('still opens the composer of a campaign whose layout is gone, saying why there is no preview', async () => {
    const t = await setup();
    const id = await newCampaign(t, 'nieuwsbrief');
    await t.db.run(`UPDATE campaigns SET layout_name = 'verdwenen' WHERE id = ?`, [id]);
    const res = await t.anna.get(`/beheer/campagnes/${id}`);
    expect(res.status).toBe(200);
    expect(load(await res.text())('[data-tekstversie]').text()).toMatch(
      /^Het voorbeeld kan niet worden gemaakt: /,
    );
  });

  it('serves the composer script as JavaScript from the app itself', async () => {
    const t = await setup();
    const res = await t.anna.get('/beheer/campagnes/componist.js');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toContain("'/voorbeeld'");
  });
});
