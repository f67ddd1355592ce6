import { type Context, Hono } from 'hono';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps } from '../deps.js';
import { AppError, fieldsFromZod } from '../errors.js';
import { type AppEnv, BODY_MAX_BYTES, limitBody } from '../http.js';
import { forgetCopiesOfPerson } from '../modules/delivery/forget.js';
import { preferencesUrl } from '../modules/notifications/links.js';
import { listStadsdorpen } from '../modules/stadsdorpen/repo.js';
import { allLists } from '../modules/subscribers/repo.js';
import { Bron, SignupInput } from '../modules/subscribers/schema.js';
import {
  confirm,
  confirmationOf,
  eraseByLink,
  exportOf,
  preferencesOf,
  requestErase,
  resendConfirmation,
  SOURCES,
  savePreferences,
  signup,
  subjectOf,
  unsubscribe,
} from '../modules/subscribers/service.js';
import { withinSignupLimit } from '../modules/subscribers/signup-limit.js';
import { cspFor } from './csp.js';
import { CheckMailPage, SignupPage, type SignupValues, TooManyPage } from './pages/aanmelden.js';
import { UnsubscribeAskPage, UnsubscribedPage } from './pages/afmelden.js';
import {
  ConfirmAskPage,
  ConfirmedPage,
  ExpiredPage,
  InvalidLinkPage,
  NewLinkSentPage,
  UnknownActionPage,
} from './pages/bevestigen.js';
import { PREFERENCES_MARKER, PreferencesPage } from './pages/voorkeuren.js';
import {
  EraseAskPage,
  EraseConfirmPage,
  ErasedPage,
  EraseExpiredPage,
  EraseMailSentPage,
} from './pages/wissen.js';

// GET  /aanmelden                     signup form (?stadsdorp=SLUG preselects, ?bron=CODE is recorded)
// POST /aanmelden                     form post (urlencoded or multipart), from our page or any other site
// GET  /bevestigen/:token             changes nothing: asks for a button press, or shows "confirmed" / "expired"
// POST /bevestigen/:token             actie=bevestigen: confirm every unconfirmed subscription (idempotent)
//                                     actie=nieuwe-link: mail a new confirmation link (offered when the link expired)
// GET  /voorkeuren/:token             preference form
// POST /voorkeuren/:token             save preferences
// GET  /voorkeuren/:token/gegevens    download own data (JSON, as the admin export)
// GET  /voorkeuren/:token/wissen      what erasing removes and keeps, with a button
// POST /voorkeuren/:token/wissen      mail the person the link that erases them (AVG right to erasure)
// GET  /wissen/:token                 the mailed link: asks once more, with a button
// POST /wissen/:token                 erase the person
// GET  /afmelden/:token               unsubscribe page with a button
// POST /afmelden/:token               unsubscribe; also the RFC 8058 one-click POST (no cookie, 200, no redirect)
// All public: the signed token in the path is the only credential. Posts must come from these
// pages (same origin, checked in app.ts), except POST /aanmelden and the one-click unsubscribe.

type Page = HtmlEscapedString | Promise<HtmlEscapedString> | null;

async function html(c: Context, page: Page, status: ContentfulStatusCode = 200): Promise<Response> {
  c.header('cache-control', 'no-store');
  // Tokens in the path must not leak to other sites through the Referer header.
  c.header('referrer-policy', 'no-referrer');
  // The pages need no script, no foreign style, post only to this service and are never framed.
  c.header('content-security-policy', cspFor('public'));
  return c.html(`<!doctype html>${await page}`, status);
}

type Form = Record<string, string | File | (string | File)[]>;

async function readForm(c: Context): Promise<Form> {
  try {
    return (await c.req.parseBody({ all: true })) as Form;
  } catch {
    return {};
  }
}

function one(form: Form, key: string): string {
  const v = form[key];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : '';
}

function many(form: Form, key: string): string[] {
  const v = form[key];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
    (x): x is string => typeof x === 'string',
  );
}

function fieldErrors(err: unknown): Record<string, string> | undefined {
  if (err instanceof AppError && err.code === 'validation') return err.fields ?? { _: err.message };
  return undefined;
}

/**
 * crossSitePostAllowed names the two posts that other sites make by design: the signup form,
 * which any stadsdorp website may embed, and the RFC 8058 one-click unsubscribe, which a mail
 * provider posts with the body List-Unsubscribe=One-Click. The signed token in the path is the
 * one-click post's credential. Every other post to these pages must come from these pages.
 */
export async function crossSitePostAllowed(c: Context): Promise<boolean> {
  if (c.req.method !== 'POST') return false;
  if (c.req.path === '/aanmelden') return true;
  if (/^\/afmelden\/[^/]+$/.test(c.req.path)) return isOneClick(await readForm(c));
  return false;
}

function isOneClick(form: Form): boolean {
  return one(form, 'List-Unsubscribe') === 'One-Click';
}

