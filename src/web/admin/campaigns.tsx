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
// Sending is elsewhere: /beheer/campagnes/:id/versturen.
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps } from '../../deps.js';
import { AppError, fieldsFromZod } from '../../errors.js';
import * as accounts from '../../modules/accounts/service.js';
import { previewDraft } from '../../modules/campaigns/draft-preview.js';
import { getCampaign, listCampaigns } from '../../modules/campaigns/repo.js';
import { type Campaign, CampaignKind, UpdateCampaign } from '../../modules/campaigns/schema.js';
import {
  checkContent,
  cloneCampaign,
  createCampaign,
  previewCampaign,
  starterCampaign,
  updateCampaign,
  VERSION_CONFLICT,
} from '../../modules/campaigns/service.js';
import { waitingContributions } from '../../modules/contributions/service.js';
import { cspFor } from '../csp.js';
import {
  type Action,
  applyAction,
  blankItem,
  type Change,
  type ComposerValues,
  changesBetween,
  contentOf,
  LIST_NAMES,
  type ListName,
  readAction,
  readValues,
  readWas,
  valuesOf,
} from './composer-form.js';
import { COMPOSER_SCRIPT } from './composer-script.js';
import type { Errors } from './kit/field.js';
import { type AdminEnv, type C, coco, type Form, one, page, pathId, readForm } from './kit/http.js';
import { dutchDateTime } from './kit/parts.js';
import { CampaignsPage, ComposerPage, isEditable } from './pages/campaigns.js';
import { WaitingContributions } from './pages/contributions.js';

const PAGE_SIZE = 50;

const FLASH: Record<string, string> = {
  aangemaakt: 'Het concept is aangemaakt. Alles wat u typt wordt vanzelf bewaard.',
  gekopieerd: 'De kopie is aangemaakt als nieuw concept.',
  opgeslagen: 'Het concept is opgeslagen.',
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

  const frame = (c: C) => {
    const f = c.get('frame');
    return { ...f, flash: FLASH[c.req.query('melding') ?? ''] ?? f.flash };
  };
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

  return app;
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
  return `${base}?melding=opgeslagen`;
}

const firstField = (list: ListName) => (list === 'agenda' ? 'date' : 'title');
