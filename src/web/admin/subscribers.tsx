/** @jsxImportSource hono/jsx */
// The CoCo's subscriber pages, mounted at /beheer/abonnees after the session middleware.
// GET  /                    the table: ?zoek=&lijst=&status=&stadsdorp=&bron=&na=<cursor>
// GET  /nieuw               add one person by hand (asks how they consented)
// POST /nieuw               add them; they get the welcome mail
// GET  /:id                 one person: lists, consent history, mails received, actions, edit form
// POST /:id                 save name, stadsdorp, statuses (refused when someone else changed the person since)
// POST /:id/goedkeuren      approve the board request
// POST /:id/afwijzen        reject it
// POST /:id/afmelden        unsubscribe from every list
// POST /:id/blokkeren       block the address for all mail (a reason is asked)
// POST /:id/deblokkeren     lift the block
// GET  /:id/gegevens        the person's data as JSON (AVG access)
// GET  /:id/wissen          confirm step: names what is lost, asks to type the address
// POST /:id/wissen          erase; the activity log keeps only the salted hash
// Every page is for the CoCo only; each action writes a line to the activity log.
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps } from '../../deps.js';
import { AppError, fieldsFromZod } from '../../errors.js';
import { normalizeEmail } from '../../kernel/email-address.js';
import * as accounts from '../../modules/accounts/service.js';
import { forgetCopiesOfPerson } from '../../modules/delivery/forget.js';
import { mailsReceivedBy } from '../../modules/delivery/service.js';
import { allStadsdorpen } from '../../modules/stadsdorpen/service.js';
import {
  addPerson,
  lists as allLists,
  blockAddress,
  decide,
  editSubscriber,
  eraseSubscriber,
  exportSubscriber,
  findSubscribers,
  liftBlock,
  subscriberDetail,
  unsubscribeAll,
} from '../../modules/subscribers/admin.js';
import { hashEmail } from '../../modules/subscribers/identity.js';
import {
  BlockReason,
  HandSetStatus,
  PersonAdd,
  SubscriberPatch,
  SubscriberQuery,
} from '../../modules/subscribers/schema.js';
import type { Errors } from './kit/field.js';
import {
  type AdminEnv,
  type C,
  coco,
  fieldErrors,
  frameWith,
  one,
  page,
  pathId,
  readForm,
} from './kit/http.js';
import {
  AddPage,
  type AddValues,
  DetailPage,
  type EditValues,
  EraseConfirmPage,
  editValuesOf,
  STATUS_LABEL,
  SubscribersPage,
  type TableFilters,
} from './pages/subscribers.js';

const PAGE_SIZE = 50;

const FLASH: Record<string, string> = {
  toegevoegd: 'De persoon is toegevoegd en krijgt een welkomstmail.',
  opgeslagen: 'De wijzigingen zijn opgeslagen.',
  goedgekeurd: 'De aanvraag is goedgekeurd. De persoon krijgt een welkomstmail.',
  afgewezen: 'De aanvraag is afgewezen.',
  afgemeld: 'De persoon is afgemeld voor alle lijsten.',
  geblokkeerd: 'Het adres is geblokkeerd: er gaat geen mail meer naartoe.',
  gedeblokkeerd: 'De blokkade is opgeheven.',
  gewist: 'De persoon is gewist. In de logboeken staat alleen nog een onleesbare code.',
};

// The table's query parameters are Dutch; the service's are the API's.
const QUERY_FIELD: Record<string, keyof TableFilters | 'na'> = {
  q: 'zoek',
  list: 'lijst',
  status: 'status',
  stadsdorp: 'stadsdorp',
  source: 'bron',
  after: 'na',
};

function renameFields(errors: Record<string, string>, names: Record<string, string>): Errors {
  const out: Errors = {};
  for (const [k, v] of Object.entries(errors)) out[names[k.split('.')[0]!] ?? k] = v;
  return out;
}

