// Getting a campaign ready to send, as beheer's send page shows it: the checklist, the saved
// test addresses and the test mail to them, a Netwerkmail's choice of besturen, who will
// receive it, and (once frozen) whether it is public in the archief. Sending itself (freeze,
// schedule, pause, cancel) is the delivery module's, which lies above this one.
import { createHash } from 'node:crypto';
import { Marked, type Token } from 'marked';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { EmailAddress, isEmailAddress, normalizeEmail } from '../../kernel/email-address.js';
import { Gebied } from '../stadsdorpen/schema.js';
import { allStadsdorpen } from '../stadsdorpen/service.js';
import {
  type AudienceFilter,
  countAudience,
  countAudienceByList,
  filterParam,
} from '../subscribers/audience-repo.js';
import { listNamesBySlug } from '../subscribers/repo.js';
import { findLayout, type LayoutDeps } from './layouts.js';
import { getCampaign } from './repo.js';
import type { Campaign } from './schema.js';
import {
  deleteTestAddress,
  insertTestAddress,
  recordTest,
  testAddressRows,
  testedVersion,
  writeAudienceFilter,
  writePublic,
} from './sending-repo.js';
import { MAX_TEST_RECIPIENTS, sendTest } from './service.js';
import { campaignState } from './status.js';

/** ChecklistKey names the lines of the checklist, in the order the page shows them. */
export type ChecklistKey = 'subject' | 'preheader' | 'lists' | 'sender' | 'test' | 'sections' | 'links';

/** ChecklistLine is one line of the checklist: ok, or what to fix (with where, when `fix` is set). */
export interface ChecklistLine {
  key: ChecklistKey;
  label: string;
  ok: boolean;
  text: string;
  /** Where to fix it: 'composer' (the campaign's page), 'audience' or 'test' (the send page itself). */
  fix?: 'composer' | 'audience' | 'test';
  /** For the links line: each bad link with where it sits. */
  problems?: string[];
}

/** Checklist is every line, and whether the campaign may be sent. */
export interface Checklist {
  lines: ChecklistLine[];
  ready: boolean;
}

/** AudienceSummary is who will receive a campaign: per list, in all, and the choice of besturen. */
export interface AudienceSummary {
  total: number;
  perList: { slug: string; name: string; count: number }[];
  filter: AudienceFilter | null;
  /** The filter's stadsdorpen by name, for the page. */
  filterNames: string[];
}

/**
 * fingerprintOf hashes what a recipient sees of a campaign, its layout's MJML included (a
 * layout uploaded again changes the mail without changing the campaign): a test of another
 * fingerprint showed something else.
 */
export async function fingerprintOf(deps: LayoutDeps, c: Campaign): Promise<string> {
  const layout = c.layout ? ((await findLayout(deps, c.layout))?.mjml ?? null) : null;
  const seen = [c.kind, c.subject, c.preheader, c.content, c.lists, c.layout, c.public, layout];
  return createHash('sha256').update(JSON.stringify(seen)).digest('hex');
}

/** testAddresses lists the saved test addresses. */
export function testAddresses(deps: Pick<AppDeps, 'db'>): Promise<string[]> {
  return testAddressRows(deps.db);
}

/** addTestAddress saves an address for test mails; at most MAX_TEST_RECIPIENTS are kept. */
export async function addTestAddress(deps: Pick<AppDeps, 'db' | 'now'>, raw: string): Promise<string> {
  const parsed = EmailAddress.safeParse(raw);
  if (!parsed.success) {
    const message = 'Vul een e-mailadres in zoals naam@voorbeeld.nl.';
    throw new AppError('validation', message, { testAddress: message });
  }
  const saved = await testAddressRows(deps.db);
  if (saved.includes(parsed.data)) {
    const message = `${parsed.data} staat al bij de testadressen.`;
    throw new AppError('validation', message, { testAddress: message });
  }
  if (saved.length >= MAX_TEST_RECIPIENTS) {
    const message = `Er kunnen hoogstens ${MAX_TEST_RECIPIENTS} testadressen zijn. Verwijder er eerst een.`;
    throw new AppError('validation', message, { testAddress: message });
  }
  await insertTestAddress(deps.db, parsed.data, deps.now().toISOString());
  return parsed.data;
}

/** removeTestAddress forgets a saved test address. */
export async function removeTestAddress(deps: Pick<AppDeps, 'db'>, email: string): Promise<void> {
  if (!(await deleteTestAddress(deps.db, normalizeEmail(email))))
    throw new AppError('not_found', `${email} staat niet bij de testadressen.`);
}

