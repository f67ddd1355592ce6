/** @jsxImportSource hono/jsx */
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps } from '../../deps.js';
import { AppError, type ErrorCode, fieldsFromZod, statusOf } from '../../errors.js';
import { limitBody } from '../../http.js';
import { AccountInput, FirstAccountInput, LoginRequest } from '../../modules/accounts/schema.js';
import * as accounts from '../../modules/accounts/service.js';
import { type ApiTokenInfo, listApiTokens, revokeApiToken } from '../../modules/auth/service.js';
import { LINK_LIFETIME_MS, safeNextPath } from '../../modules/notifications/account-links.js';
import { overview } from '../../modules/overview/service.js';
import { LOGO_MAX_BYTES } from '../../modules/print/logo.js';
import { ProfilePatch } from '../../modules/print/schema.js';
import * as print from '../../modules/print/service.js';
import { signupSources } from '../../modules/signup-sources/service.js';
import { allStadsdorpen } from '../../modules/stadsdorpen/service.js';
import { decide, subscriberItem } from '../../modules/subscribers/admin.js';
import { clientAddress } from '../../modules/subscribers/signup-limit.js';
import { campaignPages } from './campaigns.js';
import { contributionPages } from './contributions.js';
import { adminHeaders } from './guard.js';
import { importPages } from './import.js';
import type { Errors } from './kit/field.js';
import {
  type AdminEnv,
  type C,
  coco,
  FORM_OVERHEAD,
  fieldErrors,
  one,
  oneFile,
  page,
  pathId,
  readForm,
} from './kit/http.js';
import { MENU_SCRIPT } from './kit/layout.js';
import { navFor, roleLabel } from './kit/nav.js';
import { layoutPages } from './layouts.js';
import { listPages } from './lists.js';
import { outboxPages } from './outbox.js';
import { ErrorPage, FirstAccountPage, LinkPage, LoginPage, LoginSentPage, SetupPage } from './pages/auth.js';
import {
  AccountsPage,
  ActivityPage,
  DisableConfirmPage,
  type InviteValues,
  RevokeConfirmPage,
  SessionsPage,
  TokensPage,
} from './pages/people.js';
import { ProfilePage, type ProfileValues } from './pages/profile.js';
import { CocoStartPage, EditorStartPage } from './pages/start.js';
import { posterPages } from './posters.js';
import { sendingPages } from './sending.js';
import { clearSessionCookie, currentSession, sessionToken, setSessionCookie } from './session.js';
import { signupSourcePages } from './signup-sources.js';
import { stadsdorpPages } from './stadsdorpen.js';
import { subscriberPages } from './subscribers.js';

// GET  /beheer/inloggen                        login form (?next=/beheer/... kept, other values dropped)
// POST /beheer/inloggen                        mail a one-time link; one answer for every address; rate-limited per client
// GET  /beheer/link/:token                     a button (or the first-account form); opening changes nothing
// POST /beheer/link/:token                     spend the link, start a session, go to next
// GET  /beheer/eerste-account                  the setup form, while SETUP_SECRET is set and no CoCo account is active
// POST /beheer/eerste-account                  make the first CoCo account with SETUP_SECRET and log in; rate-limited per client
// --- below: a session is needed; without one, GET redirects to the login keeping the path
// POST /beheer/uitloggen                       end this session
// GET  /beheer/sessies                         one's sessions
// POST /beheer/sessies/overal-uitloggen        end all of one's sessions
// GET  /beheer                                 start page (CoCo: overview; editor: their stadsdorp)
// GET  /beheer/stadsdorpen/:slug/profiel       print profile form                 coco, or the editor of :slug
// POST /beheer/stadsdorpen/:slug/profiel       save it
// GET  /beheer/stadsdorpen/:slug/logo          the logo (preview)
// POST /beheer/stadsdorpen/:slug/logo          upload a logo (multipart)
// --- CoCo only (an editor gets a Dutch 403 page)
// POST /beheer/aanvragen/:id/goedkeuren        approve a board request
// POST /beheer/aanvragen/:id/afwijzen          reject a board request
// GET  /beheer/accounts                        accounts and the invitation form
// POST /beheer/accounts                        invite (mailed link valid 7 days)
// GET  /beheer/accounts/:id/uitschakelen       confirm step
// POST /beheer/accounts/:id/uitschakelen       disable; its sessions end at once
// GET  /beheer/tokens                          API tokens
// GET  /beheer/tokens/:id/intrekken            confirm step
// POST /beheer/tokens/:id/intrekken            revoke a token
// GET  /beheer/activiteit                      activity log (?voor=ID pages back)
// /beheer/stadsdorpen, /beheer/lijsten, /beheer/outbox, /beheer/bijdragen: stadsdorpen.tsx, lists.tsx,
// outbox.tsx, contributions.tsx
// /beheer/stadsdorpen/:slug/posters (coco, or the editor of :slug): posters.tsx
// /beheer/aanmeldbronnen (coco): signup-sources.tsx
// Every non-GET from another site is refused (guard.ts); every answer carries beheer's CSP.

