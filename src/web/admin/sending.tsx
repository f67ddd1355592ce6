/** @jsxImportSource hono/jsx */
// Sending a campaign, for the CoCo: the checklist and test mail, send now or schedule (in
// Amsterdam time) after a confirm step, and the progress of a send. Mounted at /beheer by
// routes.tsx; the composer (campaigns.tsx) links here.
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { amsterdamParts, fromAmsterdam } from '../../kernel/amsterdam-time.js';
import * as accounts from '../../modules/accounts/service.js';
import { listLayouts } from '../../modules/campaigns/layouts.js';
import { webVersionUrl } from '../../modules/campaigns/render.js';
import { getCampaign } from '../../modules/campaigns/repo.js';
import {
  addTestAddress,
  audienceOf,
  checklist,
  removeTestAddress,
  sendTestToSaved,
  setArchivePublic,
  setAudienceFilter,
  testAddresses,
} from '../../modules/campaigns/sending.js';
import { updateCampaign } from '../../modules/campaigns/service.js';
import { deliveryCounts } from '../../modules/delivery/counts-repo.js';
import {
  cancelCampaign,
  pauseCampaign,
  rescheduleCampaign,
  resumeCampaign,
  sendCampaign,
} from '../../modules/delivery/service.js';
import { Gebied } from '../../modules/stadsdorpen/schema.js';
import { allStadsdorpen } from '../../modules/stadsdorpen/service.js';
import type { Errors } from './kit/field.js';
import {
  type AdminEnv,
  type C,
  coco,
  type Form,
  fieldErrors,
  one,
  page,
  pathId,
  readForm,
} from './kit/http.js';
import { dutchDateTime } from './kit/parts.js';
import {
  CancelConfirmPage,
  type ConfirmAction,
  ProgressPage,
  progressOf,
  progressText,
  SendConfirmPage,
  SendPage,
  STATUS_WORD,
} from './pages/sending.js';

// GET  /beheer/campagnes/:id/versturen                   checklist, test addresses, choice of besturen, send or schedule   coco
// POST /beheer/campagnes/:id/testadressen                save a test address
// POST /beheer/campagnes/:id/testadressen/verwijderen    forget one
// POST /beheer/campagnes/:id/testmail                    a [TEST] mail to the saved addresses
// POST /beheer/campagnes/:id/ontvangers                  a Netwerkmail's choice of gebieden and stadsdorpen
// POST /beheer/campagnes/:id/opmaak                      the built-in look or an MJML layout
// GET  /beheer/campagnes/:id/bevestigen                  confirm step (?actie=nu|inplannen|verzetten&datum=&tijd=): how many, which lists, when
// POST /beheer/campagnes/:id/bevestigen                  send now, schedule or move → progress or the send page
// POST /beheer/campagnes/:id/uitplannen                  a scheduled campaign back to draft
// GET  /beheer/campagnes/:id/voortgang                   progress (bar, counts), then the outcome and the archive link
// GET  /beheer/campagnes/:id/voortgang.json              the same counts for the page's script
// POST /beheer/campagnes/:id/pauzeren | hervatten        pause or resume a send
// GET  /beheer/campagnes/:id/annuleren                   confirm step
// POST /beheer/campagnes/:id/annuleren                   cancel a send
// POST /beheer/campagnes/:id/archief                     public in the archief or not (openbaar=ja|nee)
// GET  /beheer/static/voortgang.js                       polls voortgang.json and updates the page

/** POLL_SECONDS: how often the progress page asks for new counts. */
const POLL_SECONDS = 3;