/** sendTestToSaved sends a test mail to every saved test address and remembers which version it showed. */
export async function sendTestToSaved(
  deps: AppDeps,
  campaignId: number,
): Promise<{ sent: number; to: string[] }> {
  const to = await testAddressRows(deps.db);
  if (to.length === 0) {
    const message = 'Voeg eerst een testadres toe; de testmail gaat naar de opgeslagen testadressen.';
    throw new AppError('validation', message, { testAddress: message });
  }
  // The version read before the send: an edit in between makes the checklist ask again.
  const fingerprint = await fingerprintOf(deps, await getCampaign(deps.db, campaignId));
  const { sent } = await sendTest(deps, campaignId, to);
  await recordTest(deps.db, campaignId, fingerprint, deps.now().toISOString());
  return { sent, to };
}

/** setAudienceFilter stores a Netwerkmail's choice of besturen: only some gebieden or stadsdorpen, or (empty) all. */
export async function setAudienceFilter(
  deps: Pick<AppDeps, 'db' | 'now'>,
  campaignId: number,
  choice: { gebieden: string[]; stadsdorpen: string[] },
): Promise<AudienceFilter | null> {
  const campaign = await getCampaign(deps.db, campaignId);
  if (campaign.kind !== 'netwerkmail') {
    const message = 'Alleen een Netwerkmail kan naar de besturen van een deel van de stadsdorpen.';
    throw new AppError('validation', message, { gebieden: message });
  }
  const gebieden = [...new Set(choice.gebieden)];
  const wrongGebied = gebieden.find((g) => !Gebied.safeParse(g).success);
  if (wrongGebied !== undefined) {
    const message = `"${wrongGebied}" is geen gebied. Kies uit de lijst.`;
    throw new AppError('validation', message, { gebieden: message });
  }
  const known = new Set((await allStadsdorpen(deps)).map((s) => s.slug));
  const stadsdorpen = [...new Set(choice.stadsdorpen)];
  const wrongSlug = stadsdorpen.find((s) => !known.has(s));
  if (wrongSlug !== undefined) {
    const message = `Stadsdorp "${wrongSlug}" bestaat niet. Kies uit de lijst.`;
    throw new AppError('validation', message, { stadsdorpen: message });
  }
  const filter = gebieden.length || stadsdorpen.length ? { gebieden, stadsdorpen } : null;
  if (!(await writeAudienceFilter(deps.db, campaignId, filterParam(filter), deps.now().toISOString()))) {
    throw new AppError(
      'conflict',
      'Deze campagne wordt al verstuurd; de ontvangers liggen vast en kunnen niet meer veranderen.',
    );
  }
  return filter;
}

/** setArchivePublic chooses whether a sent (or sending) Nieuwsbrief shows in the public archief. */
export async function setArchivePublic(deps: Pick<AppDeps, 'db'>, campaignId: number, isPublic: boolean) {
  const campaign = await getCampaign(deps.db, campaignId);
  if (campaign.kind !== 'nieuwsbrief')
    throw new AppError('validation', 'Alleen een Nieuwsbrief kan in het archief staan; Netwerkmails nooit.');
  if (!(await writePublic(deps.db, campaignId, isPublic))) {
    throw new AppError(
      'conflict',
      'Kies dit in het concept zelf: pas als de campagne verstuurd wordt, staat hier of hij in het archief komt.',
    );
  }
}

/** audienceOf tells who will receive a campaign if it were sent now: per list and in all. */
export async function audienceOf(
  deps: Pick<AppDeps, 'db' | 'now'>,
  campaignId: number,
): Promise<AudienceSummary> {
  const state = await campaignState(deps.db, campaignId);
  const campaign = await getCampaign(deps.db, campaignId);
  const filter = state?.audienceFilter ?? null;
  const names = await listNamesBySlug(deps.db, campaign.lists);
  const byList = await countAudienceByList(deps.db, campaign.lists, filter);
  const stadsdorpen = await allStadsdorpen(deps);
  return {
    total: await countAudience(deps.db, campaign.lists, filter),
    perList: campaign.lists.map((slug) => ({
      slug,
      name: names.get(slug) ?? slug,
      count: byList.get(slug) ?? 0,
    })),
    filter,
    filterNames: (filter?.stadsdorpen ?? []).map((s) => stadsdorpen.find((x) => x.slug === s)?.name ?? s),
  };
}

