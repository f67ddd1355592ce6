import { load } from 'cheerio';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { addStadsdorp, makeTestApp } from '../support/app.js';
import { addAccount, type Browser, EDDY, loggedIn } from '../support/beheer.js';

// The CoCo's own articles get a photo from the composer: "Foto toevoegen" saves the form and
// leads to a page with a file and a required alt text; the photo lands in the article and in
// the mail. And a draft can be deleted from beheer, after a confirm step; nothing else can.

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
type Fields = [string, string][];

const h1 = (html: string) => load(html)('h1').first().text().trim();

/** formOf reads a page's form with the given action as a browser would send it (no button pressed). */
function formOf(html: string, action: string): Fields {
  const $ = load(html);
  const out: Fields = [];
  $(`form[action="${action}"] [name]`).each((_, el) => {
    const e = $(el);
    if (el.tagName === 'button' || e.attr('type') === 'file') return;
    out.push([e.attr('name')!, el.tagName === 'textarea' ? e.text() : (e.attr('value') ?? '')]);
  });
  return out;
}

function set(fields: Fields, changes: Record<string, string>): Fields {
  const out = fields.map(([k, v]): [string, string] => [k, k in changes ? changes[k]! : v]);
  for (const [k, v] of Object.entries(changes)) if (!out.some(([n]) => n === k)) out.push([k, v]);
  return out;
}

async function newNieuwsbrief(t: T): Promise<number> {
  const res = await t.anna.post('/beheer/campagnes/nieuw', [['soort', 'nieuwsbrief']]);
  return Number(/\/beheer\/campagnes\/([0-9]+)\?/.exec(res.headers.get('location')!)![1]);
}

async function stored(t: T, id: number) {
  const row = await t.db.get<{ content_json: string; version: number; status: string }>(
    'SELECT content_json, version, status FROM campaigns WHERE id = ?',
    [id],
  );
  return row ? { ...row, content: JSON.parse(row.content_json) } : undefined;
}

/** composerForm opens the composer as `who` and reads its form. */
async function composerForm(t: T, id: number, who: Browser = t.anna): Promise<Fields> {
  return formOf(await (await who.get(`/beheer/campagnes/${id}`)).text(), `/beheer/campagnes/${id}`);
}

/** withArticle makes a Nieuwsbrief with one saved article, Anna's. */
async function withArticle(t: T): Promise<number> {
  const id = await newNieuwsbrief(t);
  const saved = await t.anna.post(
    `/beheer/campagnes/${id}`,
    set(await composerForm(t, id), {
      'content.articles.0.title': 'Buurtfeest in de Jordaan',
      'content.articles.0.body': 'Meer dan honderd buren kwamen langs.',
      actie: 'opslaan',
    }),
  );
  expect(saved.status).toBe(303);
  return id;
}

async function jpeg(width = 1600, height = 1000): Promise<Blob> {
  const bytes = await sharp({ create: { width, height, channels: 3, background: '#2d6a4f' } })
    .jpeg()
    .toBuffer();
  return new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' });
}

/** postPhoto sends the photo page's form (its hidden fields as opened), with a file, as a browser does. */
async function postPhoto(
  t: T,
  who: Browser,
  path: string,
  pageHtml: string,
  fields: Record<string, string>,
  file?: { blob: Blob; name: string },
): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of set(formOf(pageHtml, path), fields)) form.set(k, v);
  if (file) form.set('foto', file.blob, file.name);
  return t.app.request(path, {
    method: 'POST',
    headers: {
      origin: who.origin,
      'sec-fetch-site': 'same-origin',
      cookie: [...who.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    },
    body: form,
  });
}

