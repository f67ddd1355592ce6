/** @jsxImportSource hono/jsx */
// The CoCo's campaigns: the list and the composer. Mounted at /beheer/campagnes after the
// session middleware; CoCo only (an editor gets the Dutch 403 page).
// GET  /                   every campaign, newest first (?voor=ID pages back), with its status
// POST /nieuw              soort=nieuwsbrief|netwerkmail: a new draft with starting text → its composer
// POST /:id/kopie          any campaign (sent ones too) copied into a new draft "Kopie van ..."
// GET  /:id                the composer (?erbij=articles|agenda|kennisbank shows one more empty block);
//                          read-only once the send has started
// POST /:id                save with the button; `actie` may also move, remove or add a block.
//                          From an older version than the stored one: 409 with what changed, typed text kept
// POST /:id/bewaren        the same save while typing (componist.js), answered in JSON
// GET  /:id/voorbeeld      the saved mail as its own document (CSP 'preview': no script, framed by us only)
// POST /:id/voorbeeld      the typed, unsaved fields rendered as the mail (JSON: subject, html, text,
//                          omitted); nothing is saved
// GET  /componist.js       the composer's script: autosave, live preview
// GET  /:id/artikelen/:n/foto   the photo of article n (from 1): file and alt text. The composer's
//                               "Foto toevoegen"/"Foto vervangen" buttons save the form, then lead here
// POST /:id/artikelen/:n/foto   multipart: store the photo and set the article's image and alt text;
//                               the article changed since the page opened: 409 with what changed
// GET  /:id/verwijderen     confirm step: a draft, and what goes with it
// POST /:id/verwijderen     delete the draft (anything further along: 409)
// Sending is elsewhere: /beheer/campagnes/:id/versturen.
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps } from '../../deps.js';
import { AppError, fieldsFromZod, statusOf } from '../../errors.js';
import { limitBody } from '../../http.js';
import * as accounts from '../../modules/accounts/service.js';
import { previewDraft } from '../../modules/campaigns/draft-preview.js';
import { getCampaign, listCampaigns } from '../../modules/campaigns/repo.js';
import { type Campaign, CampaignKind, UpdateCampaign } from '../../modules/campaigns/schema.js';
import {
  checkContent,
  cloneCampaign,
  createCampaign,
  deleteCampaign,
  previewCampaign,
  starterCampaign,
  updateCampaign,
  VERSION_CONFLICT,
} from '../../modules/campaigns/service.js';
import { takenIntoCount, waitingContributions } from '../../modules/contributions/service.js';
import { PHOTO_LIMITS, PhotoAlt, storePhoto } from '../../modules/photos/service.js';
import { cspFor } from '../csp.js';
import {
  type Action,
  applyAction,
  blankItem,
  type Change,
  type ComposerValues,
  changesBetween,
  contentOf,
  isBlank,
  LIST_NAMES,
  type ListName,
  labelOf,
  readAction,
  readValues,
  readWas,
  valuesOf,
} from './composer-form.js';
import { COMPOSER_SCRIPT } from './composer-script.js';
import type { Errors } from './kit/field.js';
import {
  type AdminEnv,
  type C,
  coco,
  FORM_OVERHEAD,
  type Form,
  fieldErrors,
  frameWith,
  one,
  oneFile,
  page,
  pathId,
  readForm,
} from './kit/http.js';
import { dutchDateTime } from './kit/parts.js';
import { ArticlePhotoPage, type ArticleSnapshot } from './pages/article-photo.js';
import { CampaignsPage, ComposerPage, DeleteDraftPage, isEditable } from './pages/campaigns.js';
import { WaitingContributions } from './pages/contributions.js';

const PAGE_SIZE = 50;

const FLASH: Record<string, string> = {
  aangemaakt: 'Het concept is aangemaakt. Alles wat u typt wordt vanzelf bewaard.',
  gekopieerd: 'De kopie is aangemaakt als nieuw concept.',
  opgeslagen: 'Het concept is opgeslagen.',
  foto: 'De foto staat bij het artikel. Zie het voorbeeld van de mail.',
  verwijderd: 'Het concept is verwijderd.',
  // Back from taking a stadsdorp's contribution in with the panel beside the preview.
  overgenomen: 'De bijdrage is overgenomen in deze Nieuwsbrief. Pas hem hieronder zo nodig aan.',
};

/** Outcome of one save: saved, refused with errors at the fields, or made from an older version. */
type SaveOutcome =
  | { kind: 'saved'; campaign: Campaign }
  | { kind: 'invalid'; errors: Errors }
  | { kind: 'conflict'; current: Campaign; changes: Change[]; message: string };

