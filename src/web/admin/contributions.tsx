/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps } from '../../deps.js';
import { AppError, statusOf } from '../../errors.js';
import { limitBody } from '../../http.js';
import { actorOf, logActivity } from '../../modules/accounts/service.js';
import type { AgendaEntry } from '../../modules/contributions/schema.js';
import {
  contributionFor,
  contributionsOf,
  declineContribution,
  draftNieuwsbrieven,
  type PhotoUpload,
  submitAgenda,
  submitNews,
  takeIntoCampaign,
  waitingContributions,
} from '../../modules/contributions/service.js';
import { PHOTO_LIMITS } from '../../modules/photos/service.js';
import { allStadsdorpen } from '../../modules/stadsdorpen/service.js';
import type { Errors } from './kit/field.js';
import {
  type AdminEnv,
  type C,
  coco,
  fieldErrors,
  frameWith,
  one,
  oneFile,
  page,
  pathId,
  readForm,
} from './kit/http.js';
import {
  type AgendaValues,
  CocoContributionsPage,
  ContributionPage,
  DeclinePage,
  EditorContributionsPage,
  type NewsValues,
} from './pages/contributions.js';

// GET  /beheer/bijdragen                  editor: their stadsdorp's items and the two forms; CoCo: the waiting items
// POST /beheer/bijdragen/nieuws           editor  send in a news item (multipart, with an optional photo)
// POST /beheer/bijdragen/agenda           editor  send in an agenda item
// GET  /beheer/bijdragen/:id              one item: the CoCo any, an editor their own stadsdorp's (else 404)
// GET  /beheer/bijdragen/:id/afwijzen     coco    the reason form
// POST /beheer/bijdragen/:id/afwijzen     coco    decline; the reason is mailed to the editor
// POST /beheer/bijdragen/:id/overnemen    coco    campagne=ID [terug=/beheer/campagnes/ID]: take into a draft

const FLASH: Record<string, string> = {
  nieuws: 'Uw nieuwsbericht is ingestuurd. De CoCo bekijkt het voor de volgende Nieuwsbrief.',
  agenda: 'Uw agendapunt is ingestuurd. De CoCo bekijkt het voor de volgende Nieuwsbrief.',
  overgenomen: 'De bijdrage is overgenomen in de Nieuwsbrief. Pas hem daar zo nodig aan.',
  afgewezen: 'De bijdrage is afgewezen. De redacteur krijgt de reden per mail.',
};

const NO_NEWS: NewsValues = { titel: '', tekst: '', link: '', alt: '' };
const NO_AGENDA: AgendaValues = { datum: '', tijd: '', 'agenda-titel': '', plaats: '', 'agenda-link': '' };

// The services name the campaign schema's fields; the forms have their own (two forms, one page).
const NEWS_FIELD: Record<string, string> = {
  title: 'titel',
  body: 'tekst',
  link: 'link',
  alt: 'alt',
  foto: 'foto',
};
const AGENDA_FIELD: Record<string, string> = {
  date: 'datum',
  time: 'tijd',
  title: 'agenda-titel',
  place: 'plaats',
  link: 'agenda-link',
};

function renamed(errors: Errors, names: Record<string, string>): Errors {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [names[k] ?? k, v]));
}

/** safeBack is where a take returns to: the composer of a campaign, or the contributions page. */
function safeBack(value: string): string {
  return /^\/beheer\/campagnes\/[0-9]{1,15}$/.test(value) ? value : '/beheer/bijdragen';
}

const optional = (s: string) => (s.trim() === '' ? undefined : s.trim());