const FLASH: Record<string, string> = {
  uitgelogd: 'U bent uitgelogd.',
  'overal-uitgelogd': 'U bent overal uitgelogd.',
  uitgenodigd: 'De uitnodiging is verstuurd.',
  uitgeschakeld: 'Het account is uitgeschakeld en overal uitgelogd.',
  ingetrokken: 'Het API-token is ingetrokken. Het werkt niet meer.',
  goedgekeurd: 'De aanvraag is goedgekeurd. De persoon krijgt een welkomstmail.',
  afgewezen: 'De aanvraag is afgewezen.',
  opgeslagen: 'Het profiel is opgeslagen.',
};

const TITLE_OF: Partial<Record<ErrorCode, string>> = {
  forbidden: 'Geen toegang',
  not_found: 'Niet gevonden',
  rate_limited: 'Even wachten',
  conflict: 'Dat lukte niet',
};

const LOGIN_REQUESTS_PER_MINUTE = 10;

/**
 * withinLoginLimit counts one login request of this client (the address the runtime gives,
 * as for the signup limit) and says whether it is within ten a minute. The runtime keeps the
 * count, so that every process or isolate serving /beheer sees the same one.
 */
async function withinLoginLimit(deps: AppDeps, c: Context): Promise<boolean> {
  const key = `beheer-login:${clientAddress(deps, c, deps.config.trustProxyHops)}`;
  return (await deps.runtime.windowCounters.add(key, 60_000, deps.now())) <= LOGIN_REQUESTS_PER_MINUTE;
}

/** At most this many setup attempts per client per SETUP_WINDOW_MS: guessing the secret stays hopeless. */
const SETUP_ATTEMPTS_PER_WINDOW = 5;
const SETUP_WINDOW_MS = 10 * 60_000;

/** withinSetupLimit counts one setup attempt of this client and says whether it is within the limit. */
async function withinSetupLimit(deps: AppDeps, c: Context): Promise<boolean> {
  const key = `beheer-setup:${clientAddress(deps, c, deps.config.trustProxyHops)}`;
  return (
    (await deps.runtime.windowCounters.add(key, SETUP_WINDOW_MS, deps.now())) <= SETUP_ATTEMPTS_PER_WINDOW
  );
}

