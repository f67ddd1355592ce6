import { render } from '@react-email/render';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { NetwerkmailBody, NieuwsbriefBody } from '../../../emails/_components/campaign-parts.js';
import { Footer } from '../../../emails/_components/footer.js';
import { listPhrase } from '../../../emails/_components/parts.js';
import { netwerk } from '../../../emails/_components/theme.js';
import { Netwerkmail } from '../../../emails/netwerkmail.js';
import { Nieuwsbrief } from '../../../emails/nieuwsbrief.js';
import type { Db } from '../../db/port.js';
import type { AppDeps } from '../../deps.js';
import { escapeHtml } from '../../mail/markdown.js';
import { compileMjml, fillSlots } from '../../mail/mjml.js';
import { oneLine, plainText } from '../../mail/plain-text.js';
import { listNamesBySlug } from '../subscribers/repo.js';
import { assertStoredLayoutSound, getLayout, type LayoutDeps } from './layouts.js';
import { getCampaign as getCampaignRow } from './repo.js';
import type { Campaign } from './schema.js';

/** RenderedCampaign is a campaign rendered once, with %%TOKEN%% placeholders for per-recipient values. */
export interface RenderedCampaign {
  subject: string;
  html: string;
  text: string;
}

/** RecipientValues are what differs per recipient. */
export interface RecipientValues {
  name: string | null;
  email: string;
  unsubscribeUrl: string;
  preferencesUrl: string;
  webVersionUrl: string;
}

/**
 * Placeholders survive React (no character in them is escaped), MJML and html-to-text.
 * NAME stands for the name in the greeting; without a name it becomes "lezer".
 */
export const PLACEHOLDER = {
  name: '%%NAME%%',
  email: '%%EMAIL%%',
  unsubscribeUrl: '%%UNSUBSCRIBE_URL%%',
  preferencesUrl: '%%PREFERENCES_URL%%',
  webVersionUrl: '%%WEB_VERSION_URL%%',
} as const satisfies Record<keyof RecipientValues, string>;

const TOKEN = /%%(NAME|EMAIL|UNSUBSCRIBE_URL|PREFERENCES_URL|WEB_VERSION_URL)%%/g;
const KEY_OF: Record<string, keyof RecipientValues> = {
  NAME: 'name',
  EMAIL: 'email',
  UNSUBSCRIBE_URL: 'unsubscribeUrl',
  PREFERENCES_URL: 'preferencesUrl',
  WEB_VERSION_URL: 'webVersionUrl',
};

/** getCampaign reads one campaign or throws not_found (re-exported from repo.ts for the delivery module). */
export function getCampaign(db: Db, id: number): Promise<Campaign> {
  return getCampaignRow(db, id);
}

/** webVersionUrl is the public archive address of a campaign. */
export function webVersionUrl(publicUrl: string, slug: string): string {
  return `${publicUrl}/archief/${slug}`;
}

/** neutralValues are what the public web version shows: no name, no address, no personal links. */
export function neutralValues(publicUrl: string, slug: string): RecipientValues {
  return {
    name: null,
    email: '',
    unsubscribeUrl: `${publicUrl}/archief/afmelden`,
    preferencesUrl: `${publicUrl}/archief/afmelden`,
    webVersionUrl: webVersionUrl(publicUrl, slug),
  };
}

/** defuse breaks placeholder tokens the CoCo typed, so they cannot pull in another recipient's values. */
function defuse<T>(value: T): T {
  if (typeof value === 'string') return value.replace(TOKEN, (m) => `%\u200b${m.slice(1)}`) as T;
  if (Array.isArray(value)) return value.map(defuse) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, defuse(v)])) as T;
  }
  return value;
}

async function footerReason(db: Db, campaign: Campaign): Promise<string> {
  const names = await listNamesBySlug(db, campaign.lists);
  const listNames = campaign.lists.map((s) => names.get(s) ?? s);
  const lijst = listNames.length > 1 ? 'de lijsten' : 'de lijst';
  return `u op ${lijst} ${listPhrase(listNames)} van het ${netwerk.name} staat.`;
}

/**
 * renderCampaign renders a campaign once, with placeholders for the per-recipient values:
 * through its React Email template, or poured into its MJML layout when it has one.
 */
export async function renderCampaign(deps: AppDeps, campaign: Campaign): Promise<RenderedCampaign> {
  const c = defuse(campaign);
  const reason = await footerReason(deps.db, campaign);
  // Only a public Nieuwsbrief has a web version once sent; elsewhere the link would be a 404.
  const archived = campaign.kind === 'nieuwsbrief' && campaign.public;
  const links = {
    unsubscribeUrl: PLACEHOLDER.unsubscribeUrl,
    preferencesUrl: PLACEHOLDER.preferencesUrl,
    webVersionUrl: archived ? PLACEHOLDER.webVersionUrl : undefined,
  };
  let html: string;
  if (c.layout) {
    html = await renderInLayout(deps, c, reason, links);
  } else {
    const common = { subject: c.subject, preheader: c.preheader, name: PLACEHOLDER.name, reason, ...links };
    html = await render(
      c.kind === 'nieuwsbrief'
        ? createElement(Nieuwsbrief, { ...common, content: c.content })
        : createElement(Netwerkmail, { ...common, content: c.content }),
    );
  }
  return { subject: c.subject, html, text: plainText(html) };
}