/** contributionPages serves /beheer/bijdragen: the stadsdorpen's contributions for the Nieuwsbrief. */
export function contributionPages(deps: AppDeps) {
  const app = new Hono<AdminEnv>();
  const frame = (c: C) => frameWith(c, FLASH);

  const editorOnly = (c: C) => {
    if (c.get('account').role !== 'stadsdorp')
      throw new AppError('forbidden', 'Alleen een redacteur van een stadsdorp stuurt hier iets in.');
  };

  const editorPage = async (
    c: C,
    forms: { news?: NewsValues; newsErrors?: Errors; agenda?: AgendaValues; agendaErrors?: Errors } = {},
    status: ContentfulStatusCode = 200,
  ) => {
    const account = c.get('account');
    const stadsdorp = (await allStadsdorpen(deps)).find((s) => s.id === account.stadsdorpId);
    if (!stadsdorp) throw new AppError('not_found', 'Uw stadsdorp bestaat niet meer. Vraag de CoCo om hulp.');
    return page(
      c,
      EditorContributionsPage({
        ...frame(c),
        stadsdorpName: stadsdorp.name,
        items: await contributionsOf(deps, account),
        news: forms.news ?? NO_NEWS,
        newsErrors: forms.newsErrors ?? {},
        agenda: forms.agenda ?? NO_AGENDA,
        agendaErrors: forms.agendaErrors ?? {},
      }),
      status,
    );
  };

  app.get('/', async (c) => {
    if (c.get('account').role !== 'coco') return editorPage(c);
    const [items, drafts] = await Promise.all([waitingContributions(deps), draftNieuwsbrieven(deps)]);
    return page(c, CocoContributionsPage({ ...frame(c), items, drafts }));
  });

  // A photo comes with the form: the body may be as large as a photo, plus the text.
  app.post('/nieuws', limitBody(PHOTO_LIMITS.maxBytes + 256 * 1024), async (c) => {
    editorOnly(c);
    const form = await readForm(c);
    const news: NewsValues = {
      titel: one(form, 'titel'),
      tekst: one(form, 'tekst'),
      link: one(form, 'link'),
      alt: one(form, 'alt'),
    };
    const file = oneFile(form, 'foto');
    const photo: PhotoUpload | undefined = file
      ? { bytes: new Uint8Array(await file.arrayBuffer()), alt: news.alt }
      : undefined;
    try {
      await submitNews(
        deps,
        c.get('account'),
        { title: news.titel, body: news.tekst, link: optional(news.link) },
        photo,
      );
    } catch (err) {
      if (
        err instanceof AppError &&
        (err.code === 'unsupported_media_type' || err.code === 'payload_too_large')
      )
        return editorPage(c, { news, newsErrors: { foto: err.message } }, statusOf[err.code]);
      const errors = fieldErrors(err);
      if (errors) return editorPage(c, { news, newsErrors: renamed(errors, NEWS_FIELD) }, 400);
      throw err;
    }
    await logActivity(deps, actorOf(c.get('account')), 'contribution-submit', news.titel);
    return c.redirect('/beheer/bijdragen?melding=nieuws', 303);
  });

  app.post('/agenda', async (c) => {
    editorOnly(c);
    const form = await readForm(c);
    const agenda: AgendaValues = {
      datum: one(form, 'datum'),
      tijd: one(form, 'tijd'),
      'agenda-titel': one(form, 'agenda-titel'),
      plaats: one(form, 'plaats'),
      'agenda-link': one(form, 'agenda-link'),
    };
    const input: AgendaEntry = {
      date: agenda.datum.trim(),
      time: optional(agenda.tijd),
      title: agenda['agenda-titel'],
      place: optional(agenda.plaats),
      link: optional(agenda['agenda-link']),
    };
    try {
      await submitAgenda(deps, c.get('account'), input);
    } catch (err) {
      const errors = fieldErrors(err);
      if (errors) return editorPage(c, { agenda, agendaErrors: renamed(errors, AGENDA_FIELD) }, 400);
      throw err;
    }
    await logActivity(deps, actorOf(c.get('account')), 'contribution-submit', agenda['agenda-titel']);
    return c.redirect('/beheer/bijdragen?melding=agenda', 303);
  });

  const itemOf = (c: C) => contributionFor(deps, c.get('account'), pathId(c.req.param('id')));

  app.get('/:id', async (c) =>
    page(c, ContributionPage({ ...frame(c), c: await itemOf(c), coco: c.get('account').role === 'coco' })),
  );

  app.get('/:id/afwijzen', coco, async (c) =>
    page(c, DeclinePage({ ...frame(c), c: await itemOf(c), reason: '', errors: {} })),
  );

  app.post('/:id/afwijzen', coco, async (c) => {
    const item = await itemOf(c);
    const reason = one(await readForm(c), 'reden');
    const account = c.get('account');
    try {
      await declineContribution(deps, item.id, reason, account.name);
    } catch (err) {
      // Taken or declined meanwhile: the error page says so (409), no form to fill again.
      const errors = err instanceof AppError && err.code === 'validation' ? fieldErrors(err) : undefined;
      if (errors) return page(c, DeclinePage({ ...frame(c), c: item, reason, errors }), 400);
      throw err;
    }
    await logActivity(
      deps,
      actorOf(account),
      'contribution-decline',
      `${item.item.title} (${item.stadsdorpName})`,
    );
    return c.redirect('/beheer/bijdragen?melding=afgewezen', 303);
  });

  app.post('/:id/overnemen', coco, async (c) => {
    const item = await itemOf(c);
    const form = await readForm(c);
    const campaignId = pathId(one(form, 'campagne'));
    if (!campaignId) throw new AppError('not_found', 'Kies de Nieuwsbrief waarin u de bijdrage overneemt.');
    const account = c.get('account');
    await takeIntoCampaign(deps, item.id, campaignId, account.name);
    await logActivity(
      deps,
      actorOf(account),
      'contribution-take',
      `${item.item.title} (${item.stadsdorpName})`,
    );
    return c.redirect(`${safeBack(one(form, 'terug'))}?melding=overgenomen`, 303);
  });

  return app;
}
