import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { Statement } from '../../src/db/port.js';
import { addStadsdorp, makeTestApp } from '../support/app.js';
import { addAccount, type Browser, EDDY, loggedIn } from '../support/beheer.js';

// The import in steps and the export, through the pages as a browser uses them.

const EXCEL = readFileSync(new URL('../fixtures/excel-nl-cp1252.csv', import.meta.url));

async function setup() {
  const t = await makeTestApp();
  await addStadsdorp(t.deps, { slug: 'stadsdorp-zuid', name: 'Stadsdorp Zuid' });
  await addStadsdorp(t.deps, { slug: 'jordaan', name: 'Stadsdorp Jordaan' });
  await addAccount(t.deps, { email: 'anna@coco.nl', name: 'Anna' });
  await addAccount(t.deps, { email: 'bert@coco.nl', name: 'Bert' });
  await addAccount(t.deps, EDDY);
  const anna = await loggedIn(t, 'anna@coco.nl');
  return { ...t, anna };
}

/** upload sends the step-1 form as a browser does: multipart, from our own page. */
function upload(b: Browser, file: { name: string; bytes: Uint8Array; type?: string } | null, list: string) {
  const form = new FormData();
  if (file)
    form.set(
      'file',
      new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type ?? 'text/csv' }),
    );
  form.set('list', list);
  return b.app.request('/beheer/import', {
    method: 'POST',
    headers: {
      origin: b.origin,
      'sec-fetch-site': 'same-origin',
      cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    },
    body: form,
  });
}

async function uploaded(
  b: Browser,
  bytes: Uint8Array,
  list = 'besturen',
  name = 'leden.csv',
): Promise<string> {
  const res = await upload(b, { name, bytes }, list);
  expect(res.status).toBe(303);
  const at = res.headers.get('location')!;
  expect(at).toMatch(/^\/beheer\/import\/[\w-]+$/);
  return at;
}

const text = async (res: Response) => (await res.text()).replace(/\s+/g, ' ');
const count = async (t: { db: { get: <T>(s: string) => Promise<T | undefined> } }, sql: string) =>
  (await t.db.get<{ n: number }>(sql))!.n;

/** The counts block of step 2 or 3 as label → number. */
function counts(html: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of html.matchAll(/<dt>([^<]+)<\/dt><dd>([\d.]+)<\/dd>/g))
    out[m[1]!] = Number(m[2]!.replace('.', ''));
  return out;
}

/** fix edits the refused rows as a volunteer does in Excel: each row's empty or unknown stadsdorp becomes Stadsdorp Zuid. */
function fix(csv: string): Uint8Array {
  const lines = csv.split('\r\n');
  const fixed = lines.map((line, i) => {
    if (i === 0 || !line) return line;
    const cells = line.split(';');
    cells[4] = 'Stadsdorp Zuid';
    return cells.join(';');
  });
  return new TextEncoder().encode(fixed.join('\r\n'));
}