async function renderInLayout(
  deps: LayoutDeps,
  c: Campaign,
  reason: string,
  links: { unsubscribeUrl: string; preferencesUrl: string; webVersionUrl: string | undefined },
): Promise<string> {
  const layout = await getLayout(deps, c.layout ?? '');
  assertStoredLayoutSound(layout);
  const body =
    c.kind === 'nieuwsbrief'
      ? createElement(NieuwsbriefBody, { content: c.content })
      : createElement(NetwerkmailBody, { content: c.content });
  const footer = renderToStaticMarkup(createElement(Footer, { reason, ...links }));
  let source = layout.mjml;
  // A layout written elsewhere may lack a footer: the unsubscribe link is not optional, so add one.
  if (!layout.slots.includes('footer') && !layout.slots.includes('unsubscribe_url')) {
    source = source.replace(
      /<\/mj-body>/,
      '<mj-section><mj-column><mj-text>{{footer}}</mj-text></mj-column></mj-section></mj-body>',
    );
  }
  source = withTitle(source);
  const filled = fillSlots(source, {
    subject: escapeHtml(c.subject),
    preheader: escapeHtml(c.preheader ?? ''),
    greeting: `Beste ${PLACEHOLDER.name},`,
    content: renderToStaticMarkup(body),
    footer,
    unsubscribe_url: links.unsubscribeUrl,
    preferences_url: links.preferencesUrl,
    web_version_url: links.webVersionUrl ?? '',
    netwerk_name: escapeHtml(netwerk.name),
    motto: escapeHtml(netwerk.motto),
  });
  return compileMjml(deps.runtime.mjml, filled, { strict: false });
}

/** withTitle gives a layout without a (non-empty) <mj-title> the campaign subject as the document title. */
export function withTitle(source: string): string {
  if (/<mj-title\b[^>]*>[^<]*\S[^<]*<\/mj-title>/i.test(source)) return source;
  const title = '<mj-title>{{subject}}</mj-title>';
  const stripped = source.replace(/<mj-title\b[^>]*(\/>|>[^<]*<\/mj-title>)/gi, '');
  if (/<mj-head\b[^>]*\/>/i.test(stripped))
    return stripped.replace(/<mj-head\b[^>]*\/>/i, `<mj-head>${title}</mj-head>`);
  if (/<mj-head\b[^>]*>/i.test(stripped))
    return stripped.replace(/<mj-head\b[^>]*>/i, (head) => `${head}${title}`);
  return stripped.replace(/<mjml\b[^>]*>/i, (root) => `${root}<mj-head>${title}</mj-head>`);
}

interface Compiled {
  parts: string[];
  keys: (keyof RecipientValues)[];
}
const compiledCache = new WeakMap<RenderedCampaign, { subject: Compiled; html: Compiled; text: Compiled }>();

function compile(template: string): Compiled {
  const parts: string[] = [];
  const keys: (keyof RecipientValues)[] = [];
  let last = 0;
  for (const m of template.matchAll(TOKEN)) {
    parts.push(template.slice(last, m.index));
    keys.push(KEY_OF[m[1] ?? ''] ?? 'name');
    last = (m.index ?? 0) + m[0].length;
  }
  parts.push(template.slice(last));
  return { parts, keys };
}

function fill(t: Compiled, values: Record<keyof RecipientValues, string>): string {
  let out = t.parts[0] ?? '';
  for (let i = 0; i < t.keys.length; i++)
    out += values[t.keys[i] as keyof RecipientValues] + (t.parts[i + 1] ?? '');
  return out;
}

/** htmlUrl makes a URL safe in an attribute and in text: characters that could end the attribute are percent-encoded, & escaped. */
function htmlUrl(url: string): string {
  return url.replace(/[\s"'<>`]/g, (ch) => encodeURIComponent(ch)).replace(/&/g, '&amp;');
}

/**
 * personalise fills in one recipient's values by precomputed split (no regex per recipient):
 * HTML-escaped in the html part (URLs made attribute-safe), raw in subject and text.
 */
export function personalise(rendered: RenderedCampaign, values: RecipientValues): RenderedCampaign {
  let compiled = compiledCache.get(rendered);
  if (!compiled) {
    compiled = {
      subject: compile(rendered.subject),
      html: compile(rendered.html),
      text: compile(rendered.text),
    };
    compiledCache.set(rendered, compiled);
  }
  // One line, as HTML shows it: a name with line breaks must not add lines to the text part.
  const name = oneLine(values.name ?? '') || 'lezer';
  const raw = {
    name,
    email: values.email,
    unsubscribeUrl: values.unsubscribeUrl,
    preferencesUrl: values.preferencesUrl,
    webVersionUrl: values.webVersionUrl,
  };
  const html = {
    name: escapeHtml(name),
    email: escapeHtml(values.email),
    unsubscribeUrl: htmlUrl(values.unsubscribeUrl),
    preferencesUrl: htmlUrl(values.preferencesUrl),
    webVersionUrl: htmlUrl(values.webVersionUrl),
  };
  return {
    subject: fill(compiled.subject, raw),
    html: fill(compiled.html, html),
    text: fill(compiled.text, raw),
  };
}
