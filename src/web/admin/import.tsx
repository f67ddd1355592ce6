/** @jsxImportSource hono/jsx */
// The CoCo's import in steps and the export of a list. Mounted at /beheer by routes.tsx.
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps } from '../../deps.js';
import { limitBody } from '../../http.js';
import * as accounts from '../../modules/accounts/service.js';
import { EXPORT_STATUS_LABEL, exportList } from '../../modules/csv/export.js';
import { cleanCell, MAX_IMPORT_BYTES, readCsvTable } from '../../modules/csv/parse.js';
import {
  chooseForUpload,
  columnsFrom,
  previewUpload,
  refusedRowsCsv,
  startImport,
  storeUpload,
  type Upload,
  uploadOf,
} from '../../modules/csv/uploads.js';
import { lists as allLists } from '../../modules/subscribers/admin.js';
import type { Errors } from './kit/field.js';
import { type AdminEnv, type C, coco, fieldErrors, one, oneFile, page, readForm } from './kit/http.js';
import {
  ExportPage,
  ImportPreviewPage,
  ImportProgressPage,
  ImportResultPage,
  ImportUploadPage,
} from './pages/import.js';

// GET  /beheer/import                       step 1: a file and a list                          coco
// POST /beheer/import                       keep the file (an hour, this account only) → step 2
// GET  /beheer/import/:id                   step 2: encoding, separator, columns, counts, refused rows (a dry run)
// POST /beheer/import/:id                   change the columns or the list → step 2 again
// GET  /beheer/import/:id/fouten.csv        the refused rows for Excel, with a last column Fout
// POST /beheer/import/:id/importeren        step 3: start the import (once) → its progress
// GET  /beheer/import/:id/voortgang         progress (reloads itself) and then the result
// GET  /beheer/export                       choose a list and a status
// GET  /beheer/export/bestand               the CSV for Dutch Excel
// GET  /beheer/static/import.js             dropping a file on the upload field
// Another account's upload, or one past its hour, is a 404.

/** How long the import button waits for the import before showing its progress page instead. */
const WAIT_FOR_IMPORT_MS = 250;
/** REFRESH_SECONDS: how often the progress page reloads itself. */
const REFRESH_SECONDS = 1;

// A file dropped anywhere on the upload box goes into its file field; without JavaScript the
// field itself takes a click (or a drop, in most browsers).
const DROP_SCRIPT = `(function () {
  var box = document.querySelector('[data-sleepvak]');
  if (!box) return;
  var input = box.querySelector('input[type=file]');
  var name = box.querySelector('[data-sleepvak-naam]');
  function show() { name.textContent = input.files && input.files[0] ? 'Gekozen: ' + input.files[0].name : ''; }
  function over(e) { e.preventDefault(); box.classList.add('erboven'); }
  box.addEventListener('dragenter', over);
  box.addEventListener('dragover', over);
  box.addEventListener('dragleave', function () { box.classList.remove('erboven'); });
  box.addEventListener('drop', function (e) {
    e.preventDefault();
    box.classList.remove('erboven');
    if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; show(); }
  });
  input.addEventListener('change', show);
})();
`;

