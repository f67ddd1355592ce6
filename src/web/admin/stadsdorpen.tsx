/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps } from '../../deps.js';
import { fieldsFromZod } from '../../errors.js';
import { accounts, actorOf, logActivity } from '../../modules/accounts/service.js';
import { type Stadsdorp, StadsdorpCreate, StadsdorpPatch } from '../../modules/stadsdorpen/schema.js';
import {
  allStadsdorpen,
  createStadsdorp,
  editStadsdorp,
  getStadsdorp,
} from '../../modules/stadsdorpen/service.js';
import { findSubscribers } from '../../modules/subscribers/admin.js';
import type { SubscriberItem } from '../../modules/subscribers/schema.js';
import type { Errors } from './kit/field.js';
import { type AdminEnv, type C, coco, fieldErrors, frameWith, one, page, readForm } from './kit/http.js';
import { StadsdorpenPage, StadsdorpPage, type StadsdorpValues } from './pages/stadsdorpen.js';

// GET  /beheer/stadsdorpen          coco   every stadsdorp by gebied, with editors and board members; the add form
// POST /beheer/stadsdorpen          coco   add a stadsdorp (its slug made from the name)
// GET  /beheer/stadsdorpen/:slug    coco   one stadsdorp: its editors, its board members, the edit form
// POST /beheer/stadsdorpen/:slug    coco   change name, gebied, website
// (/beheer/stadsdorpen/:slug/profiel and /logo are in routes.tsx: the editor of :slug reaches those too.)

const FLASH: Record<string, string> = {
  toegevoegd: 'Het stadsdorp is toegevoegd.',
  opgeslagen: 'De gegevens van het stadsdorp zijn opgeslagen.',
};

const BOARD_LIST = 'besturen';
const BOARD_STATUSES = new Set(['confirmed', 'pending_approval']);

/** stadsdorpPages serves the CoCo's pages about stadsdorpen (the services behind /api/stadsdorpen). */
export function stadsdorpPages(deps: AppDeps) {
  const app = new Hono<AdminEnv>();
  const frame = (c: C) => frameWith(c, FLASH);

  // Everyone on the besturen list who is a board member (confirmed) or asked to be (waiting),
  // walked in keyset pages: about 150 people.
  const boardMembers = async (): Promise<SubscriberItem[]> => {
    const all: SubscriberItem[] = [];
    let after: number | undefined;
    for (;;) {
      const page = await findSubscribers(deps, { list: BOARD_LIST, limit: 500, after });
      all.push(
        ...page.items.filter((p) =>
          p.subscriptions.some((s) => s.list === BOARD_LIST && BOARD_STATUSES.has(s.status)),
        ),
      );
      if (!page.nextCursor) return all;
      after = Number(page.nextCursor);
    }
  };
  const editorsOf = async (s?: Stadsdorp) =>
    (await accounts(deps)).filter((a) => a.role === 'stadsdorp' && (!s || a.stadsdorpId === s.id));

  const listPage = async (
    c: C,
    values: StadsdorpValues,
    errors: Errors,
    status: ContentfulStatusCode = 200,
  ) => {
    const [stadsdorpen, editors, board] = await Promise.all([
      allStadsdorpen(deps),
      editorsOf(),
      boardMembers(),
    ]);
    const bySlug = new Map(stadsdorpen.map((s) => [s.slug, s.id]));
    const boardCounts = new Map<number, number>();
    for (const p of board) {
      const id = p.stadsdorp ? bySlug.get(p.stadsdorp.slug) : undefined;
      if (id !== undefined) boardCounts.set(id, (boardCounts.get(id) ?? 0) + 1);
    }
    return page(
      c,
      StadsdorpenPage({
        ...frame(c),
        stadsdorpen,
        editors: editors.filter((a) => !a.disabledAt),
        boardCounts,
        values,
        errors,
      }),
      status,
    );
  };

  const formValues = async (c: C): Promise<StadsdorpValues> => {
    const form = await readForm(c);
    return { name: one(form, 'name'), gebied: one(form, 'gebied'), website: one(form, 'website').trim() };
  };

  app.get('/', coco, (c) => listPage(c, { name: '', gebied: '', website: '' }, {}));

  app.post('/', coco, async (c) => {
    const values = await formValues(c);
    const parsed = StadsdorpCreate.safeParse(values);
    if (!parsed.success) return listPage(c, values, fieldsFromZod(parsed.error), 400);
    let made: Stadsdorp;
    try {
      made = await createStadsdorp(deps, parsed.data);
    } catch (err) {
      const errors = fieldErrors(err);
      if (errors) return listPage(c, values, errors, 400);
      throw err;
    }
    await logActivity(deps, actorOf(c.get('account')), 'stadsdorp-create', `${made.name} (${made.gebied})`);
    return c.redirect(`/beheer/stadsdorpen/${made.slug}?melding=toegevoegd`, 303);
  });

  const detailPage = async (
    c: C,
    s: Stadsdorp,
    values: StadsdorpValues,
    errors: Errors,
    status: ContentfulStatusCode = 200,
  ) => {
    const [editors, board] = await Promise.all([editorsOf(s), boardMembers()]);
    return page(
      c,
      StadsdorpPage({
        ...frame(c),
        stadsdorp: s,
        editors,
        board: board.filter((p) => p.stadsdorp?.slug === s.slug),
        values,
        errors,
      }),
      status,
    );
  };

  app.get('/:slug', coco, async (c) => {
    const s = await getStadsdorp(deps, c.req.param('slug'));
    return detailPage(c, s, { name: s.name, gebied: s.gebied, website: s.website ?? '' }, {});
  });

  app.post('/:slug', coco, async (c) => {
    const s = await getStadsdorp(deps, c.req.param('slug'));
    const values = await formValues(c);
    const parsed = StadsdorpPatch.safeParse(values);
    if (!parsed.success) return detailPage(c, s, values, fieldsFromZod(parsed.error), 400);
    const changed = await editStadsdorp(deps, s.slug, parsed.data);
    const what = [
      changed.name !== s.name ? `naam "${s.name}" → "${changed.name}"` : '',
      changed.gebied !== s.gebied ? `gebied ${s.gebied} → ${changed.gebied}` : '',
      changed.website !== s.website ? `website ${changed.website ?? '(geen)'}` : '',
    ].filter(Boolean);
    if (what.length > 0)
      await logActivity(
        deps,
        actorOf(c.get('account')),
        'stadsdorp-change',
        `${changed.name}: ${what.join(', ')}`,
      );
    return c.redirect(`/beheer/stadsdorpen/${changed.slug}?melding=opgeslagen`, 303);
  });

  return app;
}