const count = new Intl.NumberFormat('nl-NL');

/** peopleOn writes an audience as the page says it: "12 mensen op Besturen". */
export function peopleOn(a: AudienceSummary): string {
  const lists = a.perList.map((l) => l.name);
  const on = lists.length > 1 ? `${lists.slice(0, -1).join(', ')} en ${lists.at(-1)}` : (lists[0] ?? '');
  return `${count.format(a.total)} ${a.total === 1 ? 'persoon' : 'mensen'} op ${on}`;
}

/** filterPhrase writes a choice of besturen: "alleen de besturen in West en van Stadsdorp Jordaan". */
export function filterPhrase(a: AudienceSummary): string | null {
  if (!a.filter) return null;
  const parts: string[] = [];
  if (a.filter.gebieden.length) parts.push(`in ${a.filter.gebieden.join(', ')}`);
  if (a.filterNames.length) parts.push(`van ${a.filterNames.join(', ')}`);
  return `alleen de besturen ${parts.join(' en ')}`;
}

// --- The checklist

const lexer = new Marked({ gfm: true, breaks: true });

/** wellFormedLink tells whether a link is a complete http(s) URL with a real host name, or a mailto with an address; nothing is fetched. */
export function wellFormedLink(href: string): boolean {
  if (/\s/.test(href.trim()) || !href.trim()) return false;
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return false;
  }
  if (url.protocol === 'mailto:') {
    const to = decodeURIComponent(url.pathname);
    return to.split(',').every((a) => isEmailAddress(normalizeEmail(a)));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return /^([a-z0-9-]+\.)+[a-z]{2,}$/i.test(url.hostname) || url.hostname === 'localhost';
}

function markdownLinks(markdown: string): string[] {
  const found: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.type === 'link' || t.type === 'image') found.push((t as { href: string }).href);
      const inner = (t as { tokens?: Token[] }).tokens;
      if (inner) walk(inner);
      const items = (t as { items?: { tokens: Token[] }[] }).items;
      if (items) for (const i of items) walk(i.tokens);
    }
  };
  walk(lexer.lexer(markdown));
  return found;
}

const PART: Record<string, string> = {
  intro: 'Inleiding',
  closing: 'Slotwoord',
  body: 'Tekst',
  signature: 'Ondertekening',
  button: 'Knop',
  articles: 'Artikel',
  agenda: 'Agendapunt',
  kennisbank: 'Kennisbank-link',
  title: 'titel',
  link: 'link',
  url: 'link',
  imageUrl: 'afbeelding',
  imageAlt: 'alt-tekst',
  place: 'plaats',
  label: 'tekst op de knop',
};

/** whereIs names a place in the content as the volunteer knows it: "Artikel 2, link". */
function whereIs(path: (string | number)[]): string {
  const words: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const p = path[i]!;
    const next = path[i + 1];
    if (typeof p === 'string' && typeof next === 'number') {
      words.push(`${PART[p] ?? p} ${next + 1}`);
      i++;
    } else if (typeof p === 'string') words.push(PART[p] ?? p);
  }
  const [first, ...rest] = words;
  return [first ? first[0]!.toUpperCase() + first.slice(1) : '', ...rest].join(', ');
}

const URL_FIELDS = new Set(['link', 'url', 'imageUrl']);

/**
 * contentProblems walks a campaign's content: links that are not well formed, and texts or items
 * left empty. A link under `ownBase` (the service's PUBLIC_URL) is the service's own, as the
 * photos it stores and serves, and passes even when that base is an address like
 * http://127.0.0.1:3000 that no link typed by hand should have.
 */
export function contentProblems(content: unknown, ownBase?: string): { links: string[]; empty: string[] } {
  const links: string[] = [];
  const empty: string[] = [];
  const own = ownBase ? `${ownBase.replace(/\/+$/, '')}/` : undefined;
  const wellFormed = (href: string) =>
    (own !== undefined && href.trim().startsWith(own)) || wellFormedLink(href);
  const walk = (value: unknown, path: (string | number)[]) => {
    const key = path.at(-1);
    if (typeof value === 'string') {
      if (!value.trim()) empty.push(whereIs(path));
      else if (typeof key === 'string' && URL_FIELDS.has(key)) {
        if (!wellFormed(value)) links.push(`${whereIs(path)}: "${value}"`);
      } else {
        for (const href of markdownLinks(value))
          if (!wellFormed(href)) links.push(`${whereIs(path)}: "${href}"`);
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => {
        walk(v, [...path, i]);
      });
    } else if (value && typeof value === 'object') {
      const entries = Object.entries(value);
      if (
        path.length > 0 &&
        typeof key === 'number' &&
        entries.every(([, v]) => typeof v === 'string' && !v.trim())
      )
        empty.push(whereIs(path));
      else for (const [k, v] of entries) walk(v, [...path, k]);
    }
  };
  walk(content, []);
  return { links, empty };
}