/** importPages serves the import steps, the export and the drop script, for the CoCo. */
export function importPages(deps: AppDeps) {
  const app = new Hono<AdminEnv>();

  const listOptions = async () => (await allLists(deps)).map((l) => ({ slug: l.slug, name: l.name }));
  const account = (c: C) => c.get('account');
  const theUpload = (c: C) => uploadOf(deps, account(c), c.req.param('id') ?? '');

  app.get('/static/import.js', (c) =>
    c.body(DROP_SCRIPT, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'private, max-age=3600',
    }),
  );

  // --- Step 1

  const uploadPage = async (
    c: C,
    values: { list: string },
    errors: Errors,
    status: ContentfulStatusCode = 200,
  ) => page(c, ImportUploadPage({ ...c.get('frame'), lists: await listOptions(), values, errors }), status);

  app.get('/import', coco, (c) => uploadPage(c, { list: c.req.query('lijst') ?? '' }, {}));

  app.post('/import', coco, limitBody(MAX_IMPORT_BYTES + 64 * 1024), async (c) => {
    const form = await readForm(c);
    const values = { list: one(form, 'list') };
    const raw = oneFile(form, 'file');
    const errors: Errors = {};
    if (!raw) errors.file = 'Kies een CSV-bestand.';
    if (!values.list) errors.list = 'Kies de lijst waarop de mensen uit het bestand komen.';
    if (Object.keys(errors).length > 0 || !raw) return uploadPage(c, values, errors, 400);
    let id: string;
    try {
      id = await storeUpload(deps, account(c), {
        bytes: new Uint8Array(await raw.arrayBuffer()),
        fileName: raw.name,
        charset: /charset="?([\w.:-]+)"?/i.exec(raw.type)?.[1],
        listSlug: values.list,
      });
    } catch (err) {
      const fields = fieldErrors(err);
      if (fields) return uploadPage(c, values, fields._ ? { file: fields._ } : fields, 400);
      throw err;
    }
    return c.redirect(`/beheer/import/${id}`, 303);
  });

  // --- Step 2

  const previewPage = async (
    c: C,
    upload: Upload,
    opts: { chosen?: string[]; listSlug?: string; errors?: Errors } = {},
    status: ContentfulStatusCode = 200,
  ) => {
    const preview = await previewUpload(deps, upload);
    const table = readCsvTable(upload.bytes, upload.charset ?? undefined);
    const firstRow = table.records.slice(table.headerIndex + 1).find((r) => r.some((cell) => cell.trim()));
    return page(
      c,
      ImportPreviewPage({
        ...c.get('frame'),
        id: upload.id,
        fileName: upload.fileName,
        expiresAt: upload.expiresAt,
        listSlug: opts.listSlug ?? upload.listSlug,
        lists: await listOptions(),
        preview,
        chosen: opts.chosen,
        examples: table.header.map((_, i) => cleanCell(firstRow?.[i])),
        errors: opts.errors ?? {},
      }),
      status,
    );
  };

  app.get('/import/:id', coco, async (c) => {
    const upload = await theUpload(c);
    if (upload.status !== 'ready') return c.redirect(`/beheer/import/${upload.id}/voortgang`, 303);
    return previewPage(c, upload);
  });

  app.post('/import/:id', coco, async (c) => {
    const upload = await theUpload(c);
    if (upload.status !== 'ready') return c.redirect(`/beheer/import/${upload.id}/voortgang`, 303);
    const form = await readForm(c);
    const header = readCsvTable(upload.bytes, upload.charset ?? undefined).header;
    const chosen = header.map((_, i) => one(form, `kolom.${i}`));
    const listSlug = one(form, 'list');
    try {
      await chooseForUpload(deps, upload, { listSlug, columns: columnsFrom(chosen) });
    } catch (err) {
      const errors = fieldErrors(err);
      if (errors) return previewPage(c, upload, { chosen, listSlug, errors }, 400);
      throw err;
    }
    return c.redirect(`/beheer/import/${upload.id}`, 303);
  });

  app.get('/import/:id/fouten.csv', coco, async (c) => {
    const upload = await theUpload(c);
    const refused =
      upload.outcome?.ok === true
        ? upload.outcome.refused
        : ((await previewUpload(deps, upload)).details?.refused ?? []);
    const file = refusedRowsCsv(upload, refused);
    return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`,
    });
  });

  // --- Step 3

  app.post('/import/:id/importeren', coco, async (c) => {
    const upload = await theUpload(c);
    const job = await startImport(deps, account(c), upload);
    if (job) {
      const guarded = job.done.catch((err) =>
        deps.log.error('import failed', { upload: upload.id, error: String(err) }),
      );
      try {
        // On Workers the import must outlive the answer; on Node a promise does.
        c.executionCtx.waitUntil(guarded);
      } catch {}
      // A small file is done within the moment: the result then shows without a reload.
      await Promise.race([guarded, new Promise((r) => setTimeout(r, WAIT_FOR_IMPORT_MS))]);
    }
    return c.redirect(`/beheer/import/${upload.id}/voortgang`, 303);
  });

  app.get('/import/:id/voortgang', coco, async (c) => {
    const upload = await theUpload(c);
    if (upload.status === 'ready') return c.redirect(`/beheer/import/${upload.id}`, 303);
    if (upload.status === 'running' || !upload.outcome) {
      c.header('refresh', String(REFRESH_SECONDS));
      return page(
        c,
        ImportProgressPage({
          ...c.get('frame'),
          id: upload.id,
          fileName: upload.fileName,
          progress: upload.progress,
          refreshSeconds: REFRESH_SECONDS,
        }),
      );
    }
    const listName = (await listOptions()).find((l) => l.slug === upload.listSlug)?.name ?? upload.listSlug;
    return page(
      c,
      ImportResultPage({
        ...c.get('frame'),
        id: upload.id,
        fileName: upload.fileName,
        listName,
        outcome: upload.outcome,
      }),
    );
  });

  // --- Export

  const statuses = Object.entries(EXPORT_STATUS_LABEL).map(([value, label]) => ({
    value,
    label: label[0]!.toUpperCase() + label.slice(1),
  }));
  const exportPage = async (
    c: C,
    values: { list: string; status: string },
    errors: Errors,
    status: ContentfulStatusCode = 200,
  ) =>
    page(c, ExportPage({ ...c.get('frame'), lists: await listOptions(), statuses, values, errors }), status);

  app.get('/export', coco, (c) => exportPage(c, { list: c.req.query('list') ?? '', status: '' }, {}));

  app.get('/export/bestand', coco, async (c) => {
    const values = { list: c.req.query('list') ?? '', status: c.req.query('status') ?? '' };
    if (!values.list) return exportPage(c, values, { list: 'Kies de lijst die u wilt downloaden.' }, 400);
    let out: Awaited<ReturnType<typeof exportList>>;
    try {
      out = await exportList(deps, { listSlug: values.list, status: values.status || null });
    } catch (err) {
      const errors = fieldErrors(err);
      if (errors)
        return exportPage(c, values, errors.list ? { list: 'Kies een lijst uit de lijst.' } : errors, 400);
      throw err;
    }
    await accounts.logActivity(
      deps,
      accounts.actorOf(account(c)),
      'export',
      `${out.list.name}${values.status ? ` (${EXPORT_STATUS_LABEL[values.status as keyof typeof EXPORT_STATUS_LABEL] ?? values.status})` : ''}`,
    );
    return new Response(out.body, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${out.fileName}"`,
        'cache-control': 'no-store',
      },
    });
  });

  return app;
}