const photoPath = (id: number, n = 1) => `/beheer/campagnes/${id}/artikelen/${n}/foto`;
const ALT = 'Buren aan een lange tafel op straat tijdens het buurtfeest';
const count = async (t: T, table: string) =>
  (await t.db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n;

describe("an article's photo", () => {
  it('saves the typed text, takes a photo with its alt text, and shows it in the composer and the mail', async () => {
    const t = await setup();
    const id = await newNieuwsbrief(t);
    const composer = await (await t.anna.get(`/beheer/campagnes/${id}?erbij=articles`)).text();
    expect(load(composer)('button[value="foto:articles:0"]').text()).toContain('Foto toevoegen');

    // "Foto toevoegen" saves what was typed first, then leads to the photo page.
    const go = await t.anna.post(
      `/beheer/campagnes/${id}`,
      set(formOf(composer, `/beheer/campagnes/${id}`), {
        'content.articles.0.title': 'Buurtfeest in de Jordaan',
        'content.articles.0.body': 'Meer dan honderd buren kwamen langs.',
        actie: 'foto:articles:0',
      }),
    );
    expect(go.status).toBe(303);
    expect(go.headers.get('location')).toBe(photoPath(id));
    expect((await stored(t, id))!.content.articles[0].title).toBe('Buurtfeest in de Jordaan');

    const pageRes = await t.anna.get(photoPath(id));
    expect(pageRes.status).toBe(200);
    const page = await pageRes.text();
    expect(h1(page)).toBe('Foto toevoegen: artikel 1');
    expect(page).toContain('Buurtfeest in de Jordaan');
    const $ = load(page);
    expect($(`form[action="${photoPath(id)}"]`).attr('enctype')).toBe('multipart/form-data');
    expect($('#alt-hint').text()).toContain('wat er op de foto te zien is');

    const res = await postPhoto(
      t,
      t.anna,
      photoPath(id),
      page,
      { alt: ALT },
      { blob: await jpeg(), name: 'feest.jpg' },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/beheer/campagnes/${id}?melding=foto#blok-articles-0`);

    const article = (await stored(t, id))!.content.articles[0];
    expect(article.imageUrl).toMatch(/^https:\/\/stadsdorpen\.test\/fotos\/[0-9]+-[0-9a-f]{32}\.jpg$/);
    expect(article.imageAlt).toBe(ALT);
    const served = await t.app.request(new URL(article.imageUrl).pathname);
    expect(served.status).toBe(200);
    expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).width).toBe(1200);

    // The mail shows it with its alt text.
    const mail = load(await (await t.anna.get(`/beheer/campagnes/${id}/voorbeeld`)).text());
    const img = mail(`img[src="${article.imageUrl}"]`);
    expect(img.length).toBe(1);
    expect(img.attr('alt')).toBe(ALT);

    // The composer: the flash, the thumbnail from the service itself, replace and remove.
    const composerNow = load(await (await t.anna.get(`/beheer/campagnes/${id}?melding=foto`)).text());
    expect(composerNow('.melding').text()).toContain('De foto staat bij het artikel');
    expect(composerNow('#blok-articles-0 img.foto').attr('src')).toBe(new URL(article.imageUrl).pathname);
    expect(composerNow('#blok-articles-0 img.foto').attr('alt')).toBe(ALT);
    expect(composerNow('button[value="foto:articles:0"]').text()).toContain('Foto vervangen');
    expect(composerNow('button[value="fotoweg:articles:0"]').text()).toContain('Foto verwijderen');
    expect(composerNow('[id="content.articles.0.imageAlt"]').attr('value')).toBe(ALT);
    expect(
      await t.db.all('SELECT actor_name, action FROM activity_log WHERE action = ?', ['campaign-photo']),
    ).toEqual([{ actor_name: 'Anna', action: 'campaign-photo' }]);

    // The photo page now replaces; "Foto verwijderen" takes it out of the article with a save.
    expect(h1(await (await t.anna.get(photoPath(id))).text())).toBe('Foto vervangen: artikel 1');
    const removed = await t.anna.post(
      `/beheer/campagnes/${id}`,
      set(await composerForm(t, id), { actie: 'fotoweg:articles:0' }),
    );
    expect(removed.status).toBe(303);
    const bare = (await stored(t, id))!.content.articles[0];
    expect(bare.imageUrl).toBeUndefined();
    expect(bare.imageAlt).toBeUndefined();
    expect(bare.title).toBe('Buurtfeest in de Jordaan');
  });

  it('refuses a photo without alt text, or no photo at all, naming the field and storing nothing', async () => {
    const t = await setup();
    const id = await withArticle(t);
    const page = await (await t.anna.get(photoPath(id))).text();

    const noAlt = await postPhoto(
      t,
      t.anna,
      photoPath(id),
      page,
      { alt: '  ' },
      { blob: await jpeg(300, 200), name: 'a.jpg' },
    );
    expect(noAlt.status).toBe(400);
    const $ = load(await noAlt.text());
    expect($('.samenvatting').text()).toContain('Beschrijving van de foto');
    expect($('#alt-fout').text()).toContain('Beschrijf de foto');

    const noFile = await postPhoto(t, t.anna, photoPath(id), page, { alt: ALT });
    expect(noFile.status).toBe(400);
    const noFilePage = load(await noFile.text());
    expect(noFilePage('#foto-fout').text()).toContain('Kies een foto');
    expect(noFilePage('#alt').attr('value')).toBe(ALT);

    expect(await count(t, 'photos')).toBe(0);
    expect((await stored(t, id))!.content.articles[0].imageUrl).toBeUndefined();
  });

  it('refuses a file that is no photo, an SVG and a file too large, in Dutch', async () => {
    const t = await setup();
    const id = await withArticle(t);
    const page = await (await t.anna.get(photoPath(id))).text();
    const junk = await postPhoto(
      t,
      t.anna,
      photoPath(id),
      page,
      { alt: ALT },
      {
        blob: new Blob(['dit is geen foto'], { type: 'image/jpeg' }),
        name: 'foto.jpg',
      },
    );
    expect(junk.status).toBe(415);
    expect(load(await junk.text())('#foto-fout').text()).toContain('geen JPEG- of PNG-afbeelding');

    const svg = await postPhoto(
      t,
      t.anna,
      photoPath(id),
      page,
      { alt: ALT },
      {
        blob: new Blob(['<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'], {
          type: 'image/svg+xml',
        }),
        name: 'tekening.svg',
      },
    );
    expect(svg.status).toBe(415);
    expect(load(await svg.text())('#foto-fout').text()).toMatch(/JPEG|PNG/);

    // Too large is refused before it is read, as the editors' upload is.
    const huge = await postPhoto(
      t,
      t.anna,
      photoPath(id),
      page,
      { alt: ALT },
      {
        blob: new Blob([new Uint8Array(21 * 1024 * 1024)], { type: 'image/jpeg' }),
        name: 'groot.jpg',
      },
    );
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain('Het verzoek is te groot');
    expect(await count(t, 'photos')).toBe(0);
  });

  it('gives an editor the Dutch 403 page, and stores nothing', async () => {
    const t = await setup();
    const id = await withArticle(t);
    const page = await (await t.anna.get(photoPath(id))).text();
    const res = await t.editor.get(photoPath(id));
    expect(res.status).toBe(403);
    expect(h1(await res.text())).toBe('Geen toegang');
    const post = await postPhoto(
      t,
      t.editor,
      photoPath(id),
      page,
      { alt: ALT },
      { blob: await jpeg(300, 200), name: 'a.jpg' },
    );
    expect(post.status).toBe(403);
    expect(await count(t, 'photos')).toBe(0);
  });

  it('stops when someone else changed the article meanwhile, saying what changed, but not for a change elsewhere', async () => {
    const t = await setup();
    const id = await withArticle(t);
    const page = await (await t.anna.get(photoPath(id))).text();

    // Bert changes the intro: another part of the draft, so Anna's photo still goes in.
    await t.bert.post(
      `/beheer/campagnes/${id}`,
      set(await composerForm(t, id, t.bert), { 'content.intro': 'Een nieuwe inleiding.', actie: 'opslaan' }),
    );
    const ok = await postPhoto(
      t,
      t.anna,
      photoPath(id),
      page,
      { alt: ALT },
      { blob: await jpeg(300, 200), name: 'a.jpg' },
    );
    expect(ok.status).toBe(303);
    expect((await stored(t, id))!.content.intro).toBe('Een nieuwe inleiding.');

    // Bert puts another article first: Anna's page was about the Buurtfeest, which moved.
    const page2 = await (await t.anna.get(photoPath(id))).text();
    await t.bert.post(
      `/beheer/campagnes/${id}`,
      set(await composerForm(t, id, t.bert), {
        'content.articles.1.title': 'Nieuwe werkgroep Wonen',
        'content.articles.1.body': 'De werkgroep zoekt nog mensen.',
        actie: 'omlaag:articles:0',
      }),
    );
    const before = await stored(t, id);
    expect(before!.content.articles[0].title).toBe('Nieuwe werkgroep Wonen');
    const stale = await postPhoto(
      t,
      t.anna,
      photoPath(id),
      page2,
      { alt: 'Een ander' },
      { blob: await jpeg(300, 200), name: 'b.jpg' },
    );
    expect(stale.status).toBe(409);
    const $ = load(await stale.text());
    expect($('#conflict-titel').text()).toContain('Iemand anders heeft dit artikel intussen gewijzigd');
    const table = $('table').text();
    expect(table).toContain('Artikel 1: Titel');
    expect(table).toContain('Buurtfeest in de Jordaan');
    expect(table).toContain('Nieuwe werkgroep Wonen');
    expect($('#alt').attr('value')).toBe('Een ander');
    expect(await stored(t, id)).toEqual(before);

    // Sent again from that page, having seen it, the photo goes into the article now shown.
    const again = await postPhoto(
      t,
      t.anna,
      photoPath(id),
      $.html(),
      { alt: 'Een ander' },
      { blob: await jpeg(300, 200), name: 'b.jpg' },
    );
    expect(again.status).toBe(303);
    expect((await stored(t, id))!.content.articles[0].imageAlt).toBe('Een ander');
  });

  it('asks for the text of an empty article before its photo, and answers 404 for an article that is not there', async () => {
    const t = await setup();
    const id = await newNieuwsbrief(t);
    const composer = await (await t.anna.get(`/beheer/campagnes/${id}?erbij=articles`)).text();
    const res = await t.anna.post(
      `/beheer/campagnes/${id}`,
      set(formOf(composer, `/beheer/campagnes/${id}`), { actie: 'foto:articles:0' }),
    );
    expect(res.status).toBe(400);
    expect(load(await res.text())('[id="content.articles.0.title-fout"]').text()).toContain(
      'Schrijf eerst de titel',
    );
    expect((await t.anna.get(photoPath(id, 3))).status).toBe(404);
  });
});