const FLASH: Record<string, string> = {
  'testadres-opgeslagen': 'Het testadres is opgeslagen.',
  'testadres-verwijderd': 'Het testadres is verwijderd.',
  'testmail-verstuurd': 'De testmail is verstuurd. Bekijk hem in uw mailbox voordat u verstuurt.',
  'ontvangers-opgeslagen': 'De keuze van de besturen is opgeslagen.',
  'opmaak-opgeslagen': 'De opmaak is opgeslagen. Stuur een nieuwe testmail om hem te bekijken.',
  ingepland: 'De campagne is ingepland.',
  verzet: 'De campagne is verzet naar het nieuwe moment.',
  uitgepland: 'De campagne is niet meer ingepland; het is weer een concept.',
  gestart: 'Het versturen is begonnen.',
  gepauzeerd: 'Het versturen is gepauzeerd. Mails die al onderweg waren, gaan nog weg.',
  hervat: 'Het versturen gaat weer verder.',
  geannuleerd: 'Het versturen is geannuleerd.',
  openbaar: 'De Nieuwsbrief staat nu in het openbare archief.',
  'niet-openbaar': 'De Nieuwsbrief staat niet meer in het openbare archief.',
};

// Polls the JSON of the progress page and writes its numbers into the page; a change of
// status (paused, sent, cancelled) reloads the page for its buttons and outcome.
const PROGRESS_SCRIPT = `(function () {
  var box = document.querySelector('[data-voortgang]');
  if (!box) return;
  var status = box.getAttribute('data-status');
  if (status !== 'sending' && status !== 'paused') return;
  var url = box.getAttribute('data-voortgang');
  var every = Number(box.getAttribute('data-seconden')) * 1000 || 3000;
  var fmt = new Intl.NumberFormat('nl-NL');
  var bar = document.getElementById('voortgang');
  function poll() {
    fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (p) {
        if (!p) return;
        if (p.status !== status) { location.reload(); return; }
        bar.max = Math.max(1, p.total);
        bar.value = p.done;
        bar.textContent = p.percent + '%';
        document.querySelectorAll('[data-teller]').forEach(function (el) {
          var k = el.getAttribute('data-teller');
          if (k === 'text') el.textContent = p.text;
          else if (typeof p[k] === 'number') el.textContent = fmt.format(p[k]);
        });
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, every); });
  }
  setTimeout(poll, every);
})();
`;