/** subscriberPages serves the CoCo's subscriber pages. */
export function subscriberPages(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.use('*', coco);

  const frame = (c: C) => frameWith(c, FLASH);
  const actor = (c: C) => accounts.actorOf(c.get('account'));
  const options = async () => ({
    lists: await allLists(deps),
    stadsdorpen: (await allStadsdorpen(deps)).map((s) => ({ slug: s.slug, name: s.name })),
  });

  // --- The table

  app.get('/', async (c) => {
    const filters: TableFilters = {
      zoek: c.req.query('zoek') ?? '',
      lijst: c.req.query('lijst') ?? '',
      status: c.req.query('status') ?? '',
      stadsdorp: c.req.query('stadsdorp') ?? '',
      bron: c.req.query('bron') ?? '',
    };
    const na = c.req.query('na') ?? '';
    const parsed = SubscriberQuery.safeParse({
      q: filters.zoek.trim() || undefined,
      list: filters.lijst || undefined,
      status: filters.status || undefined,
      stadsdorp: filters.stadsdorp || undefined,
      source: filters.bron || undefined,
      after: na || undefined,
      limit: PAGE_SIZE,
    });
    let errors: Errors = {};
    let found: Awaited<ReturnType<typeof findSubscribers>> = { items: [], nextCursor: null };
    // The form's choices are read while the search runs.
    const choices = options();
    if (!parsed.success) errors = renameFields(fieldsFromZod(parsed.error), QUERY_FIELD);
    else {
      try {
        found = await findSubscribers(deps, parsed.data);
      } catch (err) {
        const e = fieldErrors(err);
        if (!e) throw err;
        errors = renameFields(e, QUERY_FIELD);
      }
    }
    const status: ContentfulStatusCode = Object.keys(errors).length > 0 ? 400 : 200;
    return page(
      c,
      SubscribersPage({
        ...frame(c),
        ...(await choices),
        filters,
        errors,
        items: found.items,
        nextAfter: found.nextCursor ? Number(found.nextCursor) : null,
        paged: Boolean(na),
      }),
      status,
    );
  });

  // --- Adding one person by hand

  const addPage = async (c: C, values: AddValues, errors: Errors, status: ContentfulStatusCode = 200) =>
    page(c, AddPage({ ...frame(c), ...(await options()), values, errors }), status);

  app.get('/nieuw', (c) =>
    addPage(c, { email: '', name: '', stadsdorp: '', lists: [], consent: '', consentNote: '' }, {}),
  );

  app.post('/nieuw', async (c) => {
    const form = await readForm(c);
    const chosen = form.lists;
    const values: AddValues = {
      email: one(form, 'email'),
      name: one(form, 'name'),
      stadsdorp: one(form, 'stadsdorp'),
      lists: (Array.isArray(chosen) ? chosen : chosen === undefined ? [] : [chosen]).filter(
        (v): v is string => typeof v === 'string',
      ),
      consent: one(form, 'consent'),
      consentNote: one(form, 'consentNote'),
    };
    const parsed = PersonAdd.safeParse(values);
    if (!parsed.success) {
      const errors = fieldsFromZod(parsed.error);
      if (errors.email) errors.email = `${errors.email} Schrijf het zoals naam@voorbeeld.nl.`;
      return addPage(c, values, renameFields(errors, {}), 400);
    }
    try {
      const added = await addPerson(deps, c.get('principal'), parsed.data, {
        accountId: c.get('account').id,
      });
      await accounts.logActivity(deps, actor(c), 'subscriber-add', added.email);
      return c.redirect(`/beheer/abonnees/${added.id}?melding=toegevoegd`, 303);
    } catch (err) {
      const errors = fieldErrors(err);
      if (errors) return addPage(c, values, errors, 400);
      throw err;
    }
  });

  // --- One person

  const idOf = (c: C) => {
    const id = pathId(c.req.param('id'));
    if (!id) throw new AppError('not_found', 'Deze abonnee bestaat niet (meer).');
    return id;
  };

  const detailPage = async (
    c: C,
    id: number,
    opts: {
      values?: EditValues;
      errors?: Errors;
      version?: string;
      was?: EditValues;
      changed?: string[];
      blockError?: string;
      blockReason?: string;
    } = {},
    status: ContentfulStatusCode = 200,
  ) => {
    const detail = await subscriberDetail(deps, id);
    const current = editValuesOf(detail);
    return page(
      c,
      DetailPage({
        ...frame(c),
        ...(await options()),
        detail,
        mails: await mailsReceivedBy(deps, id),
        values: opts.values ?? current,
        errors: opts.errors ?? {},
        version: opts.version ?? detail.version,
        was: opts.was ?? current,
        changed: opts.changed,
        blockError: opts.blockError,
        blockReason: opts.blockReason,
      }),
      status,
    );
  };

  app.get('/:id', (c) => detailPage(c, idOf(c)));

  app.post('/:id', async (c) => {
    const id = idOf(c);
    const form = await readForm(c);
    const { lists } = await options();
    const valuesOf = (prefix: string, listPrefix: string): EditValues => ({
      name: one(form, `${prefix}name`),
      stadsdorp: one(form, `${prefix}stadsdorp`),
      statuses: Object.fromEntries(
        lists.map((l) => [l.slug, one(form, `${listPrefix}${l.slug}`)]).filter(([, v]) => v),
      ),
    });
    const values = valuesOf('', 'lijst-');
    const was = valuesOf('was.', 'was.lijst.');
    const version = one(form, 'versie');
    const before = await subscriberDetail(deps, id);
    const now = editValuesOf(before);
    // Only what the form changes against what it was opened with; a status that stays as it
    // was (bounced or complained included) is no change.
    const statusChanges = lists
      .filter((l) => values.statuses[l.slug] && values.statuses[l.slug] !== was.statuses[l.slug])
      .map((l) => ({ list: l.slug, status: values.statuses[l.slug]! }));
    const parsed = SubscriberPatch.safeParse({
      name: values.name,
      stadsdorp: values.stadsdorp,
      lists: statusChanges,
    });
    const badStatus = statusChanges.find((s) => !HandSetStatus.safeParse(s.status).success);
    if (!parsed.success || badStatus) {
      const errors = parsed.success ? {} : renameFields(fieldsFromZod(parsed.error), { lists: 'lijsten' });
      if (badStatus) errors.lijsten = 'Kies voor elke lijst een status uit de keuzelijst.';
      return detailPage(c, id, { values, errors, version, was }, 400);
    }
    try {
      const changed = await editSubscriber(deps, c.get('principal'), id, parsed.data, { version });
      await accounts.logActivity(deps, actor(c), 'subscriber-edit', changed.email);
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict') {
        return detailPage(c, id, { changed: whatChanged(was, now, lists, await options()) }, 409);
      }
      const errors = fieldErrors(err);
      if (errors)
        return detailPage(
          c,
          id,
          { values, errors: renameFields(errors, { lists: 'lijsten' }), version, was },
          400,
        );
      throw err;
    }
    return c.redirect(`/beheer/abonnees/${id}?melding=opgeslagen`, 303);
  });

  app.post('/:id/:besluit{goedkeuren|afwijzen}', async (c) => {
    const id = idOf(c);
    const approve = c.req.param('besluit') === 'goedkeuren';
    try {
      const person = await decide(deps, c.get('principal'), id, approve ? 'approve' : 'reject');
      await accounts.logActivity(deps, actor(c), approve ? 'approve' : 'reject', person.email);
    } catch (err) {
      const errors = fieldErrors(err);
      if (errors && !(err instanceof AppError && err.code === 'not_found'))
        return detailPage(c, id, { errors: renameFields(errors, {}) }, 400);
      throw err;
    }
    return c.redirect(`/beheer/abonnees/${id}?melding=${approve ? 'goedgekeurd' : 'afgewezen'}`, 303);
  });

  app.post('/:id/afmelden', async (c) => {
    const id = idOf(c);
    const { item } = await subscriberDetail(deps, id);
    try {
      const ended = await unsubscribeAll(deps, c.get('principal'), id);
      await accounts.logActivity(deps, actor(c), 'unsubscribe', `${item.email} (${ended.join(', ')})`);
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict')
        return detailPage(c, id, { errors: { _: err.message } }, 409);
      throw err;
    }
    return c.redirect(`/beheer/abonnees/${id}?melding=afgemeld`, 303);
  });

  app.post('/:id/blokkeren', async (c) => {
    const id = idOf(c);
    const form = await readForm(c);
    const typed = one(form, 'reden');
    const reason = BlockReason.safeParse(typed);
    if (!reason.success)
      return detailPage(
        c,
        id,
        { blockError: reason.error.issues[0]!.message, blockReason: typed, errors: {} },
        400,
      );
    const { item } = await subscriberDetail(deps, id);
    try {
      await blockAddress(deps, id, reason.data);
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict')
        return detailPage(c, id, { errors: { _: err.message } }, 409);
      throw err;
    }
    await accounts.logActivity(deps, actor(c), 'block', `${item.email} (${reason.data})`);
    return c.redirect(`/beheer/abonnees/${id}?melding=geblokkeerd`, 303);
  });

  app.post('/:id/deblokkeren', async (c) => {
    const id = idOf(c);
    const { item } = await subscriberDetail(deps, id);
    try {
      await liftBlock(deps, id);
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict')
        return detailPage(c, id, { errors: { _: err.message } }, 409);
      throw err;
    }
    await accounts.logActivity(deps, actor(c), 'unblock', item.email);
    return c.redirect(`/beheer/abonnees/${id}?melding=gedeblokkeerd`, 303);
  });

  app.get('/:id/gegevens', async (c) => {
    const id = idOf(c);
    const data = await exportSubscriber(deps, id);
    await accounts.logActivity(deps, actor(c), 'subscriber-export', data.subscriber.email);
    c.header('content-disposition', `attachment; filename="abonnee-${id}.json"`);
    c.header('cache-control', 'no-store');
    return c.json(data);
  });

  const erasePage = async (
    c: C,
    id: number,
    typed: string,
    error?: string,
    status: ContentfulStatusCode = 200,
  ) => {
    const detail = await subscriberDetail(deps, id);
    const mails = (await mailsReceivedBy(deps, id, 10_000)).length;
    return page(c, EraseConfirmPage({ ...frame(c), detail, mails, typed, error }), status);
  };

  app.get('/:id/wissen', (c) => erasePage(c, idOf(c), ''));

  app.post('/:id/wissen', async (c) => {
    const id = idOf(c);
    const typed = one(await readForm(c), 'bevestiging');
    const { item } = await subscriberDetail(deps, id);
    if (normalizeEmail(typed) !== item.email) {
      const error = typed.trim()
        ? `Dit is niet het adres van deze persoon. Typ precies ${item.email}.`
        : `Typ het e-mailadres ${item.email} om te bevestigen.`;
      return erasePage(c, id, typed, error, 400);
    }
    await eraseSubscriber(deps, c.get('principal'), id, forgetCopiesOfPerson);
    await accounts.logErase(deps, actor(c), item.email, hashEmail(deps.config.secretKey, item.email));
    return c.redirect('/beheer/abonnees?melding=gewist', 303);
  });

  return app;
}