describe('deleting a draft', () => {
  it('asks first, naming the draft, then deletes it and logs it', async () => {
    const t = await setup();
    const id = await withArticle(t);
    const list = load(await (await t.anna.get('/beheer/campagnes')).text());
    expect(list(`a[href="/beheer/campagnes/${id}/verwijderen"]`).length).toBe(1);
    const composer = load(await (await t.anna.get(`/beheer/campagnes/${id}`)).text());
    expect(composer(`a[href="/beheer/campagnes/${id}/verwijderen"]`).text()).toBe('Concept verwijderen');

    // A stadsdorp's agenda item taken into the draft waits again once the draft is gone.
    await t.editor.post('/beheer/bijdragen/agenda', [
      ['datum', '2026-12-12'],
      ['agenda-titel', 'Winterborrel'],
    ]);
    const item = await t.db.get<{ id: number }>('SELECT id FROM contributions');
    const took = await t.anna.post(`/beheer/bijdragen/${item!.id}/overnemen`, [['campagne', String(id)]]);
    expect(took.status).toBe(303);

    const confirm = await t.anna.get(`/beheer/campagnes/${id}/verwijderen`);
    expect(confirm.status).toBe(200);
    const page = await confirm.text();
    expect(h1(page)).toMatch(/^Het concept “Netwerk Nieuwsbrief .*” verwijderen\?$/);
    expect(page).toContain('niet ongedaan maken');
    expect(page).toContain('De bijdrage van een stadsdorp die erin is overgenomen, wacht daarna weer');
    expect(await stored(t, id)).toBeDefined();

    const res = await t.anna.post(`/beheer/campagnes/${id}/verwijderen`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/beheer/campagnes?melding=verwijderd');
    expect(await stored(t, id)).toBeUndefined();
    expect(load(await (await t.anna.get('/beheer/bijdragen')).text())('body').text()).toContain(
      'Winterborrel',
    );
    expect(await (await t.anna.get('/beheer/campagnes?melding=verwijderd')).text()).toContain(
      'Het concept is verwijderd.',
    );
    expect(
      await t.db.all('SELECT actor_name, action FROM activity_log WHERE action = ?', ['campaign-delete']),
    ).toEqual([{ actor_name: 'Anna', action: 'campaign-delete' }]);
  });

  it('refuses to delete anything but a draft, and refuses an editor', async () => {
    const t = await setup();
    const id = await withArticle(t);
    expect((await t.editor.post(`/beheer/campagnes/${id}/verwijderen`)).status).toBe(403);
    expect(await stored(t, id)).toBeDefined();

    for (const status of ['scheduled', 'sent']) {
      await t.db.run('UPDATE campaigns SET status = ? WHERE id = ?', [status, id]);
      const list = load(await (await t.anna.get('/beheer/campagnes')).text());
      expect(list(`a[href="/beheer/campagnes/${id}/verwijderen"]`).length).toBe(0);
      const confirm = await t.anna.get(`/beheer/campagnes/${id}/verwijderen`);
      expect(confirm.status).toBe(409);
      expect(await confirm.text()).toContain('Alleen een concept kan worden verwijderd');
      expect((await t.anna.post(`/beheer/campagnes/${id}/verwijderen`)).status).toBe(409);
      expect(await stored(t, id)).toBeDefined();
    }
  });
});