async function importAndWait(b: Browser, at: string): Promise<string> {
  const res = await b.post(`${at}/importeren`);
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe(`${at}/voortgang`);
  for (let i = 0; i < 50; i++) {
    const page = await text(await b.get(`${at}/voortgang`));
    if (!page.includes('Bezig met importeren')) return page;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the import did not finish');
}

describe('the import in steps', () => {
  it('checks a Windows-1252 Excel file without writing anything: encoding, separator, columns, counts, refused rows', async () => {
    const t = await setup();
    const at = await uploaded(t.anna, EXCEL);
    const res = await t.anna.get(at);
    expect(res.status).toBe(200);
    const html = await text(res);
    expect(html).toContain('<h1>Controleren: leden.csv</h1>');
    expect(html).toContain('Windows-1252');
    expect(html).toContain('puntkomma (;)');
    // Which column became which field, each a select that can change it.
    expect(html).toMatch(
      /<label for="kolom.0">Kolom 1: E-mailadres<\/label>.*?<option value="email" selected/,
    );
    expect(html).toMatch(
      /<label for="kolom.4">Kolom 5: Stadsdorp<\/label>.*?<option value="stadsdorp" selected/,
    );
    expect(html).toContain('Bijvoorbeeld: Renée');
    expect(counts(html)).toEqual({
      'Worden toegevoegd': 2,
      'Worden bijgewerkt': 0,
      'Worden overgeslagen': 0,
      Geweigerd: 2,
    });
    expect(html).toContain('Stadsdorp &quot;Onbekend Dorp&quot; bestaat niet.');
    expect(html).toMatch(/<td class="getal">4<\/td><td data-label="Reden">Stadsdorp &quot;Onbekend Dorp/);
    expect(html).toMatch(
      /<td class="getal">6<\/td><td data-label="Reden">Geen stadsdorp voor ijsbrand@example.nl/,
    );
    expect(html).toContain('2 mensen importeren in Besturen');
    expect(await count(t, 'SELECT COUNT(*) AS n FROM subscribers')).toBe(0);
  });

  it('re-checks with the columns the volunteer chose, and refuses one column for two fields', async () => {
    const t = await setup();
    const file = new TextEncoder().encode('Adres;Wie\r\nkees@example.nl;Kees\r\nmies@example.nl;Mies\r\n');
    const at = await uploaded(t.anna, file, 'geinteresseerden');
    const first = await text(await t.anna.get(at));
    expect(first).toContain('Geen kolom met e-mailadressen gevonden.');
    expect(first).not.toContain('importeren in');

    const twice = await t.anna.post(at, [
      ['kolom.0', 'email'],
      ['kolom.1', 'email'],
      ['list', 'geinteresseerden'],
    ]);
    expect(twice.status).toBe(400);
    expect(await text(twice)).toContain('Dit veld is al bij een andere kolom gekozen.');

    const chosen = await t.anna.post(at, [
      ['kolom.0', 'email'],
      ['kolom.1', 'name'],
      ['list', 'geinteresseerden'],
    ]);
    expect(chosen.status).toBe(303);
    expect(chosen.headers.get('location')).toBe(at);
    const again = await text(await t.anna.get(at));
    expect(counts(again)['Worden toegevoegd']).toBe(2);
    expect(again).toContain('2 mensen importeren in Geïnteresseerden');
    const result = await importAndWait(t.anna, at);
    expect(result).toContain('Import klaar');
    expect(await t.db.get('SELECT name FROM subscribers WHERE email = ?', ['mies@example.nl'])).toEqual({
      name: 'Mies',
    });
  });

  it('gives the refused rows as a file for Dutch Excel, which imports once fixed, its Fout column ignored', async () => {
    const t = await setup();
    const at = await uploaded(t.anna, EXCEL);
    const res = await t.anna.get(`${at}/fouten.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="leden-fouten.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes.slice(3));
    expect(csv.split('\r\n')).toEqual([
      'E-mailadres;Voornaam;Tussenvoegsel;Achternaam;Stadsdorp;Fout',
      'francoise@example.nl;Françoise;van der;Hoëvel;Onbekend Dorp;"Stadsdorp ""Onbekend Dorp"" bestaat niet. Gebruik de naam van een bestaand stadsdorp."',
      'ijsbrand@example.nl;IJsbrand;;Ørsted-Çelik;;Geen stadsdorp voor ijsbrand@example.nl: de lijst Besturen is alleen voor bestuursleden van een stadsdorp. Vul de kolom Stadsdorp in.',
      '',
    ]);

    // Uploaded again unchanged: refused again, and its own refused rows carry one Fout column, not two.
    const same = await uploaded(t.anna, bytes, 'besturen', 'leden-fouten.csv');
    const samePage = await text(await t.anna.get(same));
    expect(counts(samePage).Geweigerd).toBe(2);
    expect(samePage).toContain('de reden uit een eerdere controle; wordt overgeslagen');
    const again = new TextDecoder().decode(
      (await (await t.anna.get(`${same}/fouten.csv`)).arrayBuffer()).slice(3),
    );
    expect(again.split('\r\n')[0]).toBe('E-mailadres;Voornaam;Tussenvoegsel;Achternaam;Stadsdorp;Fout');
    expect(again.split('\r\n')[1]).toMatch(
      /^francoise@example.nl;[^"]*;"Stadsdorp ""Onbekend Dorp"" bestaat niet\.[^;]*$/,
    );

    // Fixed: both rows import; the Fout column, still there, changes nothing.
    const fixed = await uploaded(t.anna, fix(csv), 'besturen', 'leden-fouten.csv');
    const fixedPage = await text(await t.anna.get(fixed));
    expect(counts(fixedPage)).toMatchObject({ 'Worden toegevoegd': 2, Geweigerd: 0 });
    expect(await importAndWait(t.anna, fixed)).toContain('Import klaar');
    expect(
      await t.db.all(
        'SELECT s.email, s.name, d.name AS dorp FROM subscribers s JOIN stadsdorpen d ON d.id = s.stadsdorp_id ORDER BY s.email',
      ),
    ).toEqual([
      { email: 'francoise@example.nl', name: 'Françoise van der Hoëvel', dorp: 'Stadsdorp Zuid' },
      { email: 'ijsbrand@example.nl', name: 'IJsbrand Ørsted-Çelik', dorp: 'Stadsdorp Zuid' },
    ]);
  });

  it('imports at the last step only, once, shows the result and logs it in the activity log', async () => {
    const t = await setup();
    const at = await uploaded(t.anna, EXCEL);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM subscriptions')).toBe(0);
    const result = await importAndWait(t.anna, at);
    expect(result).toContain('<h1>Import klaar</h1>');
    expect(counts(result)).toEqual({ Toegevoegd: 2, Bijgewerkt: 0, Overgeslagen: 0, Geweigerd: 2 });
    expect(result).toContain(`href="${at}/fouten.csv"`);
    expect(
      await count(
        t,
        "SELECT COUNT(*) AS n FROM subscriptions WHERE status = 'confirmed' AND list_id = (SELECT id FROM lists WHERE slug = 'besturen')",
      ),
    ).toBe(2);
    // A second press, or the check page, leads to the result: nothing is imported twice.
    const second = await t.anna.post(`${at}/importeren`);
    expect(second.headers.get('location')).toBe(`${at}/voortgang`);
    expect((await t.anna.get(at)).headers.get('location')).toBe(`${at}/voortgang`);
    expect(await count(t, "SELECT COUNT(*) AS n FROM consent_log WHERE source = 'import:leden.csv'")).toBe(2);
    const log = await text(await t.anna.get('/beheer/activiteit'));
    expect(log).toContain(
      'leden.csv in besturen: 2 nieuw, 0 bijgewerkt, 2 overgeslagen (waarvan 2 geweigerd)',
    );
    // The refused rows stay downloadable after the import.
    expect((await t.anna.get(`${at}/fouten.csv`)).status).toBe(200);
  });

  it('shows the progress of an import that takes a while, on a page that reloads itself', async () => {
    const t = await setup();
    const at = await uploaded(t.anna, EXCEL);
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    const batch = t.db.batch.bind(t.db);
    // The import's one big write waits until the test lets it go, as a slow disk would.
    t.db.batch = async (statements: Statement[]) => {
      if (statements.some((s) => s.sql.includes('INSERT INTO subscribers'))) await held;
      return batch(statements);
    };
    const started = await t.anna.post(`${at}/importeren`);
    expect(started.headers.get('location')).toBe(`${at}/voortgang`);
    const running = await t.anna.get(`${at}/voortgang`);
    expect(running.headers.get('refresh')).toBe('1');
    const page = await text(running);
    expect(page).toContain('<h1>Bezig met importeren</h1>');
    expect(page).toContain('Alle 3 adressen worden in één keer opgeslagen.');
    expect(page).toMatch(/<progress id="voortgang" max="6" value="5"/);
    // An import that has not moved for five minutes was cut off by a restart: the page says so.
    t.clock.advance(6 * 60_000);
    const stalled = await text(await t.anna.get(`${at}/voortgang`));
    expect(stalled).toContain('<h1>Import mislukt</h1>');
    expect(stalled).toContain('De import is onderbroken');
    release();
    expect(await importAndWait(t.anna, at)).toContain('<h1>Import klaar</h1>');
  });

  it('keeps an upload an hour, for the account that uploaded it only', async () => {
    const t = await setup();
    const at = await uploaded(t.anna, EXCEL);
    const bert = await loggedIn(t, 'bert@coco.nl');
    for (const path of [at, `${at}/fouten.csv`, `${at}/voortgang`]) {
      expect((await bert.get(path)).status, path).toBe(404);
    }
    expect((await bert.post(`${at}/importeren`)).status).toBe(404);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM subscribers')).toBe(0);

    t.clock.advance(59 * 60_000);
    expect((await t.anna.get(at)).status).toBe(200);
    t.clock.advance(2 * 60_000);
    const gone = await t.anna.get(at);
    expect(gone.status).toBe(404);
    expect(await text(gone)).toContain('Een geüpload bestand wordt een uur bewaard; upload het opnieuw.');
    // The next upload (or the hourly pruner) deletes the file itself.
    expect(await count(t, 'SELECT COUNT(*) AS n FROM import_uploads')).toBe(1);
    await uploaded(t.anna, EXCEL);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM import_uploads')).toBe(1);
  });

  it('takes files far above the 256 kB of other forms', async () => {
    const t = await setup();
    let csv = 'E-mailadres;Naam\r\n';
    for (let i = 0; i < 20_000; i++) csv += `persoon${i}@example.nl;Persoon ${i}\r\n`;
    const bytes = new TextEncoder().encode(csv);
    expect(bytes.length).toBeGreaterThan(512 * 1024);
    const at = await uploaded(t.anna, bytes, 'geinteresseerden', 'groot.csv');
    expect(counts(await text(await t.anna.get(at)))['Worden toegevoegd']).toBe(20_000);
  });

  it('answers the upload form again with what to fix', async () => {
    const t = await setup();
    const none = await upload(t.anna, null, 'besturen');
    expect(none.status).toBe(400);
    expect(await text(none)).toContain('Kies een CSV-bestand.');
    const empty = await upload(
      t.anna,
      { name: 'leeg.csv', bytes: new TextEncoder().encode('  \r\n') },
      'besturen',
    );
    expect(empty.status).toBe(400);
    expect(await text(empty)).toContain('Het bestand is leeg.');
    const noList = await upload(t.anna, { name: 'a.csv', bytes: EXCEL }, '');
    expect(noList.status).toBe(400);
    const html = await text(noList);
    expect(html).toContain('Kies de lijst waarop de mensen uit het bestand komen.');
    expect(html).toContain('<option value="besturen">Besturen</option>');
  });

  it('gives an editor a Dutch 403 on the import and export pages', async () => {
    const t = await setup();
    const eddy = await loggedIn(t, EDDY.email);
    for (const path of ['/beheer/import', '/beheer/export', '/beheer/export/bestand?list=besturen']) {
      const res = await eddy.get(path);
      expect(res.status, path).toBe(403);
      expect(await text(res), path).toContain('<h1>Geen toegang</h1>');
    }
    expect((await upload(eddy, { name: 'a.csv', bytes: EXCEL }, 'besturen')).status).toBe(403);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM import_uploads')).toBe(0);
  });
});

describe('the export page', () => {
  it('downloads a list and status for Dutch Excel, and asks again for an unknown list', async () => {
    const t = await setup();
    const at = await uploaded(t.anna, EXCEL);
    await importAndWait(t.anna, at);
    const form = await text(await t.anna.get('/beheer/export'));
    expect(form).toContain('<form method="get" action="/beheer/export/bestand"');
    expect(form).toContain('<option value="confirmed">Bevestigd</option>');

    const res = await t.anna.get('/beheer/export/bestand?list=besturen&status=confirmed');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="besturen-2026-11-28.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
    expect(lines[0]).toBe('E-mailadres;Naam;Stadsdorp;Status;Aangemeld op');
    expect(lines.slice(1, -1).map((l) => l.split(';').slice(0, 4))).toEqual([
      ['renee@example.nl', 'Renée de Vries', 'Stadsdorp Zuid', 'bevestigd'],
      ['jurgen@example.nl', 'Jürgen Müller', 'Stadsdorp Zuid', 'bevestigd'],
    ]);
    const unsubscribed = await text(
      await t.anna.get('/beheer/export/bestand?list=besturen&status=unsubscribed'),
    );
    expect(unsubscribed.trim()).toBe('E-mailadres;Naam;Stadsdorp;Status;Aangemeld op');

    const unknown = await t.anna.get('/beheer/export/bestand?list=bestaat-niet');
    expect(unknown.status).toBe(400);
    expect(await text(unknown)).toContain('Kies een lijst uit de lijst.');
    expect((await t.anna.get('/beheer/export/bestand?list=')).status).toBe(400);
    expect(await text(await t.anna.get('/beheer/activiteit'))).toContain(
      '<td data-label="Wat">exporteerde</td><td data-label="Waarover">Besturen (bevestigd)',
    );
  });
});

// Keeps the Windows-1252 bytes of the fixture honest: the preview must have decoded them.
it('the fixture is Windows-1252', () => {
  expect(iconv.decode(EXCEL, 'win1252')).toContain('Françoise');
  expect(EXCEL.includes(Buffer.from('Françoise', 'utf8'))).toBe(false);
});
