import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { stmt } from '../../src/db/port.js';
import type { AppDeps } from '../../src/deps.js';
import { addStadsdorp, auth, editorToken, makeTestApp } from '../support/app.js';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));

type Report = {
  imported: number;
  updated: number;
  skipped: number;
  errors: { line: number; message: string }[];
  dryRun: boolean;
};

async function setup() {
  const t = await makeTestApp();
  const zuid = await addStadsdorp(t.deps, { slug: 'stadsdorp-zuid', name: 'Stadsdorp Zuid', gebied: 'Zuid' });
  return { ...t, zuid };
}

function postCsv(
  app: ReturnType<typeof createApp>,
  token: string,
  query: string,
  body: BodyInit,
  type = 'text/csv',
) {
  return app.request(`/api/subscribers/import?${query}`, {
    method: 'POST',
    headers: auth(token, { 'content-type': type }),
    body,
  });
}

async function importOk(app: ReturnType<typeof createApp>, token: string, query: string, body: BodyInit) {
  const res = await postCsv(app, token, query, body);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Report;
}

/** addSubscriber puts a person on a list with a given status, as signup or an earlier import would have. */
async function addSubscriber(
  deps: Pick<AppDeps, 'db'>,
  s: {
    email: string;
    name?: string | null;
    list: string;
    status: string;
    suppressed?: boolean;
    stadsdorpId?: number;
  },
): Promise<number> {
  const r = await deps.db.run(
    'INSERT INTO subscribers (public_id, email, name, stadsdorp_id, suppressed_at) VALUES (?, ?, ?, ?, ?)',
    [
      `pid-${s.email}`,
      s.email,
      s.name ?? null,
      s.stadsdorpId ?? null,
      s.suppressed ? '2026-01-01T00:00:00Z' : null,
    ],
  );
  await deps.db.run(
    'INSERT INTO subscriptions (subscriber_id, list_id, status) SELECT ?, id, ? FROM lists WHERE slug = ?',
    [r.lastRowId, s.status, s.list],
  );
  return r.lastRowId;
}

async function people(deps: Pick<AppDeps, 'db'>, list = 'geinteresseerden') {
  return deps.db.all<{ email: string; name: string | null; stadsdorp_id: number | null; status: string }>(
    `SELECT s.email, s.name, s.stadsdorp_id, sub.status FROM subscribers s
       JOIN subscriptions sub ON sub.subscriber_id = s.id JOIN lists l ON l.id = sub.list_id
      WHERE l.slug = ? ORDER BY s.email`,
    [list],
  );
}