/**
 * readFormFast reads the composer's form. Its script posts it urlencoded on every pause in the
 * typing, about a hundred fields for a full Nieuwsbrief: URLSearchParams reads that several
 * times faster than the multipart-capable parser behind readForm, which other bodies still get.
 */
async function readFormFast(c: C): Promise<Form> {
  if (!(c.req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded'))
    return readForm(c);
  const form: Form = {};
  for (const [k, v] of new URLSearchParams(await c.req.text())) {
    const had = form[k];
    form[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
  }
  return form;
}

/** campaignPages serves the CoCo's campaign list and composer. */
export function campaignPages(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.use('*', coco);

  const frame = (c: C) => frameWith(c, FLASH);
  const actor = (c: C) => accounts.actorOf(c.get('account'));
  const campaignOf = async (c: C) => {
    const id = pathId(c.req.param('id'));
    if (!id) throw new AppError('not_found', 'Deze campagne bestaat niet (meer).');
    return getCampaign(deps.db, id);
  };

  app.get('/componist.js', (c) =>
    c.body(COMPOSER_SCRIPT, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'private, max-age=3600',
    }),
  );

  // --- The list

  app.get('/', async (c) => {
    const before = pathId(c.req.query('voor'));
    const items = await listCampaigns(deps.db, { beforeId: before || undefined, limit: PAGE_SIZE });
    return page(
      c,
      CampaignsPage({
        ...frame(c),
        items,
        nextBefore: items.length === PAGE_SIZE ? (items[items.length - 1]?.id ?? null) : null,
        first: !before,
      }),
    );
  });

  app.post('/nieuw', async (c) => {
    const kind = CampaignKind.safeParse(one(await readForm(c), 'soort'));
    if (!kind.success) throw new AppError('validation', 'Kies een Nieuwsbrief of een Netwerkmail.');
    const created = await createCampaign(deps, starterCampaign(kind.data, deps.now()), c.get('account').name);
    await accounts.logActivity(deps, actor(c), 'campaign-create', created.subject);
    return c.redirect(`/beheer/campagnes/${created.id}?melding=aangemaakt`, 303);
  });

  app.post('/:id/kopie', async (c) => {
    const source = await campaignOf(c);
    const copy = await cloneCampaign(deps, source.id, c.get('account').name);
    await accounts.logActivity(deps, actor(c), 'campaign-clone', `${source.subject} → ${copy.subject}`);
    return c.redirect(`/beheer/campagnes/${copy.id}?melding=gekopieerd`, 303);
  });

  // --- The composer

  const composerPage = async (
    c: C,
    campaign: Campaign,
    opts: {
      values?: ComposerValues;
      was?: ComposerValues;
      errors?: Errors;
      changes?: Change[];
    } = {},
    status: ContentfulStatusCode = 200,
  ) => {
    const saved = valuesOf(campaign);
    // A campaign that cannot render (its layout was deleted) must still open, to be mended.
    const previewText = await previewCampaign(deps, campaign.id).then(
      (m) => m.text,
      (err: unknown) => {
        if (err instanceof AppError) return `Het voorbeeld kan niet worden gemaakt: ${err.message}`;
        throw err;
      },
    );
    return page(
      c,
      ComposerPage({
        ...frame(c),
        campaign,
        values: opts.values ?? saved,
        was: opts.was ?? saved,
        errors: opts.errors ?? {},
        changes: opts.changes,
        unsaved: opts.errors !== undefined || opts.changes !== undefined,
        previewText,
        // The stadsdorpen's waiting contributions, to take into a Nieuwsbrief being written.
        aside:
          campaign.kind === 'nieuwsbrief' && isEditable(campaign)
            ? WaitingContributions({ campaignId: campaign.id, items: await waitingContributions(deps) })
            : undefined,
      }),
      status,
    );
  };

  app.get('/:id', async (c) => {
    const campaign = await campaignOf(c);
    const values = valuesOf(campaign);
    const extra = c.req.query('erbij');
    const list = LIST_NAMES.find((l) => l === extra);
    if (list && campaign.kind === 'nieuwsbrief' && isEditable(campaign))
      values.items[list] = [...values.items[list], blankItem(list)];
    return composerPage(c, campaign, { values, was: valuesOf(campaign) });
  });

  /**
   * save checks and stores the typed values against the version the form was opened at. A
   * stale version is a conflict only when someone else changed one of the composer's own
   * fields: a change of lists or layout elsewhere, or the same text, is no reason to stop.
   */
  const save = async (
    campaign: Campaign,
    values: ComposerValues,
    was: ComposerValues | undefined,
    version: number,
  ) => {
    const { content, fieldOf } = contentOf(campaign.kind, values);
    const errors: Errors = {};
    const refused = (fields: Record<string, string>) => {
      for (const [k, msg] of Object.entries(fields)) errors[fieldOf(k)] ??= msg;
    };
    // The same checks as the API's PATCH: its schema for subject and preheader, then the content's.
    const parsed = UpdateCampaign.safeParse({
      subject: values.subject,
      preheader: values.preheader.trim() || null,
    });
    if (!parsed.success) refused(fieldsFromZod(parsed.error));
    try {
      checkContent(campaign.kind, content);
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'validation')) throw err;
      refused(err.fields ?? { _: err.message });
    }
    if (!parsed.success || Object.keys(errors).length > 0)
      return { kind: 'invalid', errors } satisfies SaveOutcome;
    const patch = { ...parsed.data, content };
    const attempt = async (v: number): Promise<SaveOutcome> => {
      try {
        return { kind: 'saved', campaign: await updateCampaign(deps, campaign.id, patch, { version: v }) };
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        if (err.code === 'validation') {
          refused(err.fields ?? { _: err.message });
          return { kind: 'invalid', errors };
        }
        if (err.code === 'conflict' && err.fields?.[VERSION_CONFLICT])
          return { kind: 'conflict', current: campaign, changes: [], message: err.message };
        throw err;
      }
    };
    const first = await attempt(version);
    if (first.kind !== 'conflict') return first;
    const current = await getCampaign(deps.db, campaign.id);
    const now = valuesOf(current);
    const changes = was ? changesBetween(current.kind, was, now) : changesBetween(current.kind, values, now);
    const sameAsTyped = changesBetween(current.kind, values, now).length === 0;
    if (changes.length === 0 || sameAsTyped) return attempt(current.version);
    return { kind: 'conflict', current, changes, message: first.message } satisfies SaveOutcome;
  };

  const readPosted = async (c: C, campaign: Campaign) => {
    const form = await readFormFast(c);
    return {
      values: readValues(campaign.kind, form),
      was: readWas(one(form, 'was')),
      version: Number(one(form, 'versie')) || 0,
      action: readAction(one(form, 'actie')),
    };
  };

  const assertEditable = (campaign: Campaign) => {
    if (!isEditable(campaign))
      throw new AppError(
        'conflict',
        'Deze campagne wordt of werd al verstuurd en kan niet meer worden gewijzigd. Maak er een kopie van om verder te werken.',
      );
  };

  app.post('/:id', async (c) => {
    const campaign = await campaignOf(c);
    assertEditable(campaign);
    const posted = await readPosted(c, campaign);
    const values = applyAction(posted.values, posted.action);
    if (posted.action.kind === 'photo') {
      const item = values.items.articles[posted.action.index];
      if (!item || isBlank(item)) {
        const field = `content.articles.${posted.action.index}.title`;
        const errors = {
          [field]: 'Schrijf eerst de titel en de tekst van dit artikel; zet er daarna een foto bij.',
        };
        return composerPage(c, campaign, { values, was: posted.was, errors }, 400);
      }
    }
    const outcome = await save(campaign, values, posted.was, posted.version);
    if (outcome.kind === 'invalid')
      return composerPage(c, campaign, { values, was: posted.was, errors: outcome.errors }, 400);
    if (outcome.kind === 'conflict') {
      // Their text stays in the form; saving again now overwrites knowingly.
      return composerPage(
        c,
        outcome.current,
        {
          values,
          was: valuesOf(outcome.current),
          changes: outcome.changes,
        },
        409,
      );
    }
    return c.redirect(afterSave(campaign.id, posted.action, values), 303);
  });

  app.post('/:id/bewaren', async (c) => {
    const campaign = await campaignOf(c);
    if (!isEditable(campaign))
      return c.json({ message: 'Deze campagne kan niet meer worden gewijzigd.' }, 409);
    const posted = await readPosted(c, campaign);
    const outcome = await save(campaign, posted.values, posted.was, posted.version);
    if (outcome.kind === 'invalid')
      return c.json({ message: 'Nog niet opgeslagen.', errors: outcome.errors }, 400);
    if (outcome.kind === 'conflict') return c.json({ message: outcome.message, conflict: true }, 409);
    return c.json({
      version: outcome.campaign.version,
      was: JSON.stringify(valuesOf(outcome.campaign)),
      savedAt: dutchDateTime(outcome.campaign.updatedAt).replace(/^.* om /, ''),
    });
  });

  app.get('/:id/voorbeeld', async (c) => {
    const campaign = await campaignOf(c);
    const message = await previewCampaign(deps, campaign.id);
    return c.html(message.html, 200, { 'content-security-policy': cspFor('preview') });
  });

  app.post('/:id/voorbeeld', async (c) => {
    const campaign = await campaignOf(c);
    const form = await readFormFast(c);
    const values = readValues(campaign.kind, form);
    const { content } = contentOf(campaign.kind, values);
    const preview = await previewDraft(deps, campaign.id, {
      subject: values.subject,
      preheader: values.preheader,
      content,
    });
    return c.json(preview);
  });

  // --- An article's photo

  /** articleAt reads a Nieuwsbrief's article n (from 1) as the photo page shows it; undefined when there is none. */
  const articleAt = (campaign: Campaign, n: number): ArticleSnapshot | undefined => {
    if (campaign.kind !== 'nieuwsbrief') return undefined;
    const a = campaign.content.articles[n - 1];
    return a
      ? {
          title: a.title,
          body: a.body,
          imageUrl: a.imageUrl ?? '',
          imageAlt: a.imageAlt ?? '',
          link: a.link ?? '',
        }
      : undefined;
  };
  const noArticle = () =>
    new AppError(
      'not_found',
      'Dit artikel bestaat niet (meer) in deze Nieuwsbrief. Ga terug naar de Nieuwsbrief.',
    );

  const photoPage = (
    c: C,
    campaign: Campaign,
    n: number,
    article: ArticleSnapshot,
    opts: { alt?: string; errors?: Errors; changes?: Change[] } = {},
    status: ContentfulStatusCode = 200,
  ) =>
    page(
      c,
      ArticlePhotoPage({
        ...frame(c),
        campaignId: campaign.id,
        campaignSubject: campaign.subject,
        number: n,
        article,
        version: campaign.version,
        alt: opts.alt ?? '',
        errors: opts.errors ?? {},
        changes: opts.changes,
      }),
      status,
    );

  app.get('/:id/artikelen/:n/foto', async (c) => {
    const campaign = await campaignOf(c);
    assertEditable(campaign);
    const n = pathId(c.req.param('n'));
    const article = articleAt(campaign, n);
    if (!article) throw noArticle();
    return photoPage(c, campaign, n, article);
  });

  /**
   * The photo page changes one article's image, written into the content as it is stored now.
   * The composer's rule for a stale version holds, narrowed to what this page shows: when
   * someone else changed this article (or moved another into its place) since the page
   * opened, nothing is stored and the page says what changed; a change elsewhere in the
   * draft is no reason to stop, as it is not overwritten.
   */
  app.post('/:id/artikelen/:n/foto', limitBody(PHOTO_LIMITS.maxBytes + FORM_OVERHEAD), async (c) => {
    const campaign = await campaignOf(c);
    assertEditable(campaign);
    const n = pathId(c.req.param('n'));
    const form = await readForm(c);
    const alt = one(form, 'alt');
    const file = oneFile(form, 'foto');
    const was = readSnapshot(one(form, 'was'));
    const version = Number(one(form, 'versie')) || 0;
    const now = articleAt(campaign, n);
    if (version !== campaign.version) {
      const changes = was && now ? articleChanges(n, was, now) : [];
      if (!now || !was || changes.length > 0) {
        if (!now) throw noArticle();
        return photoPage(c, campaign, n, now, { alt, changes }, 409);
      }
    }
    if (!now) throw noArticle();

    const errors: Errors = {};
    if (!file) errors.foto = 'Kies een foto op uw computer of telefoon (JPEG of PNG).';
    const parsedAlt = PhotoAlt.safeParse(alt);
    if (!parsedAlt.success) errors.alt = parsedAlt.error.issues[0]!.message;
    if (Object.keys(errors).length > 0 || !file) return photoPage(c, campaign, n, now, { alt, errors }, 400);

    let url: string;
    try {
      const photo = await storePhoto(
        deps,
        new Uint8Array(await file.arrayBuffer()),
        alt,
        c.get('account').name,
      );
      url = photo.url;
    } catch (err) {
      if (
        err instanceof AppError &&
        (err.code === 'unsupported_media_type' || err.code === 'payload_too_large')
      )
        return photoPage(c, campaign, n, now, { alt, errors: { foto: err.message } }, statusOf[err.code]);
      const fields = fieldErrors(err);
      if (fields) return photoPage(c, campaign, n, now, { alt, errors: fields }, 400);
      throw err;
    }
    if (campaign.kind !== 'nieuwsbrief') throw noArticle();
    const articles = campaign.content.articles.map((a, i) =>
      i === n - 1 ? { ...a, imageUrl: url, imageAlt: parsedAlt.data } : a,
    );
    try {
      await updateCampaign(
        deps,
        campaign.id,
        { content: { ...campaign.content, articles } },
        { version: campaign.version },
      );
    } catch (err) {
      // Saved by someone else between our read and our write: the page again, with what changed.
      if (!(err instanceof AppError && err.code === 'conflict' && err.fields?.[VERSION_CONFLICT])) throw err;
      const current = await getCampaign(deps.db, campaign.id);
      const after = articleAt(current, n);
      if (!after) throw noArticle();
      return photoPage(c, current, n, after, { alt, changes: articleChanges(n, now, after) }, 409);
    }
    await accounts.logActivity(deps, actor(c), 'campaign-photo', `${campaign.subject}: ${now.title}`);
    return c.redirect(`/beheer/campagnes/${campaign.id}?melding=foto#blok-articles-${n - 1}`, 303);
  });

  // --- Deleting a draft

  const draftOf = async (c: C) => {
    const campaign = await campaignOf(c);
    if (campaign.status !== 'draft')
      throw new AppError(
        'conflict',
        `Alleen een concept kan worden verwijderd. “${campaign.subject}” is geen concept meer; maak er eventueel een kopie van.`,
      );
    return campaign;
  };

  app.get('/:id/verwijderen', async (c) => {
    const campaign = await draftOf(c);
    return page(
      c,
      DeleteDraftPage({ ...frame(c), campaign, takenContributions: await takenIntoCount(deps, campaign.id) }),
    );
  });

  app.post('/:id/verwijderen', async (c) => {
    const campaign = await draftOf(c);
    await deleteCampaign(deps, campaign.id);
    await accounts.logActivity(deps, actor(c), 'campaign-delete', campaign.subject);
    return c.redirect('/beheer/campagnes?melding=verwijderd', 303);
  });

  return app;
}

