/** @jsxImportSource hono/jsx */
// The CoCo's MJML layouts in beheer. Mounted at /beheer/layouts by routes.tsx.
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import * as accounts from '../../modules/accounts/service.js';
import { previewLayout } from '../../modules/campaigns/layout-preview.js';
import {
  getLayout,
  listLayouts,
  putLayout,
  removeLayout,
  validateLayout,
} from '../../modules/campaigns/layouts.js';
import { cspFor } from '../csp.js';
import type { Errors } from './kit/field.js';
import { type AdminEnv, type C, coco, one, oneFile, page, readForm } from './kit/http.js';
import { LayoutDeletePage, LayoutPage, LayoutsPage, type UploadValues } from './pages/layouts.js';

// GET  /beheer/layouts                       the layouts and the upload form                        coco
// POST /beheer/layouts                       upload (a file or pasted MJML); errors by line, nothing stored until it passes
// GET  /beheer/layouts/:name                 one layout: preview at desktop width and at 375 px, slots, MJML
// GET  /beheer/layouts/:name/voorbeeld       the preview document (CSP area 'preview', framed sandboxed)
// GET  /beheer/layouts/:name/verwijderen     confirm step (uploads only)
// POST /beheer/layouts/:name/verwijderen     delete the upload; the service refuses one still in use

const NAME = /^[a-z0-9][a-z0-9-]{0,59}$/;

const FLASH: Record<string, string> = {
  opgeslagen: 'De layout is gecontroleerd en opgeslagen.',
  verwijderd: 'De layout is verwijderd.',
};

/** layoutPages serves the CoCo's layout pages. */
export function layoutPages(deps: AppDeps) {
  const app = new Hono<AdminEnv>();
  const frameWith = (c: C) => ({ ...c.get('frame'), flash: FLASH[c.req.query('melding') ?? ''] ?? null });

  const listPage = async (
    c: C,
    values: UploadValues,
    errors: Errors,
    issues: string[],
    status: ContentfulStatusCode = 200,
  ) =>
    page(
      c,
      LayoutsPage({ ...frameWith(c), layouts: await listLayouts(deps), values, errors, issues }),
      status,
    );

  app.get('/', coco, (c) => listPage(c, { name: '', mjml: '' }, {}, []));

  app.post('/', coco, async (c) => {
    const form = await readForm(c);
    const file = oneFile(form, 'file');
    const fromFile = file ? await file.text() : '';
    const values = { name: one(form, 'name').trim().toLowerCase(), mjml: fromFile || one(form, 'mjml') };
    const errors: Errors = {};
    if (!NAME.test(values.name))
      errors.name = 'Vul een naam in van kleine letters, cijfers en streepjes, zoals kerst-2026.';
    if (!values.mjml.trim()) errors.mjml = 'Kies een MJML-bestand of plak de MJML.';
    if (Object.keys(errors).length) return listPage(c, values, errors, [], 400);
    try {
      await putLayout(deps, values.name, values.mjml, deps.now());
    } catch (err) {
      if (err instanceof AppError && (err.code === 'validation' || err.code === 'payload_too_large')) {
        // Each of mjml's findings is a field "mjml.N" with its line; the summary links to the text.
        const issues = Object.entries(err.fields ?? {})
          .filter(([k]) => k.startsWith('mjml.'))
          .map(([, v]) => v[0]!.toUpperCase() + v.slice(1));
        const message = issues.length
          ? `De MJML heeft ${issues.length === 1 ? 'een fout' : `${issues.length} fouten`}; zie hieronder.`
          : err.message;
        return listPage(c, values, { mjml: message }, issues, 400);
      }
      throw err;
    }
    await accounts.logActivity(deps, accounts.actorOf(c.get('account')), 'layout-upload', values.name);
    return c.redirect(`/beheer/layouts/${values.name}?melding=opgeslagen`, 303);
  });

  const layoutOf = (c: C) =>
    getLayout(deps, NAME.test(c.req.param('name') ?? '') ? c.req.param('name')! : '-');

  app.get('/:name', coco, async (c) => {
    const layout = await layoutOf(c);
    let warnings: string[] = [];
    try {
      warnings = (await validateLayout(deps.runtime.mjml, layout.mjml)).warnings;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      warnings = [`Deze layout voldoet niet (meer) aan de regels: ${err.message}`];
    }
    return page(c, LayoutPage({ ...frameWith(c), layout, warnings, canDelete: layout.origin !== 'builtin' }));
  });

  app.get('/:name/voorbeeld', coco, async (c) => {
    const layout = await layoutOf(c);
    let html: string;
    try {
      html = (await previewLayout(deps, layout.name)).html;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      html = `<!doctype html><html lang="nl"><meta charset="utf-8"><title>Geen voorbeeld</title><p style="font-family:sans-serif">Geen voorbeeld: ${err.message.replace(/[&<>"]/g, '')}</p></html>`;
    }
    return c.html(html, 200, { 'content-security-policy': cspFor('preview') });
  });

  app.get('/:name/verwijderen', coco, async (c) => {
    const layout = await layoutOf(c);
    if (layout.origin === 'builtin')
      throw new AppError('conflict', `Layout "${layout.name}" is ingebouwd en kan niet worden verwijderd.`);
    return page(c, LayoutDeletePage({ ...c.get('frame'), layout }));
  });

  app.post('/:name/verwijderen', coco, async (c) => {
    const layout = await layoutOf(c);
    await removeLayout(deps, layout.name);
    await accounts.logActivity(deps, accounts.actorOf(c.get('account')), 'layout-delete', layout.name);
    return c.redirect('/beheer/layouts?melding=verwijderd', 303);
  });

  return app;
}