async function count(deps: Pick<AppDeps, 'db'>, table: string): Promise<number> {
  return (await deps.db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n;
}

describe('POST /api/subscribers/import', () => {
  it('imports an Excel NL file in Windows-1252 sent as text/csv, accents intact and confirmed', async () => {
    const { app, coco, deps, zuid } = await setup();
    const report = await importOk(app, coco, 'list=geinteresseerden', fixture('excel-nl-cp1252.csv'));
    expect(report).toMatchObject({ imported: 4, updated: 0, skipped: 0, errors: [], dryRun: false });
    expect(await people(deps)).toEqual([
      {
        email: 'francoise@example.nl',
        name: 'Françoise van der Hoëvel',
        stadsdorp_id: null,
        status: 'confirmed',
      },
      {
        email: 'ijsbrand@example.nl',
        name: 'IJsbrand Ørsted-Çelik',
        stadsdorp_id: null,
        status: 'confirmed',
      },
      { email: 'jurgen@example.nl', name: 'Jürgen Müller', stadsdorp_id: zuid, status: 'confirmed' },
      { email: 'renee@example.nl', name: 'Renée de Vries', stadsdorp_id: zuid, status: 'confirmed' },
    ]);
  });

  it('takes a multipart upload and logs consent with the file name as source', async () => {
    const { app, coco, deps } = await setup();
    const form = new FormData();
    form.append('file', new Blob([fixture('utf8-bom.csv')], { type: 'text/csv' }), 'leden-2026.csv');
    const res = await app.request('/api/subscribers/import?list=geinteresseerden', {
      method: 'POST',
      headers: auth(coco),
      body: form,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ imported: 2, updated: 0, skipped: 0 });
    const log = await deps.db.all<{ action: string; source: string; subscriber_id: number; list_id: number }>(
      'SELECT action, source, subscriber_id, list_id FROM consent_log ORDER BY id',
    );
    expect(log).toHaveLength(2);
    for (const row of log) {
      expect(row).toMatchObject({ action: 'import', source: 'import:leden-2026.csv' });
      expect(row.subscriber_id).toBeGreaterThan(0);
    }
  });

  it('logs consent as import:api without a file name, or with the filename parameter', async () => {
    const { app, coco, deps } = await setup();
    await importOk(app, coco, 'list=geinteresseerden', 'Email\na@example.nl\n');
    await importOk(
      app,
      coco,
      'list=besturen&filename=bestuur.csv&stadsdorp=stadsdorp-zuid',
      'Email\nb@example.nl\n',
    );
    const sources = await deps.db.all<{ source: string }>('SELECT source FROM consent_log ORDER BY id');
    expect(sources.map((s) => s.source)).toEqual(['import:api', 'import:bestuur.csv']);
  });

  it('reports the same numbers on a dry run and writes nothing', async () => {
    const { app, coco, deps } = await setup();
    await addSubscriber(deps, { email: 'weg@example.nl', list: 'geinteresseerden', status: 'unsubscribed' });
    const body = 'E-mail;Naam\nnieuw@example.nl;Nieuw\nweg@example.nl;Weg\nkapot;Kapot\n';
    const dry = await importOk(app, coco, 'list=geinteresseerden&dryRun=1', body);
    expect(dry).toMatchObject({ imported: 1, updated: 0, skipped: 2, dryRun: true });
    expect(dry.errors.map((e) => e.line)).toEqual([3, 4]);
    expect(await count(deps, 'subscribers')).toBe(1);
    expect(await count(deps, 'consent_log')).toBe(0);
    const real = await importOk(app, coco, 'list=geinteresseerden', body);
    expect({ ...real, dryRun: true }).toEqual(dry);
    expect(await count(deps, 'subscribers')).toBe(2);
  });

  it('writes nothing at all when the one transaction fails', async () => {
    const { deps, coco } = await setup();
    // A database whose batch ends in a statement that breaks a unique constraint.
    const failing = {
      ...deps.db,
      batch: (statements: Parameters<typeof deps.db.batch>[0]) =>
        deps.db.batch([...statements, stmt("INSERT INTO lists (slug, name) VALUES ('besturen', 'dubbel')")]),
    };
    const app = createApp({ ...deps, db: failing });
    const res = await postCsv(app, coco, 'list=geinteresseerden', fixture('excel-nl-cp1252.csv'));
    expect(res.status).toBe(500);
    expect(await count(deps, 'subscribers')).toBe(0);
    expect(await count(deps, 'subscriptions')).toBe(0);
    expect(await count(deps, 'consent_log')).toBe(0);
  });

  it('never subscribes again someone who unsubscribed, bounced or was suppressed', async () => {
    const { app, coco, deps } = await setup();
    await addSubscriber(deps, {
      email: 'weg@example.nl',
      name: 'Weg',
      list: 'geinteresseerden',
      status: 'unsubscribed',
    });
    await addSubscriber(deps, { email: 'bounce@example.nl', list: 'geinteresseerden', status: 'bounced' });
    await addSubscriber(deps, {
      email: 'klacht@example.nl',
      list: 'besturen',
      status: 'complained',
      suppressed: true,
    });
    const report = await importOk(
      app,
      coco,
      'list=geinteresseerden',
      'E-mailadres\n WEG@example.nl\nbounce@example.nl\nklacht@example.nl\n',
    );
    expect(report).toMatchObject({ imported: 0, updated: 0, skipped: 3 });
    expect(report.errors).toEqual([
      { line: 2, message: expect.stringContaining('weg@example.nl heeft zich afgemeld') },
      { line: 3, message: expect.stringContaining('bounce') },
      { line: 4, message: expect.stringContaining('uitgesloten') },
    ]);
    expect((await people(deps)).map((p) => p.status)).toEqual(['bounced', 'unsubscribed']);
    expect(await count(deps, 'consent_log')).toBe(0);
  });

  it('confirms open subscriptions and fills in empty names, without overwriting or blanking data', async () => {
    const { app, coco, deps, zuid } = await setup();
    await addSubscriber(deps, { email: 'open@example.nl', list: 'geinteresseerden', status: 'unconfirmed' });
    await addSubscriber(deps, { email: 'leeg@example.nl', list: 'geinteresseerden', status: 'confirmed' });
    await addSubscriber(deps, {
      email: 'vol@example.nl',
      name: 'Echte Naam',
      list: 'geinteresseerden',
      status: 'confirmed',
    });
    await addSubscriber(deps, {
      email: 'blanco@example.nl',
      name: 'Blijft',
      list: 'geinteresseerden',
      status: 'confirmed',
    });
    await addSubscriber(deps, {
      email: 'elders@example.nl',
      name: 'Elders',
      list: 'besturen',
      status: 'confirmed',
    });
    const report = await importOk(
      app,
      coco,
      'list=geinteresseerden',
      'E-mailadres;Naam;Stadsdorp\nopen@example.nl;Open;\nleeg@example.nl;Nu Gevuld;Stadsdorp Zuid\nvol@example.nl;Andere Naam;\nblanco@example.nl;;\nelders@example.nl;;\n',
    );
    expect(report).toMatchObject({ imported: 1, updated: 2, skipped: 2, errors: [] });
    expect(await people(deps)).toEqual([
      { email: 'blanco@example.nl', name: 'Blijft', stadsdorp_id: null, status: 'confirmed' },
      { email: 'elders@example.nl', name: 'Elders', stadsdorp_id: null, status: 'confirmed' },
      { email: 'leeg@example.nl', name: 'Nu Gevuld', stadsdorp_id: zuid, status: 'confirmed' },
      { email: 'open@example.nl', name: 'Open', stadsdorp_id: null, status: 'confirmed' },
      { email: 'vol@example.nl', name: 'Echte Naam', stadsdorp_id: null, status: 'confirmed' },
    ]);
    const log = await deps.db.all<{ detail: string }>('SELECT detail FROM consent_log ORDER BY id');
    expect(log.map((l) => l.detail)).toEqual([
      'regel 2; was unconfirmed; door Test CoCo',
      'regel 6; door Test CoCo',
    ]);
  });

  it('counts a person repeated in the file once, with the name a later row gives', async () => {
    const { app, coco, deps } = await setup();
    const report = await importOk(app, coco, 'list=geinteresseerden', fixture('duplicates.csv'));
    expect(report).toMatchObject({ imported: 2, updated: 0, skipped: 2, errors: [] });
    expect((await people(deps)).map((p) => [p.email, p.name])).toEqual([
      ['marie@example.nl', 'Marie'],
      ['piet@example.nl', 'Piet Jansen'],
    ]);
  });

  it('skips invalid rows, naming each by its Excel row number, and imports the rest', async () => {
    const { app, coco } = await setup();
    const report = await importOk(app, coco, 'list=geinteresseerden', fixture('invalid-rows.csv'));
    expect(report).toMatchObject({ imported: 2, skipped: 2 });
    expect(report.errors).toEqual([
      { line: 3, message: 'Geen e-mailadres ingevuld.' },
      { line: 5, message: '"kapot@" is geen geldig e-mailadres.' },
    ]);
  });

  it('keeps the row number of the original line after a quoted line break', async () => {
    const { app, coco } = await setup();
    const report = await importOk(app, coco, 'list=geinteresseerden', fixture('quoted-multiline.csv'));
    expect(report).toMatchObject({ imported: 2, skipped: 1 });
    expect(report.errors).toEqual([{ line: 4, message: '"geen-adres" is geen geldig e-mailadres.' }]);
  });

  it('puts besturen rows straight to confirmed, but only with an existing stadsdorp', async () => {
    const { app, coco, deps, zuid } = await setup();
    const report = await importOk(app, coco, 'list=besturen', fixture('excel-nl-cp1252.csv'));
    expect(report).toMatchObject({ imported: 2, skipped: 2 });
    expect(report.errors).toEqual([
      { line: 4, message: expect.stringContaining('Stadsdorp "Onbekend Dorp" bestaat niet') },
      { line: 6, message: expect.stringContaining('Geen stadsdorp voor ijsbrand@example.nl') },
    ]);
    expect(await people(deps, 'besturen')).toEqual([
      { email: 'jurgen@example.nl', name: 'Jürgen Müller', stadsdorp_id: zuid, status: 'confirmed' },
      { email: 'renee@example.nl', name: 'Renée de Vries', stadsdorp_id: zuid, status: 'confirmed' },
    ]);
  });

  it('uses the stadsdorp parameter for rows that name none', async () => {
    const { app, coco, deps, zuid } = await setup();
    const report = await importOk(
      app,
      coco,
      'list=besturen&stadsdorp=stadsdorp-zuid',
      'E-mail\nbestuur@example.nl\n',
    );
    expect(report.imported).toBe(1);
    expect((await people(deps, 'besturen'))[0]!.stadsdorp_id).toBe(zuid);
  });
});

describe('import input a volunteer must fix', () => {
  it('names the list when it does not exist or is missing', async () => {
    const { app, coco } = await setup();
    for (const query of ['list=leden', '']) {
      const res = await postCsv(app, coco, query, 'Email\na@example.nl\n');
      expect(res.status).toBe(400);
      expect((await res.json()).error.fields).toHaveProperty('list');
    }
  });

  it('names an unknown default stadsdorp', async () => {
    const { app, coco } = await setup();
    const res = await postCsv(app, coco, 'list=besturen&stadsdorp=nergens', 'Email\na@example.nl\n');
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toHaveProperty('stadsdorp');
  });

  it('says which header names are accepted when there is no email column', async () => {
    const { app, coco } = await setup();
    const res = await postCsv(app, coco, 'list=geinteresseerden', 'Naam;Telefoon\nJan;06\n');
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.message).toContain('"E-mailadres", "E-mail", "Email", "Emailadres", "Mail"');
  });

  it('refuses a file with a quote that is never closed, naming its row, and writes nothing', async () => {
    const { app, coco } = await setup();
    const body = 'E-mail;Naam\na@example.nl;Anna\nb@example.nl;"Bert\nc@example.nl;Cor\n';
    const res = await postCsv(app, coco, 'list=geinteresseerden', body);
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.error.message).toContain('regel 3');
    expect(json.error.message).toContain('aanhalingsteken');
    expect(json.error.fields).toHaveProperty('file');
    const list = await (await app.request('/api/subscribers', { headers: auth(coco) })).json();
    expect(list.items).toEqual([]);
  });

  it('calls an empty body empty', async () => {
    const { app, coco } = await setup();
    const res = await postCsv(app, coco, 'list=geinteresseerden', '');
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toContain('Het bestand is leeg');
  });

  it('asks for the file field when a multipart upload has none', async () => {
    const { app, coco } = await setup();
    const form = new FormData();
    form.append('bestand', 'Email\na@example.nl\n');
    const res = await app.request('/api/subscribers/import?list=geinteresseerden', {
      method: 'POST',
      headers: auth(coco),
      body: form,
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toHaveProperty('file');
  });

  it('refuses a file over 10 MB with 413', async () => {
    const { app, coco, deps } = await setup();
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 'a');
    const res = await app.request('/api/subscribers/import?list=geinteresseerden', {
      method: 'POST',
      headers: auth(coco, { 'content-type': 'text/csv', 'content-length': String(big.length) }),
      body: big,
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toContain('10 MB');
    expect(await count(deps, 'subscribers')).toBe(0);
  });

  it('refuses a JSON body with 415, saying how to send the file', async () => {
    const { app, coco } = await setup();
    const res = await postCsv(
      app,
      coco,
      'list=geinteresseerden',
      '{"email":"a@example.nl"}',
      'application/json',
    );
    expect(res.status).toBe(415);
    expect((await res.json()).error.message).toContain('text/csv');
  });
});

describe('who may import and export', () => {
  it('answers 401 without a token and 403 to an editor of a stadsdorp', async () => {
    const { app, deps, zuid } = await setup();
    const editor = await editorToken(deps, zuid);
    const calls = [
      ['POST', '/api/subscribers/import?list=geinteresseerden'],
      ['GET', '/api/subscribers/export?list=geinteresseerden'],
    ] as const;
    for (const [method, path] of calls) {
      const body = method === 'POST' ? 'Email\na@example.nl\n' : undefined;
      expect((await app.request(path, { method, body })).status).toBe(401);
      expect((await app.request(path, { method, body, headers: auth('nas_onbekend') })).status).toBe(401);
      expect((await app.request(path, { method, body, headers: auth(editor) })).status).toBe(403);
    }
    expect(await count(deps, 'subscribers')).toBe(0);
  });
});

describe('GET /api/subscribers/export', () => {
  async function exportCsv(app: ReturnType<typeof createApp>, token: string, query: string) {
    const res = await app.request(`/api/subscribers/export?${query}`, { headers: auth(token) });
    expect(res.status, await res.clone().text()).toBe(200);
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  it('gives Dutch Excel a UTF-8 file with BOM, ; and CRLF, named after the list and the day', async () => {
    const { app, coco } = await setup();
    await importOk(app, coco, 'list=geinteresseerden', fixture('excel-nl-cp1252.csv'));
    const { res, bytes } = await exportCsv(app, coco, 'list=geinteresseerden');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="geinteresseerden-2026-11-28.csv"',
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // Decoded the way Excel does once it has seen the BOM.
    const text = iconv.decode(bytes, 'utf-8');
    expect(text.split('\r\n')).toEqual([
      'E-mailadres;Naam;Stadsdorp;Status;Aangemeld op',
      'renee@example.nl;Renée de Vries;Stadsdorp Zuid;bevestigd;28-11-2026 11:00',
      'jurgen@example.nl;Jürgen Müller;Stadsdorp Zuid;bevestigd;28-11-2026 11:00',
      'francoise@example.nl;Françoise van der Hoëvel;;bevestigd;28-11-2026 11:00',
      'ijsbrand@example.nl;IJsbrand Ørsted-Çelik;;bevestigd;28-11-2026 11:00',
      '',
    ]);
  });

  it('guards names that Excel would run as a formula', async () => {
    const { app, coco } = await setup();
    await importOk(
      app,
      coco,
      'list=geinteresseerden',
      'Email;Naam\nx@example.nl;"=HYPERLINK(""http://kwaad.example"";""klik"")"\ny@example.nl;@SOM(A1)\n',
    );
    const { bytes } = await exportCsv(app, coco, 'list=geinteresseerden');
    const lines = bytes.toString('utf8').split('\r\n');
    expect(lines[1]).toBe(
      `x@example.nl;"'=HYPERLINK(""http://kwaad.example"";""klik"")";;bevestigd;28-11-2026 11:00`,
    );
    expect(lines[2]).toBe("y@example.nl;'@SOM(A1);;bevestigd;28-11-2026 11:00");
  });

  it('filters by status', async () => {
    const { app, coco, deps } = await setup();
    await addSubscriber(deps, { email: 'weg@example.nl', list: 'geinteresseerden', status: 'unsubscribed' });
    await importOk(app, coco, 'list=geinteresseerden', 'Email\nblijft@example.nl\n');
    const all = (await exportCsv(app, coco, 'list=geinteresseerden')).bytes.toString('utf8');
    expect(all).toContain('weg@example.nl;;;afgemeld;');
    const confirmed = (await exportCsv(app, coco, 'list=geinteresseerden&status=confirmed')).bytes.toString(
      'utf8',
    );
    expect(confirmed).not.toContain('weg@example.nl');
    expect(confirmed).toContain('blijft@example.nl');
  });

  it('walks a large list in pages and leaves nobody out', async () => {
    const { app, coco, deps } = await setup();
    const lines = ['Email'];
    for (let i = 0; i < 2345; i++) lines.push(`persoon${i}@example.nl`);
    expect((await importOk(app, coco, 'list=geinteresseerden', lines.join('\n'))).imported).toBe(2345);
    await addSubscriber(deps, { email: 'ander@example.nl', list: 'besturen', status: 'confirmed' });
    const text = (await exportCsv(app, coco, 'list=geinteresseerden')).bytes.toString('utf8');
    const emails = text
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(';')[0]);
    expect(emails).toHaveLength(2345);
    expect(new Set(emails).size).toBe(2345);
    expect(emails).not.toContain('ander@example.nl');
  });

  it('names the list when it is unknown or the status when it is wrong', async () => {
    const { app, coco } = await setup();
    let res = await app.request('/api/subscribers/export?list=leden', { headers: auth(coco) });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toHaveProperty('list');
    res = await app.request('/api/subscribers/export?list=besturen&status=weg', { headers: auth(coco) });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toHaveProperty('status');
  });
});

describe('round trip', () => {
  it('keeps every accent through import, export and import again', async () => {
    const first = await setup();
    await importOk(first.app, first.coco, 'list=geinteresseerden', fixture('excel-nl-cp1252.csv'));
    await importOk(
      first.app,
      first.coco,
      'list=geinteresseerden',
      'Email;Naam\nformule@example.nl;-Min Teken\n',
    );
    const exported = Buffer.from(
      await (
        await first.app.request('/api/subscribers/export?list=geinteresseerden', {
          headers: auth(first.coco),
        })
      ).arrayBuffer(),
    );

    const second = await setup();
    const report = await importOk(second.app, second.coco, 'list=geinteresseerden', exported);
    expect(report).toMatchObject({ imported: 5, skipped: 0, errors: [] });
    expect(await people(second.deps)).toEqual(await people(first.deps));
    const again = Buffer.from(
      await (
        await second.app.request('/api/subscribers/export?list=geinteresseerden', {
          headers: auth(second.coco),
        })
      ).arrayBuffer(),
    );
    expect(again.toString('utf8')).toBe(exported.toString('utf8'));
  });
});
