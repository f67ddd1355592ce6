import { randomUUID } from 'node:crypto';
import { isConstraintError } from '../../db/constraint.js';
import type { Db } from '../../db/port.js';
import type { AppDeps } from '../../deps.js';
import { AppError, fieldsFromZod, notFound } from '../../errors.js';
import { paced } from '../outgoing/dispatcher.js';
import { slugify } from '../stadsdorpen/schema.js';
import {
  findSubscriberById,
  findSubscribersByEmail,
  listNamesBySlug,
  listSlugs,
  type SubscriberAddress,
} from '../subscribers/repo.js';
import { assertLayoutUsable } from './layouts.js';
import { campaignMessage } from './message.js';
import { type RenderedCampaign, renderCampaign, webVersionUrl } from './render.js';
import {
  deleteDraftCampaign,
  getCampaign,
  insertCampaign,
  slugTaken,
  updateEditableCampaign,
} from './repo.js';
import {
  type Campaign,
  type CreateCampaign,
  contentSchema,
  DEFAULT_LISTS,
  IMAGE_URL_MESSAGE,
  type UpdateCampaign,
} from './schema.js';

/**
 * ownPhotoUrl tells whether a URL is a photo this service serves itself (/fotos/<id>-<token>.jpg
 * under PUBLIC_URL), the one kind of image address that may be http: on a laptop PUBLIC_URL is
 * http://localhost, and a mail shows the photo from there.
 */
export function ownPhotoUrl(publicUrl: string, url: string): boolean {
  if (!url.startsWith(`${publicUrl}/fotos/`)) return false;
  return /^[0-9]+-[0-9a-f]{32}\.jpg$/.test(url.slice(publicUrl.length + '/fotos/'.length));
}

/**
 * ownPhotoUrlsOnly refuses an article image on plain http unless it is a photo of this
 * service: the schema lets http through, since it cannot know PUBLIC_URL.
 */
function ownPhotoUrlsOnly(deps: AppDeps, kind: Campaign['kind'], content: unknown): void {
  if (kind !== 'nieuwsbrief') return;
  const articles = (content as { articles?: { imageUrl?: string }[] }).articles ?? [];
  const fields: Record<string, string> = {};
  articles.forEach((a, i) => {
    if (a.imageUrl?.startsWith('http:') && !ownPhotoUrl(deps.config.publicUrl, a.imageUrl))
      fields[`content.articles.${i}.imageUrl`] = IMAGE_URL_MESSAGE;
  });
  const first = Object.values(fields)[0];
  if (first) throw new AppError('validation', `Controleer de inhoud: ${first}`, fields);
}

async function uniqueSlug(deps: AppDeps, subject: string, exceptId?: number): Promise<string> {
  // The month in front and a -2 behind still fit within Slug's 80 characters.
  const base = `${deps.now().toISOString().slice(0, 7)}-${slugify(subject, 60) || 'campagne'}`;
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await slugTaken(deps.db, slug, exceptId))) return slug;
  }
}

async function assertListsExist(deps: AppDeps, lists: string[]): Promise<string[]> {
  const unique = [...new Set(lists)];
  const found = await listNamesBySlug(deps.db, unique);
  const missing = unique.filter((s) => !found.has(s));
  if (missing.length) {
    throw new AppError('validation', `Deze lijst bestaat niet: ${missing.join(', ')}.`, {
      lists: `Onbekende lijst: ${missing.join(', ')}. Kies uit: ${(await listSlugs(deps.db)).join(', ')}.`,
    });
  }
  return unique;
}

/** createCampaign stores a new draft after checking its lists and layout exist. */
export async function createCampaign(
  deps: AppDeps,
  input: CreateCampaign,
  createdBy: string | null,
): Promise<Campaign> {
  ownPhotoUrlsOnly(deps, input.kind, input.content);
  const lists = await assertListsExist(deps, input.lists ?? DEFAULT_LISTS[input.kind]);
  if (input.layout) await assertLayoutUsable(deps, input.layout);
  const now = deps.now().toISOString();
  const row = {
    kind: input.kind,
    subject: input.subject,
    preheader: input.preheader || null,
    content: input.content,
    lists,
    layout: input.layout ?? null,
    public: input.public ?? input.kind === 'nieuwsbrief',
    createdBy,
    now,
  };
  const id = await withFreshSlug(deps, input.subject, undefined, (slug) =>
    insertCampaign(deps.db, { ...row, slug }),
  );
  return getCampaign(deps.db, id);
}

/**
 * withFreshSlug runs a write with a free slug. Two CoCo members saving the same subject at
 * once race for it; the UNIQUE index decides and the loser retries with the next one.
 */
async function withFreshSlug<T>(
  deps: AppDeps,
  subject: string,
  exceptId: number | undefined,
  write: (slug: string) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write(await uniqueSlug(deps, subject, exceptId));
    } catch (err) {
      if (attempt >= 10 || !isConstraintError(err, 'UNIQUE', 'campaigns.slug')) throw err;
    }
  }
}