/** readSnapshot reads the hidden copy of the article as the photo page was opened. */
function readSnapshot(raw: string): ArticleSnapshot | undefined {
  try {
    const v = JSON.parse(raw) as Record<string, unknown>;
    const fields = ['title', 'body', 'imageUrl', 'imageAlt', 'link'] as const;
    if (!fields.every((f) => typeof v[f] === 'string')) return undefined;
    return Object.fromEntries(fields.map((f) => [f, v[f]])) as unknown as ArticleSnapshot;
  } catch {
    return undefined;
  }
}

/** articleChanges lists, field by field, what differs in article n between two snapshots. */
function articleChanges(n: number, was: ArticleSnapshot, now: ArticleSnapshot): Change[] {
  return (['title', 'body', 'imageUrl', 'imageAlt', 'link'] as const)
    .filter((f) => was[f].trim() !== now[f].trim())
    .map((f) => ({
      field: `content.articles.${n - 1}.${f}`,
      label: labelOf(`content.articles.${n - 1}.${f}`),
      was: was[f],
      now: now[f],
    }));
}

/** afterSave is where the save button leads: back to the composer, at the block that moved or was added. */
function afterSave(id: number, action: Action, values: ComposerValues): string {
  const base = `/beheer/campagnes/${id}`;
  if (action.kind === 'add') {
    const at = values.items[action.list].filter((i) => Object.values(i).some((v) => v.trim())).length;
    return `${base}?erbij=${action.list}#content.${action.list}.${at}.${firstField(action.list)}`;
  }
  if (action.kind === 'up' || action.kind === 'down') {
    const at = action.kind === 'up' ? Math.max(0, action.index - 1) : action.index + 1;
    return `${base}?melding=opgeslagen#blok-${action.list}-${at}`;
  }
  if (action.kind === 'remove') return `${base}?melding=opgeslagen#content.${action.list}`;
  if (action.kind === 'photo' || action.kind === 'unphoto') {
    // Blank blocks are left out of the saved mail: count the article's place among the rest.
    const at = values.items.articles.slice(0, action.index).filter((i) => !isBlank(i)).length;
    return action.kind === 'photo'
      ? `${base}/artikelen/${at + 1}/foto`
      : `${base}?melding=opgeslagen#blok-articles-${at}`;
  }
  return `${base}?melding=opgeslagen`;
}

const firstField = (list: ListName) => (list === 'agenda' ? 'date' : 'title');