const at = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Amsterdam',
});

/** checklist checks a campaign before it is sent; each line says it is fine, or what to fix and where. */
export async function checklist(deps: AppDeps, campaignId: number): Promise<Checklist> {
  const c = await getCampaign(deps.db, campaignId);
  const audience = await audienceOf(deps, campaignId);
  const tested = await testedVersion(deps.db, campaignId);
  const { links, empty } = contentProblems(c.content, deps.config.publicUrl);
  if (
    c.kind === 'nieuwsbrief' &&
    !c.content.articles.length &&
    !c.content.agenda.length &&
    !c.content.kennisbank.length
  )
    empty.push(
      'De Nieuwsbrief heeft alleen een inleiding: voeg een artikel, agendapunt of Kennisbank-link toe',
    );
  const filter = filterPhrase(audience);
  const lines: ChecklistLine[] = [
    c.subject.trim()
      ? { key: 'subject', label: 'Onderwerp', ok: true, text: c.subject }
      : { key: 'subject', label: 'Onderwerp', ok: false, text: 'Vul een onderwerp in.', fix: 'composer' },
    c.preheader?.trim()
      ? { key: 'preheader', label: 'Voorvertoningstekst', ok: true, text: c.preheader }
      : {
          key: 'preheader',
          label: 'Voorvertoningstekst',
          ok: false,
          text: 'Vul een voorvertoningstekst in: de regel die mailprogramma’s onder het onderwerp tonen.',
          fix: 'composer',
        },
    audience.total > 0
      ? {
          key: 'lists',
          label: 'Ontvangers',
          ok: true,
          text: `${peopleOn(audience)}${filter ? ` (${filter})` : ''}.`,
          fix: c.kind === 'netwerkmail' ? 'audience' : undefined,
        }
      : {
          key: 'lists',
          label: 'Ontvangers',
          ok: false,
          text: `Niemand zou deze mail krijgen: er staan geen bevestigde ontvangers op ${audience.perList.map((l) => l.name).join(' en ')}${filter ? ` (${filter})` : ''}. Kies andere lijsten${c.kind === 'netwerkmail' ? ' of andere besturen' : ''}.`,
          fix: c.kind === 'netwerkmail' && audience.filter ? 'audience' : 'composer',
        },
    {
      key: 'sender',
      label: 'Afzender',
      ok: true,
      text: `${deps.config.mailFrom}; antwoorden gaan naar ${deps.config.mailReplyTo}.`,
    },
    !tested.testedAt
      ? {
          key: 'test',
          label: 'Testmail',
          ok: false,
          text: 'Er is nog geen testmail verstuurd. Stuur er een en bekijk hem.',
          fix: 'test',
        }
      : tested.testedFingerprint !== (await fingerprintOf(deps, c))
        ? {
            key: 'test',
            label: 'Testmail',
            ok: false,
            text: `De campagne is gewijzigd na de laatste testmail (${at.format(new Date(tested.testedAt))}). Stuur een nieuwe.`,
            fix: 'test',
          }
        : {
            key: 'test',
            label: 'Testmail',
            ok: true,
            text: `Verstuurd op ${at.format(new Date(tested.testedAt))}, na de laatste wijziging.`,
          },
    empty.length
      ? { key: 'sections', label: 'Inhoud', ok: false, text: `Leeg: ${empty.join('; ')}.`, fix: 'composer' }
      : { key: 'sections', label: 'Inhoud', ok: true, text: 'Geen lege onderdelen.' },
    links.length
      ? {
          key: 'links',
          label: 'Links',
          ok: false,
          text: `${links.length === 1 ? 'Eén link is' : `${links.length} links zijn`} geen volledige http(s)- of mailto-link (zoals https://www.voorbeeld.nl of mailto:naam@voorbeeld.nl):`,
          fix: 'composer',
          problems: links,
        }
      : {
          key: 'links',
          label: 'Links',
          ok: true,
          text: 'Alle links zijn volledige http(s)- of mailto-links.',
        },
  ];
  return { lines, ready: lines.every((l) => l.ok) };
}