/** publicRoutes serves the resident-facing pages: signup, confirm, preferences, unsubscribe. */
export function publicRoutes(deps: AppDeps) {
  const links = () => ({ publicUrl: deps.config.publicUrl, secretKey: deps.config.secretKey });

  const formOptions = async () => {
    const [lists, stadsdorpen] = await Promise.all([allLists(deps.db), listStadsdorpen(deps.db)]);
    return { lists, stadsdorpen };
  };

  const signupForm = async (c: Context, values: SignupValues, errors: Record<string, string>, status = 200) =>
    html(c, SignupPage({ ...(await formOptions()), values, errors }), status as ContentfulStatusCode);

  const preferencesForm = async (
    c: Context,
    token: string,
    sub: Parameters<typeof preferencesOf>[1],
    opts: { values?: { name: string; lists: string[]; stadsdorp: string }; errors?: Record<string, string> },
    status: ContentfulStatusCode = 200,
  ) => {
    const view = await preferencesOf(deps, sub);
    const active = view.lists
      .filter(
        (l) => l.status === 'confirmed' || l.status === 'pending_approval' || l.status === 'unconfirmed',
      )
      .map((l) => l.slug);
    return html(
      c,
      PreferencesPage({
        token,
        email: view.email,
        lists: view.lists,
        stadsdorpen: await listStadsdorpen(deps.db),
        values: opts.values ?? { name: view.name ?? '', lists: active, stadsdorp: view.stadsdorpSlug ?? '' },
        errors: opts.errors ?? {},
        saved: c.req.query('opgeslagen') === '1',
      }),
      status,
    );
  };

  return new Hono<AppEnv>()
    .get('/aanmelden', async (c) => {
      const bron = Bron.safeParse(c.req.query('bron'));
      return signupForm(
        c,
        {
          email: '',
          name: '',
          lists: [],
          stadsdorp: c.req.query('stadsdorp') ?? '',
          bron: bron.success ? bron.data : '',
        },
        {},
      );
    })
    .post(
      '/aanmelden',
      // The attempt counts before the body is read: a flood of large posts costs us nothing.
      async (c, next) => {
        if (!(await withinSignupLimit(deps, c))) return html(c, TooManyPage(), 429);
        await next();
      },
      limitBody(BODY_MAX_BYTES),
      async (c) => {
        const form = await readForm(c);
        const values: SignupValues = {
          email: one(form, 'email'),
          name: one(form, 'name'),
          lists: many(form, 'lists'),
          stadsdorp: one(form, 'stadsdorp'),
          bron: one(form, 'bron'),
        };
        const parsed = SignupInput.safeParse(values);
        if (!parsed.success) return signupForm(c, values, fieldsFromZod(parsed.error), 400);
        const bron = Bron.safeParse(values.bron);
        try {
          await signup(deps, parsed.data, {
            source: SOURCES.form,
            detail: bron.success ? `bron=${bron.data}` : null,
          });
        } catch (err) {
          const errors = fieldErrors(err);
          if (errors) return signupForm(c, values, errors, 400);
          throw err;
        }
        return html(c, CheckMailPage({ email: parsed.data.email }));
      },
    )
    .get('/bevestigen/:token', async (c) => {
      // Mail link scanners open every link in a mail, so the GET only shows a button; the POST confirms.
      const token = c.req.param('token');
      const view = await confirmationOf(deps, token);
      if (view.kind === 'invalid') return html(c, InvalidLinkPage(), 400);
      if (view.kind === 'expired') return html(c, ExpiredPage({ token }));
      if (view.kind === 'ask') return html(c, ConfirmAskPage({ token, listNames: view.listNames }));
      return html(
        c,
        ConfirmedPage({
          name: view.name,
          subscriptions: view.subscriptions,
          preferencesUrl: preferencesUrl(links(), view.publicId),
        }),
      );
    })
    .post('/bevestigen/:token', async (c) => {
      const token = c.req.param('token');
      const actie = one(await readForm(c), 'actie');
      if (actie === 'bevestigen') {
        const outcome = await confirm(deps, token);
        if (outcome.kind === 'invalid') return html(c, InvalidLinkPage(), 400);
        if (outcome.kind === 'expired') return html(c, ExpiredPage({ token }));
        // Post/redirect/get: the GET now finds nothing to confirm and shows the confirmed page.
        return c.redirect(`/bevestigen/${token}`, 303);
      }
      if (actie === 'nieuwe-link') {
        if (!(await withinSignupLimit(deps, c))) return html(c, TooManyPage(), 429);
        const ok = await resendConfirmation(deps, token);
        return ok ? html(c, NewLinkSentPage()) : html(c, InvalidLinkPage(), 400);
      }
      return html(c, UnknownActionPage({ token }), 400);
    })
    .get('/voorkeuren/:token', async (c) => {
      const token = c.req.param('token');
      const subject = await subjectOf(deps, token, 'preferences');
      if (subject.status !== 'valid') return html(c, InvalidLinkPage(), 400);
      return preferencesForm(c, token, subject.subscriber, {});
    })
    .post('/voorkeuren/:token', async (c) => {
      const token = c.req.param('token');
      const subject = await subjectOf(deps, token, 'preferences');
      if (subject.status !== 'valid') return html(c, InvalidLinkPage(), 400);
      const form = await readForm(c);
      // Without the form's own marker (an empty post, text/plain, another form) nothing changes:
      // read as a form, such a post would mean "no name, no lists" and unsubscribe from everything.
      if (one(form, PREFERENCES_MARKER.name) !== PREFERENCES_MARKER.value) {
        return preferencesForm(
          c,
          token,
          subject.subscriber,
          {
            errors: {
              _: 'Er is niets gewijzigd: het formulier kwam niet volledig aan. Pas uw voorkeuren hieronder aan en klik op Opslaan.',
            },
          },
          400,
        );
      }
      const values = {
        name: one(form, 'name').trim(),
        lists: many(form, 'lists'),
        stadsdorp: one(form, 'stadsdorp'),
      };
      if (values.name.length > 200) {
        return preferencesForm(
          c,
          token,
          subject.subscriber,
          { values, errors: { name: 'Gebruik hoogstens 200 tekens.' } },
          400,
        );
      }
      try {
        await savePreferences(deps, subject.subscriber, {
          name: values.name || null,
          lists: values.lists,
          stadsdorp: values.stadsdorp || null,
        });
      } catch (err) {
        const errors = fieldErrors(err);
        if (errors) return preferencesForm(c, token, subject.subscriber, { values, errors }, 400);
        throw err;
      }
      // Post/redirect/get, so a reload does not post again; this page is not the one-click endpoint.
      return c.redirect(`/voorkeuren/${token}?opgeslagen=1`, 303);
    })
    .get('/voorkeuren/:token/gegevens', async (c) => {
      const subject = await subjectOf(deps, c.req.param('token'), 'preferences');
      if (subject.status !== 'valid') return html(c, InvalidLinkPage(), 400);
      c.header('content-disposition', 'attachment; filename="mijn-gegevens-stadsdorpen.json"');
      c.header('cache-control', 'no-store');
      return c.json(await exportOf(deps, subject.subscriber));
    })
    .get('/voorkeuren/:token/wissen', async (c) => {
      const token = c.req.param('token');
      const subject = await subjectOf(deps, token, 'preferences');
      if (subject.status !== 'valid') return html(c, InvalidLinkPage(), 400);
      return html(c, EraseAskPage({ token, email: subject.subscriber.email }));
    })
    .post('/voorkeuren/:token/wissen', async (c) => {
      const subject = await subjectOf(deps, c.req.param('token'), 'preferences');
      if (subject.status !== 'valid') return html(c, InvalidLinkPage(), 400);
      if (!(await withinSignupLimit(deps, c))) return html(c, TooManyPage(), 429);
      await requestErase(deps, subject.subscriber);
      return html(c, EraseMailSentPage({ email: subject.subscriber.email }));
    })
    .get('/wissen/:token', async (c) => {
      const token = c.req.param('token');
      const subject = await subjectOf(deps, token, 'erase');
      if (subject.status === 'invalid') return html(c, InvalidLinkPage(), 400);
      if (subject.status === 'expired') return html(c, EraseExpiredPage(), 400);
      return html(c, EraseConfirmPage({ token, email: subject.subscriber.email }));
    })
    .post('/wissen/:token', async (c) => {
      const outcome = await eraseByLink(deps, c.req.param('token'), forgetCopiesOfPerson);
      if (outcome.kind === 'invalid') return html(c, InvalidLinkPage(), 400);
      if (outcome.kind === 'expired') return html(c, EraseExpiredPage(), 400);
      return html(c, ErasedPage());
    })
    .get('/afmelden/:token', async (c) => {
      const token = c.req.param('token');
      const subject = await subjectOf(deps, token, 'unsubscribe');
      if (subject.status === 'invalid') return html(c, InvalidLinkPage(), 400);
      const list = subject.extra
        ? (await allLists(deps.db)).find((l) => l.slug === subject.extra)
        : undefined;
      return html(c, UnsubscribeAskPage({ token, listName: list?.name ?? null }));
    })
    .post('/afmelden/:token', async (c) => {
      const token = c.req.param('token');
      const form = await readForm(c);
      const oneClick = isOneClick(form);
      const outcome = await unsubscribe(deps, token, oneClick);
      if (outcome.kind === 'invalid') return html(c, InvalidLinkPage(), 400);
      const subject = await subjectOf(deps, token, 'unsubscribe');
      return html(
        c,
        UnsubscribedPage({
          listNames: outcome.listNames,
          all: outcome.all,
          preferencesUrl:
            subject.status === 'invalid' ? null : preferencesUrl(links(), subject.subscriber.publicId),
        }),
      );
    });
}