/** adminRoutes serves /beheer, the volunteers' web app. */
export function adminRoutes(deps: AppDeps) {
  const app = new Hono<AdminEnv>();

  app.use('*', adminHeaders());

  // --- Logging in (no session needed)

  app.get('/inloggen', async (c) => {
    const next = safeNextPath(c.req.query('next'));
    if (await currentSession(deps, c)) return c.redirect(next ?? '/beheer', 303);
    const message = FLASH[c.req.query('melding') ?? ''];
    return page(c, LoginPage({ email: '', next, errors: {}, message }));
  });

  app.post('/inloggen', async (c) => {
    const form = await readForm(c);
    const next = safeNextPath(one(form, 'next'));
    if (!(await withinLoginLimit(deps, c))) {
      return page(
        c,
        ErrorPage({
          title: 'Even wachten',
          text: 'Er zijn vanaf uw adres te veel inlogpogingen gedaan. Probeer het over een minuut opnieuw.',
          loggedIn: false,
        }),
        429,
      );
    }
    const parsed = LoginRequest.safeParse({ email: one(form, 'email') });
    if (!parsed.success) {
      const errors = fieldsFromZod(parsed.error);
      if (errors.email) errors.email = 'Vul een e-mailadres in zoals naam@voorbeeld.nl.';
      return page(c, LoginPage({ email: one(form, 'email'), next, errors }), 400);
    }
    await accounts.requestLogin(deps, parsed.data.email, next);
    return page(c, LoginSentPage({ minutes: LINK_LIFETIME_MS.login / 60_000 }));
  });

  app.get('/link/:token', async (c) => {
    const token = c.req.param('token');
    const state = await accounts.linkState(deps, token);
    if (state.status === 'valid' && state.purpose === 'first-account')
      return page(c, FirstAccountPage({ token, values: { name: '', email: '' }, errors: {} }));
    return page(c, LinkPage({ token, state }), state.status === 'valid' ? 200 : 410);
  });

  app.post('/link/:token', async (c) => {
    const token = c.req.param('token');
    const state = await accounts.linkState(deps, token);
    if (state.status !== 'valid') return page(c, LinkPage({ token, state }), 410);
    const userAgent = c.req.header('user-agent') ?? '';
    let started: accounts.NewSession;
    if (state.purpose === 'first-account') {
      const form = await readForm(c);
      const values = { name: one(form, 'name'), email: one(form, 'email') };
      const parsed = FirstAccountInput.safeParse(values);
      if (!parsed.success)
        return page(c, FirstAccountPage({ token, values, errors: fieldsFromZod(parsed.error) }), 400);
      started = await accounts.createFirstAccount(deps, token, parsed.data, userAgent);
    } else {
      started = await accounts.spendLoginLink(deps, token, userAgent);
    }
    await setSessionCookie(deps, c, started.token);
    return c.redirect(started.next, 303);
  });

  app.get('/eerste-account', async (c) => {
    const state = await accounts.setupState(deps);
    return page(
      c,
      SetupPage({ state, values: { name: '', email: '' }, errors: {} }),
      state === 'off' ? 404 : 200,
    );
  });

  app.post('/eerste-account', async (c) => {
    const state = await accounts.setupState(deps);
    if (state !== 'open')
      return page(
        c,
        SetupPage({ state, values: { name: '', email: '' }, errors: {} }),
        state === 'off' ? 404 : 409,
      );
    if (!(await withinSetupLimit(deps, c))) {
      return page(
        c,
        ErrorPage({
          title: 'Even wachten',
          text: 'Er zijn vanaf uw adres te veel pogingen gedaan. Probeer het over tien minuten opnieuw.',
          loggedIn: false,
        }),
        429,
      );
    }
    const form = await readForm(c);
    const values = { name: one(form, 'name'), email: one(form, 'email') };
    const parsed = FirstAccountInput.safeParse(values);
    if (!parsed.success)
      return page(c, SetupPage({ state, values, errors: fieldsFromZod(parsed.error) }), 400);
    let started: accounts.NewSession;
    try {
      started = await accounts.createFirstAccountWithSecret(
        deps,
        one(form, 'secret'),
        parsed.data,
        c.req.header('user-agent') ?? '',
      );
    } catch (err) {
      if (!(err instanceof AppError) || !err.fields) throw err;
      return page(c, SetupPage({ state, values, errors: err.fields }), statusOf[err.code]);
    }
    await setSessionCookie(deps, c, started.token);
    return c.redirect(started.next, 303);
  });

  // --- Everything below needs a session.

  app.use('*', async (c, next) => {
    const view = await currentSession(deps, c);
    if (!view) {
      if (await sessionToken(deps, c)) clearSessionCookie(deps, c);
      const wanted = c.req.method === 'GET' ? safeNextPath(c.req.path + new URL(c.req.url).search) : null;
      const target =
        wanted && wanted !== '/beheer'
          ? `/beheer/inloggen?next=${encodeURIComponent(wanted)}`
          : '/beheer/inloggen';
      return c.redirect(target, 303);
    }
    const { account, session } = view;
    const stadsdorpSlug =
      account.stadsdorpId === null
        ? null
        : ((await allStadsdorpen(deps)).find((s) => s.id === account.stadsdorpId)?.slug ?? null);
    c.set('account', account);
    c.set('session', session);
    c.set('principal', accounts.principalOf(account));
    c.set('frame', {
      who: { name: account.name, roleLabel: roleLabel(account) },
      nav: navFor(account, stadsdorpSlug),
      flash: FLASH[c.req.query('melding') ?? ''] ?? null,
    });
    await next();
  });

  app.get('/static/menu.js', (c) =>
    c.body(MENU_SCRIPT, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'private, max-age=3600',
    }),
  );

  app.post('/uitloggen', async (c) => {
    await accounts.endSession(deps, c.get('session').id);
    clearSessionCookie(deps, c);
    return c.redirect('/beheer/inloggen?melding=uitgelogd', 303);
  });

  app.get('/sessies', async (c) =>
    page(
      c,
      SessionsPage({
        ...c.get('frame'),
        sessions: await accounts.sessionsOf(deps, c.get('account')),
        currentId: c.get('session').id,
      }),
    ),
  );

  app.post('/sessies/overal-uitloggen', async (c) => {
    await accounts.endAllSessions(deps, c.get('account'));
    clearSessionCookie(deps, c);
    return c.redirect('/beheer/inloggen?melding=overal-uitgelogd', 303);
  });

  app.get('/', async (c) => {
    const account = c.get('account');
    if (account.role === 'coco')
      return page(c, CocoStartPage({ ...c.get('frame'), overview: await overview(deps) }));
    const stadsdorp = (await allStadsdorpen(deps)).find((s) => s.id === account.stadsdorpId);
    if (!stadsdorp) throw new AppError('not_found', 'Uw stadsdorp bestaat niet meer. Vraag de CoCo om hulp.');
    const sources = await signupSources(deps, c.get('principal'), { stadsdorp: stadsdorp.slug });
    return page(c, EditorStartPage({ ...c.get('frame'), stadsdorp, sources }));
  });

  // --- A stadsdorp's profile and logo: the CoCo, or the editor of that stadsdorp.

  const textFields = () =>
    [...print.profileFieldLimits()].map(([name, m]) => ({ name, label: m.label, maxLength: m.maxLength }));

  const profilePage = async (
    c: C,
    opts: { values?: ProfileValues; errors?: Errors; logoWarnings?: string[] } = {},
    status: ContentfulStatusCode = 200,
  ) => {
    const s = await print.stadsdorpFor(deps, c.get('principal'), c.req.param('slug')!);
    const profile = await print.readProfile(deps, s);
    const values = opts.values ?? {
      brandColour: profile.brandColour,
      website: profile.website ?? '',
      contact: profile.contact ?? '',
      defaultTexts: profile.defaultTexts,
    };
    return page(
      c,
      ProfilePage({
        ...c.get('frame'),
        stadsdorp: s,
        profile,
        values,
        errors: opts.errors ?? {},
        textFields: textFields(),
        logoWarnings: opts.logoWarnings ?? [],
      }),
      status,
    );
  };

  app.get('/stadsdorpen/:slug/profiel', (c) => profilePage(c));

  app.post('/stadsdorpen/:slug/profiel', async (c) => {
    const s = await print.stadsdorpFor(deps, c.get('principal'), c.req.param('slug'));
    const form = await readForm(c);
    const defaultTexts: Record<string, string> = {};
    for (const f of textFields()) defaultTexts[f.name] = one(form, `tekst.${f.name}`);
    const values: ProfileValues = {
      brandColour: one(form, 'brandColour').trim(),
      website: one(form, 'website'),
      contact: one(form, 'contact'),
      defaultTexts,
    };
    const parsed = ProfilePatch.safeParse({
      brandColour: values.brandColour || null,
      website: values.website.trim() || null,
      contact: values.contact.trim() || null,
      defaultTexts,
    });
    if (!parsed.success) return profilePage(c, { values, errors: fieldsFromZod(parsed.error) }, 400);
    try {
      await print.changeProfile(deps, s, parsed.data);
    } catch (err) {
      const errors = fieldErrors(err);
      if (errors) return profilePage(c, { values, errors }, 400);
      throw err;
    }
    await accounts.logActivity(deps, accounts.actorOf(c.get('account')), 'profile-change', s.name);
    return c.redirect(`/beheer/stadsdorpen/${s.slug}/profiel?melding=opgeslagen`, 303);
  });

  app.get('/stadsdorpen/:slug/logo', async (c) => {
    const s = await print.stadsdorpFor(deps, c.get('principal'), c.req.param('slug'));
    const logo = await print.readLogo(deps, s);
    return c.body(logo.bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': logo.mime,
      'cache-control': 'private, no-cache',
    });
  });

  // A logo may be 5 MB, above the 256 kB every other form may send (app.ts leaves this path out).
  app.post('/stadsdorpen/:slug/logo', limitBody(LOGO_MAX_BYTES + FORM_OVERHEAD), async (c) => {
    const s = await print.stadsdorpFor(deps, c.get('principal'), c.req.param('slug'));
    const form = await readForm(c);
    const file = oneFile(form, 'logo');
    if (!file) return profilePage(c, { errors: { logo: 'Kies een bestand met uw logo.' } }, 400);
    try {
      const { warnings } = await print.uploadLogo(deps, s, new Uint8Array(await file.arrayBuffer()));
      await accounts.logActivity(deps, accounts.actorOf(c.get('account')), 'logo-upload', s.name);
      return profilePage(c, { logoWarnings: warnings });
    } catch (err) {
      if (err instanceof AppError && err.code !== 'forbidden')
        return profilePage(c, { errors: { logo: err.message } }, statusOf[err.code]);
      throw err;
    }
  });

  // --- The CoCo's pages.

  app.post('/aanvragen/:id/:besluit{goedkeuren|afwijzen}', coco, async (c) => {
    const id = pathId(c.req.param('id'));
    if (!id) throw new AppError('not_found', 'Deze aanvraag bestaat niet.');
    const approve = c.req.param('besluit') === 'goedkeuren';
    const person = await subscriberItem(deps, id);
    await decide(deps, c.get('principal'), id, approve ? 'approve' : 'reject');
    await accounts.logActivity(
      deps,
      accounts.actorOf(c.get('account')),
      approve ? 'approve' : 'reject',
      person.email,
    );
    return c.redirect(`/beheer?melding=${approve ? 'goedgekeurd' : 'afgewezen'}`, 303);
  });

  const accountsPage = async (
    c: C,
    values: InviteValues,
    errors: Errors,
    status: ContentfulStatusCode = 200,
  ) =>
    page(
      c,
      AccountsPage({
        ...c.get('frame'),
        accounts: await accounts.accounts(deps),
        stadsdorpen: await allStadsdorpen(deps),
        values,
        errors,
      }),
      status,
    );

  app.get('/accounts', coco, (c) =>
    accountsPage(c, { name: '', email: '', role: 'stadsdorp', stadsdorp: '' }, {}),
  );

  app.post('/accounts', coco, async (c) => {
    const form = await readForm(c);
    const values = {
      name: one(form, 'name'),
      email: one(form, 'email'),
      role: one(form, 'role'),
      stadsdorp: one(form, 'stadsdorp'),
    };
    const parsed = AccountInput.safeParse({ ...values, stadsdorp: values.stadsdorp || undefined });
    if (!parsed.success) return accountsPage(c, values, fieldsFromZod(parsed.error), 400);
    try {
      await accounts.inviteAccount(deps, accounts.actorOf(c.get('account')), parsed.data);
    } catch (err) {
      const errors = fieldErrors(err);
      if (err instanceof AppError && err.code === 'not_found')
        return accountsPage(c, values, { stadsdorp: 'Kies een stadsdorp uit de lijst.' }, 400);
      if (errors) return accountsPage(c, values, errors, 400);
      throw err;
    }
    return c.redirect('/beheer/accounts?melding=uitgenodigd', 303);
  });

  const accountOf = (c: C) => accounts.accountById(deps, pathId(c.req.param('id')));

  app.get('/accounts/:id/uitschakelen', coco, async (c) =>
    page(c, DisableConfirmPage({ ...c.get('frame'), account: await accountOf(c) })),
  );

  app.post('/accounts/:id/uitschakelen', coco, async (c) => {
    const target = await accountOf(c);
    await accounts.disableAccount(deps, accounts.actorOf(c.get('account')), target.id);
    return c.redirect('/beheer/accounts?melding=uitgeschakeld', 303);
  });

  // The token page shows the tokens in use first, the newest on top.
  const newestFirst = (tokens: ApiTokenInfo[]) =>
    [...tokens].sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || b.id - a.id);

  app.get('/tokens', coco, async (c) =>
    page(c, TokensPage({ ...c.get('frame'), tokens: newestFirst(await listApiTokens(deps.db)) })),
  );

  const tokenOf = async (c: C) => {
    const id = pathId(c.req.param('id'));
    const token = (await listApiTokens(deps.db)).find((t) => t.id === id && !t.revokedAt);
    if (!token) throw new AppError('not_found', 'Dit API-token bestaat niet of is al ingetrokken.');
    return token;
  };

  app.get('/tokens/:id/intrekken', coco, async (c) =>
    page(c, RevokeConfirmPage({ ...c.get('frame'), token: await tokenOf(c) })),
  );

  app.post('/tokens/:id/intrekken', coco, async (c) => {
    const token = await tokenOf(c);
    const id = token.id;
    await revokeApiToken(deps.db, id);
    await accounts.logActivity(
      deps,
      accounts.actorOf(c.get('account')),
      'token-revoke',
      `${token.name} (#${id})`,
    );
    return c.redirect('/beheer/tokens?melding=ingetrokken', 303);
  });

  app.get('/activiteit', coco, async (c) => {
    const before = Number(c.req.query('voor'));
    const q = Number.isInteger(before) && before > 0 ? { before } : {};
    const { items, nextBefore } = await accounts.activity(deps, q);
    return page(c, ActivityPage({ ...c.get('frame'), items, nextBefore, first: !('before' in q) }));
  });

  app.route('/abonnees', subscriberPages(deps));
  app.route('/stadsdorpen', stadsdorpPages(deps));
  app.route('/lijsten', listPages(deps));
  app.route('/outbox', outboxPages(deps));
  app.route('/layouts', layoutPages(deps));
  app.route('/', importPages(deps));
  app.route('/bijdragen', contributionPages(deps));
  app.route('/', posterPages(deps));
  app.route('/aanmeldbronnen', signupSourcePages(deps));
  app.route('/campagnes', campaignPages(deps));
  app.route('/', sendingPages(deps));

  app.all('*', async () => {
    throw new AppError('not_found', 'Deze pagina bestaat niet in beheer.');
  });

  app.onError(async (err, c) => {
    if (err instanceof AppError) {
      const status = statusOf[err.code];
      return page(c, ErrorPage({ title: TITLE_OF[err.code] ?? 'Dat lukte niet', text: err.message }), status);
    }
    const requestId = c.get('requestId');
    deps.log.error('unhandled error in beheer', {
      requestId,
      path: c.req.path,
      error: String(err),
      stack: (err as Error).stack,
    });
    return page(
      c,
      ErrorPage({
        title: 'Er ging iets mis',
        text: `Er ging iets mis aan onze kant (referentie ${requestId}). Probeer het later opnieuw.`,
      }),
      500,
    );
  });

  return app;
}