/** sendingPages serves the send page, its confirm step and the progress of a send, for the CoCo. */
export function sendingPages(deps: AppDeps) {
  const app = new Hono<AdminEnv>();

  app.get('/static/voortgang.js', (c) =>
    c.body(PROGRESS_SCRIPT, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'private, max-age=3600',
    }),
  );

  const campaignOf = (c: C) => getCampaign(deps.db, pathId(c.req.param('id')));
  const actor = (c: C) => accounts.actorOf(c.get('account'));
  const back = (id: number, melding: string, anchor = '') =>
    `/beheer/campagnes/${id}/versturen?melding=${melding}${anchor}`;
  const frameWith = (c: C) => ({ ...c.get('frame'), flash: FLASH[c.req.query('melding') ?? ''] ?? null });

  /** A moment a week from now at 09:00 Amsterdam time: the form's first suggestion. */
  const suggestedMoment = () => {
    const { date } = amsterdamParts(new Date(deps.now().getTime() + 7 * 86_400_000));
    return { date, time: '09:00' };
  };

  const sendPage = async (
    c: C,
    opts: { testAddress?: string; moment?: { date: string; time: string }; errors?: Errors } = {},
    status: ContentfulStatusCode = 200,
  ) => {
    const campaign = await campaignOf(c);
    if (!['draft', 'scheduled'].includes(campaign.status))
      return c.redirect(`/beheer/campagnes/${campaign.id}/voortgang`, 303);
    const scheduledMoment = campaign.scheduledAt ? amsterdamParts(new Date(campaign.scheduledAt)) : null;
    return page(
      c,
      SendPage({
        ...frameWith(c),
        campaign,
        checklist: await checklist(deps, campaign.id),
        audience: await audienceOf(deps, campaign.id),
        testAddresses: await testAddresses(deps),
        testAddress: opts.testAddress ?? '',
        gebieden: Gebied.options,
        stadsdorpen: campaign.kind === 'netwerkmail' ? await allStadsdorpen(deps) : [],
        layouts: (await listLayouts(deps)).map((l) => l.name),
        moment: opts.moment ?? scheduledMoment ?? suggestedMoment(),
        now: deps.now(),
        errors: opts.errors ?? {},
      }),
      status,
    );
  };

  app.get('/campagnes/:id/versturen', coco, (c) => sendPage(c));

  // --- Test addresses and the test mail

  app.post('/campagnes/:id/testadressen', coco, async (c) => {
    const campaign = await campaignOf(c);
    const testAddress = one(await readForm(c), 'testAddress');
    try {
      await addTestAddress(deps, testAddress);
    } catch (err) {
      const errors = fieldErrors(err);
      if (errors) return sendPage(c, { testAddress, errors }, 400);
      throw err;
    }
    return c.redirect(back(campaign.id, 'testadres-opgeslagen', '#testmail'), 303);
  });

  app.post('/campagnes/:id/testadressen/verwijderen', coco, async (c) => {
    const campaign = await campaignOf(c);
    await removeTestAddress(deps, one(await readForm(c), 'email'));
    return c.redirect(back(campaign.id, 'testadres-verwijderd', '#testmail'), 303);
  });

  app.post('/campagnes/:id/testmail', coco, async (c) => {
    const campaign = await campaignOf(c);
    try {
      await sendTestToSaved(deps, campaign.id);
    } catch (err) {
      const errors = fieldErrors(err);
      if (errors) return sendPage(c, { errors }, 400);
      if (err instanceof AppError && err.code === 'unavailable')
        return sendPage(c, { errors: { _: err.message } }, 503);
      throw err;
    }
    return c.redirect(back(campaign.id, 'testmail-verstuurd', '#testmail'), 303);
  });

  // --- A Netwerkmail's choice of besturen

  const many = (form: Form, key: string) =>
    ([] as unknown[]).concat(form[key] ?? []).filter((v): v is string => typeof v === 'string');

  app.post('/campagnes/:id/ontvangers', coco, async (c) => {
    const campaign = await campaignOf(c);
    const form = await readForm(c);
    try {
      await setAudienceFilter(deps, campaign.id, {
        gebieden: many(form, 'gebied'),
        stadsdorpen: many(form, 'stadsdorp'),
      });
    } catch (err) {
      const errors = fieldErrors(err);
      if (errors) return sendPage(c, { errors }, 400);
      throw err;
    }
    return c.redirect(back(campaign.id, 'ontvangers-opgeslagen', '#ontvangers'), 303);
  });

  // --- The look: built in, or an MJML layout

  app.post('/campagnes/:id/opmaak', coco, async (c) => {
    const campaign = await campaignOf(c);
    const layout = one(await readForm(c), 'layout').trim();
    try {
      await updateCampaign(deps, campaign.id, { layout: layout || null });
    } catch (err) {
      const errors = fieldErrors(err);
      if (errors) return sendPage(c, { errors }, 400);
      throw err;
    }
    return c.redirect(back(campaign.id, 'opmaak-opgeslagen', '#opmaak'), 303);
  });

  // --- Send now, schedule, move: a confirm step first

  /** readAction reads what the confirm step is about; a moment typed on Amsterdam's clock becomes UTC. */
  const readAction = (raw: {
    actie: string;
    datum: string;
    tijd: string;
  }): { action: ConfirmAction; moment: Date | null; note?: string } | { errors: Errors } => {
    const action = (['nu', 'inplannen', 'verzetten'] as const).find((a) => a === raw.actie);
    if (!action) return { errors: { _: 'Kies of u nu wilt versturen of wilt inplannen.' } };
    if (action === 'nu') return { action, moment: null };
    const read = fromAmsterdam(raw.datum, raw.tijd);
    if (!read.ok) {
      const message =
        read.reason === 'gap'
          ? `Om ${raw.tijd} op deze dag gaat de klok een uur vooruit (zomertijd): die tijd bestaat niet. Kies bijvoorbeeld een uur later.`
          : 'Vul een datum en een tijd in, zoals 10-12-2026 en 09:00.';
      return { errors: { datum: message } };
    }
    if (read.moment.getTime() <= deps.now().getTime())
      return { errors: { datum: 'Dit moment is al voorbij. Kies een moment in de toekomst.' } };
    const note = read.ambiguous
      ? `Op deze dag gaat de klok terug naar wintertijd en komt ${raw.tijd} twee keer voor; de campagne gaat de eerste keer (nog zomertijd).`
      : undefined;
    return { action, moment: read.moment, note };
  };

  app.get('/campagnes/:id/bevestigen', coco, async (c) => {
    const campaign = await campaignOf(c);
    if (!['draft', 'scheduled'].includes(campaign.status))
      return c.redirect(`/beheer/campagnes/${campaign.id}/voortgang`, 303);
    const raw = {
      actie: c.req.query('actie') ?? '',
      datum: c.req.query('datum') ?? '',
      tijd: c.req.query('tijd') ?? '',
    };
    const moment = { date: raw.datum, time: raw.tijd };
    const read = readAction(raw);
    if ('errors' in read) return sendPage(c, { moment, errors: read.errors }, 400);
    const list = await checklist(deps, campaign.id);
    if (!list.ready)
      return sendPage(c, { moment, errors: { _: 'Maak eerst alle punten van de controle in orde.' } }, 409);
    if (read.action === 'verzetten' && campaign.status !== 'scheduled')
      return c.redirect(
        `/beheer/campagnes/${campaign.id}/bevestigen?actie=inplannen&datum=${raw.datum}&tijd=${raw.tijd}`,
        303,
      );
    return page(
      c,
      SendConfirmPage({
        ...c.get('frame'),
        campaign,
        audience: await audienceOf(deps, campaign.id),
        action: read.action,
        moment: read.moment,
        now: deps.now(),
        note: read.note,
      }),
    );
  });

  app.post('/campagnes/:id/bevestigen', coco, async (c) => {
    const campaign = await campaignOf(c);
    const form = await readForm(c);
    const action = one(form, 'actie');
    // The checklist holds at the moment of sending too, not only when the confirm step showed.
    if (!(await checklist(deps, campaign.id)).ready)
      return sendPage(c, { errors: { _: 'Maak eerst alle punten van de controle in orde.' } }, 409);
    const moment = new Date(one(form, 'moment'));
    const needsMoment = action === 'inplannen' || action === 'verzetten';
    if (needsMoment && Number.isNaN(moment.getTime()))
      return sendPage(c, { errors: { datum: 'Kies een datum en tijd.' } }, 400);
    try {
      if (action === 'nu') {
        await sendCampaign(deps, campaign.id, { replaceSchedule: true });
        await accounts.logActivity(deps, actor(c), 'campaign-send', campaign.subject);
        return c.redirect(`/beheer/campagnes/${campaign.id}/voortgang?melding=gestart`, 303);
      }
      if (action === 'inplannen') await sendCampaign(deps, campaign.id, { scheduledAt: moment });
      else if (action === 'verzetten') await rescheduleCampaign(deps, campaign.id, moment);
      else throw new AppError('validation', 'Kies of u nu wilt versturen of wilt inplannen.');
    } catch (err) {
      const errors = fieldErrors(err);
      if (errors)
        return sendPage(c, { errors: errors.scheduledAt ? { datum: errors.scheduledAt } : errors }, 400);
      throw err;
    }
    await accounts.logActivity(
      deps,
      actor(c),
      action === 'inplannen' ? 'campaign-schedule' : 'campaign-move',
      `${campaign.subject}, voor ${dutchDateTime(moment.toISOString())}`,
    );
    return c.redirect(back(campaign.id, action === 'inplannen' ? 'ingepland' : 'verzet'), 303);
  });

  app.post('/campagnes/:id/uitplannen', coco, async (c) => {
    const campaign = await campaignOf(c);
    if (campaign.status !== 'scheduled')
      throw new AppError('conflict', 'Deze campagne is niet ingepland; er is niets terug te zetten.');
    await cancelCampaign(deps, campaign.id);
    await accounts.logActivity(deps, actor(c), 'campaign-unschedule', campaign.subject);
    return c.redirect(back(campaign.id, 'uitgepland'), 303);
  });

  // --- Progress, pause, resume, cancel

  const progressNow = async (id: number) => {
    const campaign = await getCampaign(deps.db, id);
    return { campaign, progress: progressOf(campaign.status, await deliveryCounts(deps.db, id)) };
  };

  app.get('/campagnes/:id/voortgang', coco, async (c) => {
    const { campaign, progress } = await progressNow(pathId(c.req.param('id')));
    if (campaign.status === 'draft' || campaign.status === 'scheduled')
      return c.redirect(`/beheer/campagnes/${campaign.id}/versturen`, 303);
    return page(
      c,
      ProgressPage({
        ...frameWith(c),
        campaign,
        progress,
        archiveUrl:
          campaign.kind === 'nieuwsbrief' && campaign.public
            ? webVersionUrl(deps.config.publicUrl, campaign.slug)
            : null,
        pollSeconds: POLL_SECONDS,
      }),
    );
  });

  app.get('/campagnes/:id/voortgang.json', coco, async (c) => {
    const { progress } = await progressNow(pathId(c.req.param('id')));
    return c.json({ ...progress, statusWord: STATUS_WORD[progress.status], text: progressText(progress) });
  });

  app.post('/campagnes/:id/:move{pauzeren|hervatten}', coco, async (c) => {
    const campaign = await campaignOf(c);
    const pause = c.req.param('move') === 'pauzeren';
    await (pause ? pauseCampaign : resumeCampaign)(deps, campaign.id);
    await accounts.logActivity(
      deps,
      actor(c),
      pause ? 'campaign-pause' : 'campaign-resume',
      campaign.subject,
    );
    return c.redirect(
      `/beheer/campagnes/${campaign.id}/voortgang?melding=${pause ? 'gepauzeerd' : 'hervat'}`,
      303,
    );
  });

  app.get('/campagnes/:id/annuleren', coco, async (c) => {
    const { campaign, progress } = await progressNow(pathId(c.req.param('id')));
    if (campaign.status !== 'sending' && campaign.status !== 'paused')
      return c.redirect(`/beheer/campagnes/${campaign.id}/voortgang`, 303);
    return page(c, CancelConfirmPage({ ...c.get('frame'), campaign, progress }));
  });

  app.post('/campagnes/:id/annuleren', coco, async (c) => {
    const campaign = await campaignOf(c);
    if (campaign.status !== 'sending' && campaign.status !== 'paused')
      throw new AppError(
        'conflict',
        'Alleen een campagne die verstuurd wordt of gepauzeerd is, kan worden geannuleerd.',
      );
    await cancelCampaign(deps, campaign.id);
    await accounts.logActivity(deps, actor(c), 'campaign-cancel', campaign.subject);
    return c.redirect(`/beheer/campagnes/${campaign.id}/voortgang?melding=geannuleerd`, 303);
  });

  app.post('/campagnes/:id/archief', coco, async (c) => {
    const campaign = await campaignOf(c);
    const isPublic = one(await readForm(c), 'openbaar') === 'ja';
    await setArchivePublic(deps, campaign.id, isPublic);
    return c.redirect(
      `/beheer/campagnes/${campaign.id}/voortgang?melding=${isPublic ? 'openbaar' : 'niet-openbaar'}`,
      303,
    );
  });

  return app;
}