function assertEditable(c: Campaign): void {
  const editable = c.status === 'draft' || (c.status === 'scheduled' && !c.startedAt);
  if (!editable) {
    throw new AppError(
      'conflict',
      `Deze campagne is ${statusWord[c.status]} en kan niet meer worden gewijzigd. Maak een nieuwe campagne.`,
    );
  }
}

const statusWord: Record<Campaign['status'], string> = {
  draft: 'een concept',
  scheduled: 'ingepland',
  sending: 'aan het versturen',
  paused: 'gepauzeerd tijdens het versturen',
  sent: 'al verstuurd',
  cancelled: 'geannuleerd',
};

/** VERSION_CONFLICT is the field a stale edit's conflict names, so a page can tell it from "no longer editable". */
export const VERSION_CONFLICT = 'version';

function assertVersion(c: Campaign, version: number | undefined): void {
  if (version === undefined || c.version === version) return;
  throw new AppError(
    'conflict',
    'Iemand anders heeft deze campagne intussen gewijzigd. Bekijk wat er veranderd is en sla dan opnieuw op.',
    { [VERSION_CONFLICT]: String(c.version) },
  );
}

/** checkContent checks content against a kind's schema; errors name `content.<path>`. */
export function checkContent<K extends Campaign['kind']>(kind: K, raw: unknown): Campaign['content'] {
  const parsed = contentSchema[kind].safeParse(raw);
  if (parsed.success) return parsed.data;
  const fields = Object.fromEntries(
    Object.entries(fieldsFromZod(parsed.error)).map(([k, v]) => [`content.${k}`, v]),
  );
  throw new AppError(
    'validation',
    `Controleer de inhoud: ${parsed.error.issues.map((i) => `content.${i.path.join('.')}: ${i.message}`).join('; ')}`,
    fields,
  );
}

/**
 * updateCampaign edits a draft (or a scheduled campaign that has not started); content is
 * checked against its kind. With `opts.version`, an edit made from another version than the
 * stored one is refused (conflict, field VERSION_CONFLICT) instead of overwriting it.
 */
export async function updateCampaign(
  deps: AppDeps,
  id: number,
  patch: UpdateCampaign,
  opts: { version?: number } = {},
): Promise<Campaign> {
  const current = await getCampaign(deps.db, id);
  assertEditable(current);
  assertVersion(current, opts.version);
  const content: unknown =
    patch.content === undefined ? current.content : checkContent(current.kind, patch.content);
  if (patch.content !== undefined) ownPhotoUrlsOnly(deps, current.kind, content);
  const lists = patch.lists ? await assertListsExist(deps, patch.lists) : current.lists;
  const layout = patch.layout === undefined ? current.layout : patch.layout;
  if (layout && layout !== current.layout) await assertLayoutUsable(deps, layout);
  const subject = patch.subject ?? current.subject;
  const write = (slug: string) =>
    updateEditableCampaign(
      deps.db,
      id,
      {
        slug,
        subject,
        preheader: patch.preheader === undefined ? current.preheader : patch.preheader || null,
        content,
        lists,
        layout,
        public: patch.public ?? current.public,
        now: deps.now().toISOString(),
      },
      opts.version,
    );
  const ok =
    subject === current.subject ? await write(current.slug) : await withFreshSlug(deps, subject, id, write);
  // The send started, or someone else saved, between our read and our write.
  if (!ok) {
    const now = await getCampaign(deps.db, id);
    assertEditable(now);
    assertVersion(now, opts.version);
  }
  return getCampaign(deps.db, id);
}

const MAX_SUBJECT = 150;

/** cloneCampaign copies any campaign (sent ones too) into a new draft named "Kopie van ...". */
export async function cloneCampaign(deps: AppDeps, id: number, createdBy: string | null): Promise<Campaign> {
  const source = await getCampaign(deps.db, id);
  const subject = `Kopie van ${source.subject}`.slice(0, MAX_SUBJECT).trimEnd();
  const common = {
    subject,
    preheader: source.preheader ?? undefined,
    lists: source.lists,
    layout: source.layout ?? undefined,
    public: source.public,
  };
  // A layout deleted since the source was sent would make the copy unrenderable: leave it out.
  if (common.layout && !(await layoutUsable(deps, common.layout))) common.layout = undefined;
  return source.kind === 'nieuwsbrief'
    ? createCampaign(deps, { kind: 'nieuwsbrief', content: source.content, ...common }, createdBy)
    : createCampaign(deps, { kind: 'netwerkmail', content: source.content, ...common }, createdBy);
}

async function layoutUsable(deps: AppDeps, name: string): Promise<boolean> {
  try {
    await assertLayoutUsable(deps, name);
    return true;
  } catch {
    return false;
  }
}

const MONTHS = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