/** whatChanged tells, in Dutch, what another person changed since the form was opened. */
function whatChanged(
  was: EditValues,
  now: EditValues,
  lists: { slug: string; name: string }[],
  names: { stadsdorpen: { slug: string; name: string }[] },
): string[] {
  const sd = (slug: string) => names.stadsdorpen.find((s) => s.slug === slug)?.name ?? 'geen stadsdorp';
  const st = (s: string | undefined) =>
    s ? STATUS_LABEL[s as keyof typeof STATUS_LABEL] : 'niet op de lijst';
  const out: string[] = [];
  if (was.name !== now.name)
    out.push(`Naam: was “${was.name || '(leeg)'}”, is nu “${now.name || '(leeg)'}”.`);
  if (was.stadsdorp !== now.stadsdorp)
    out.push(`Stadsdorp: was ${sd(was.stadsdorp)}, is nu ${sd(now.stadsdorp)}.`);
  for (const l of lists) {
    if ((was.statuses[l.slug] ?? '') !== (now.statuses[l.slug] ?? ''))
      out.push(
        `${l.name}: was ${st(was.statuses[l.slug]).toLowerCase()}, is nu ${st(now.statuses[l.slug]).toLowerCase()}.`,
      );
  }
  if (out.length === 0)
    out.push('Er is iets anders gewijzigd, zoals de blokkade of de toestemmingsgeschiedenis.');
  return out;
}
