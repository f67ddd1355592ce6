/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps } from '../../deps.js';
import { fieldsFromZod, notFound } from '../../errors.js';
import { actorOf, logActivity } from '../../modules/accounts/service.js';
import { listCounts } from '../../modules/overview/service.js';
import { createList, describeList, lists } from '../../modules/subscribers/admin.js';
import { ListCreate, ListPatch } from '../../modules/subscribers/schema.js';
import type { Errors } from './kit/field.js';
import { type AdminEnv, type C, coco, fieldErrors, frameWith, one, page, readForm } from './kit/http.js';
import { ListEditPage, ListsPage, type ListValues } from './pages/lists.js';

// GET  /beheer/lijsten           coco   every list with its counts, and the form to add one
// POST /beheer/lijsten           coco   add a list
// GET  /beheer/lijsten/:slug     coco   a list's name and description
// POST /beheer/lijsten/:slug     coco   change them

const FLASH: Record<string, string> = {
  toegevoegd: 'De lijst is toegevoegd.',
  opgeslagen: 'De lijst is opgeslagen.',
};

const EMPTY: ListValues = {
  name: '',
  slug: '',
  description: '',
  requiresApproval: false,
  requiresStadsdorp: false,
};

/** listPages serves the CoCo's pages about lists (the services behind /api/lists). */
export function listPages(deps: AppDeps) {
  const app = new Hono<AdminEnv>();
  const frame = (c: C) => frameWith(c, FLASH);

  const listsPage = async (c: C, values: ListValues, errors: Errors, status: ContentfulStatusCode = 200) => {
    const [all, counts] = await Promise.all([lists(deps), listCounts(deps)]);
    return page(c, ListsPage({ ...frame(c), lists: all, counts, values, errors }), status);
  };

  app.get('/', coco, (c) => listsPage(c, EMPTY, {}));

  app.post('/', coco, async (c) => {
    const form = await readForm(c);
    const values: ListValues = {
      name: one(form, 'name'),
      slug: one(form, 'slug'),
      description: one(form, 'description'),
      requiresApproval: one(form, 'requiresApproval') === 'ja',
      requiresStadsdorp: one(form, 'requiresStadsdorp') === 'ja',
    };
    const parsed = ListCreate.safeParse(values);
    if (!parsed.success) return listsPage(c, values, fieldsFromZod(parsed.error), 400);
    try {
      await createList(deps, parsed.data);
    } catch (err) {
      const errors = fieldErrors(err);
      if (errors?.slug === 'is al in gebruik')
        errors.slug = `Er is al een lijst met de korte naam ${parsed.data.slug}. Kies een andere.`;
      if (errors) return listsPage(c, values, errors, 400);
      throw err;
    }
    await logActivity(
      deps,
      actorOf(c.get('account')),
      'list-create',
      `${parsed.data.name} (${parsed.data.slug})`,
    );
    return c.redirect('/beheer/lijsten?melding=toegevoegd', 303);
  });

  const listOf = async (c: C) => {
    const slug = c.req.param('slug') ?? '';
    return (await lists(deps)).find((l) => l.slug === slug) ?? notFound(`De lijst "${slug}"`);
  };

  app.get('/:slug', coco, async (c) => {
    const list = await listOf(c);
    const values = { name: list.name, description: list.description };
    return page(c, ListEditPage({ ...frame(c), list, values, errors: {} }));
  });

  app.post('/:slug', coco, async (c) => {
    const list = await listOf(c);
    const form = await readForm(c);
    const values = { name: one(form, 'name'), description: one(form, 'description') };
    const parsed = ListPatch.safeParse(values);
    if (!parsed.success)
      return page(c, ListEditPage({ ...frame(c), list, values, errors: fieldsFromZod(parsed.error) }), 400);
    await describeList(deps, list.slug, parsed.data);
    const changed = [
      parsed.data.name !== list.name ? `naam "${list.name}" → "${parsed.data.name}"` : '',
      parsed.data.description !== list.description ? 'beschrijving' : '',
    ].filter(Boolean);
    if (changed.length > 0)
      await logActivity(
        deps,
        actorOf(c.get('account')),
        'list-change',
        `${list.slug}: ${changed.join(', ')}`,
      );
    return c.redirect(`/beheer/lijsten/${list.slug}?melding=opgeslagen`, 303);
  });

  return app;
}