/** starterCampaign is the first draft of a kind: a subject with the month, and text that says what goes where. */
export function starterCampaign(kind: Campaign['kind'], now: Date): CreateCampaign {
  const month = new Intl.DateTimeFormat('en', { month: 'numeric', timeZone: 'Europe/Amsterdam' }).format(now);
  const year = new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(now);
  const monthName = `${MONTHS[Number(month) - 1]} ${year}`;
  if (kind === 'nieuwsbrief') {
    return {
      kind,
      subject: `Netwerk Nieuwsbrief ${monthName}`,
      preheader: 'Nieuws uit de stadsdorpen, de agenda en nieuwe artikelen in de Kennisbank',
      content: {
        intro: `Welkom bij de Netwerk Nieuwsbrief van ${monthName}. In deze nieuwsbrief leest u het nieuws uit de stadsdorpen, de agenda van het Netwerk en nieuwe artikelen in de Kennisbank.`,
        articles: [],
        agenda: [],
        kennisbank: [],
        closing: 'Met hartelijke groet,\nde Coördinatiecommissie van het Netwerk Amsterdamse Stadsdorpen',
      },
    };
  }
  return {
    kind,
    subject: 'Netwerkmail aan de besturen',
    content: {
      body: 'Beste bestuursleden,\n\nSchrijf hier uw bericht.',
      signature: 'Met vriendelijke groet,\nde Coördinatiecommissie van het Netwerk Amsterdamse Stadsdorpen',
    },
  };
}

/** deleteCampaign deletes a draft; anything further along is history and stays. */
export async function deleteCampaign(deps: AppDeps, id: number): Promise<void> {
  const c = await getCampaign(deps.db, id);
  if (c.status !== 'draft' || !(await deleteDraftCampaign(deps.db, id))) {
    throw new AppError(
      'conflict',
      `Alleen een concept kan worden verwijderd; deze campagne is ${statusWord[c.status]}.`,
    );
  }
}

/**
 * DeliveryCounter counts a campaign's deliveries by status. The delivery module owns the
 * deliveries and lies above campaigns (it freezes and sends them), so campaigns does not
 * import it: app.ts hands its counter in.
 */
export type DeliveryCounter<Counts> = (db: Db, campaignId: number) => Promise<Counts>;

/** campaignView is a campaign as the API shows it: with its web version address and delivery counts. */
export async function campaignView<Counts>(
  deps: AppDeps,
  c: Campaign,
  countDeliveries: DeliveryCounter<Counts>,
) {
  return {
    ...c,
    webVersionUrl: webVersionUrl(deps.config.publicUrl, c.slug),
    counts: await countDeliveries(deps.db, c.id),
  };
}

/** SAMPLE_RECIPIENT is who a preview is for when no subscriber is named. */
export const SAMPLE_RECIPIENT: SubscriberAddress = {
  email: 'voorbeeld@stadsdorpen.nl',
  name: 'Anna',
  publicId: 'voorbeeld',
};

/** previewCampaign renders the campaign as one subscriber (or the sample recipient) would get it. */
export async function previewCampaign(deps: AppDeps, id: number, subscriberId?: number) {
  const campaign = await getCampaign(deps.db, id);
  let recipient = SAMPLE_RECIPIENT;
  if (subscriberId !== undefined) {
    const s = (await findSubscriberById(deps.db, subscriberId)) ?? notFound(`Abonnee ${subscriberId}`);
    recipient = { email: s.email, name: s.name, publicId: s.publicId };
  }
  const rendered = await renderCampaign(deps, campaign);
  return campaignMessage(deps.config, campaign, rendered, { ...recipient, listSlug: null });
}

/** MAX_TEST_RECIPIENTS keeps a test mail a test. */
export const MAX_TEST_RECIPIENTS = 10;

/**
 * sendTest sends the campaign to a few addresses through the real transport, marked as a test
 * in subject and header, taking its slot from the shared send-rate bucket ahead of campaign batches. It writes no delivery rows, so the real send later is unaffected.
 */
export async function sendTest(deps: AppDeps, id: number, to: string[]): Promise<{ sent: number }> {
  const campaign = await getCampaign(deps.db, id);
  const rendered: RenderedCampaign = await renderCampaign(deps, campaign);
  const addresses = [...new Set(to)];
  const known = await findSubscribersByEmail(deps.db, addresses);
  const messages = addresses.map((email) => {
    const r = known.get(email) ?? { email, name: null, publicId: `test-${randomUUID()}` };
    const m = campaignMessage(deps.config, campaign, rendered, { ...r, listSlug: null });
    return { ...m, subject: `[TEST] ${m.subject}`, headers: { ...m.headers, 'X-Stadsdorpen-Test': '1' } };
  });
  // One bucket with every other mail, in the transactional class: a volunteer waits for it.
  if (paced(deps.transport, 'transactional')) await deps.runtime.sendBucket.acquire('transactional');
  const outcome = await deps.transport.sendBatch(messages, { idempotencyKey: `test-${id}-${randomUUID()}` });
  if (outcome.kind === 'rate_limited') deps.runtime.sendBucket.pauseFor(outcome.retryAfterMs);
  if (outcome.kind !== 'sent') {
    throw new AppError(
      'unavailable',
      `De testmail kon niet worden verstuurd (${outcome.reason}). Probeer het later opnieuw.`,
    );
  }
  return { sent: messages.length };
}
