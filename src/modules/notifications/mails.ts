import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { oneLine } from '../../mail/plain-text.js';
import { accountLinkUrl, LINK_VALID_FOR } from './account-links.js';
import {
  CONFIRM_LINK_DAYS,
  confirmUrl,
  ERASE_LINK_HOURS,
  eraseUrl,
  preferencesUrl,
  unsubscribeUrl,
} from './links.js';
import {
  amsterdamDate,
  type RenderedMail,
  renderBoardRequestsNotice,
  renderConfirmSignup,
  renderContributionDeclined,
  renderContributionsDigest,
  renderEraseConfirm,
  renderLoginLink,
  renderUnsubscribed,
  renderWelcome,
} from './transactional.js';

type Deps = Pick<AppDeps, 'config'>;

/** MailRecipient is who a transactional mail goes to. */
export interface MailRecipient {
  publicId: string;
  email: string;
  name: string | null;
}

/**
 * TransactionalMail names the mails of the subscriber flow, as the mail queue stores them
 * (the kind in its column, the rest as JSON). A new kind is one more member here and its
 * case in `template`; the queue and the dispatcher take it as it is.
 */
export const TransactionalMail = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('confirm'), listNames: z.array(z.string()) }),
  z.object({
    kind: z.literal('welcome'),
    listNames: z.array(z.string()),
    pendingApproval: z.boolean(),
    approved: z.boolean().optional(),
  }),
  z.object({ kind: z.literal('unsubscribed'), listNames: z.array(z.string()) }),
  /** The link to erase one's own data, asked for on the preference page (no lists). */
  z.object({ kind: z.literal('erase'), listNames: z.array(z.string()) }),
  /** A one-time link into beheer, to an account (see modules/accounts). */
  z.object({
    kind: z.literal('login-link'),
    listNames: z.array(z.string()),
    linkId: z.string(),
    purpose: z.enum(['login', 'invite']),
  }),
  /** The CoCo's daily notice of board requests that waited a day, to an account (see modules/notices). */
  z.object({
    kind: z.literal('notice'),
    listNames: z.array(z.string()),
    waiting: z.number(),
    oldestAt: z.string(),
  }),
  /** The CoCo declined an editor's contribution: its title and their reason, to that editor (see modules/contributions). */
  z.object({
    kind: z.literal('contribution-declined'),
    listNames: z.array(z.string()),
    title: z.string(),
    reason: z.string(),
  }),
  /** The CoCo's daily digest of waiting contributions, to an account (see modules/contributions). */
  z.object({
    kind: z.literal('contributions-digest'),
    listNames: z.array(z.string()),
    waiting: z.number(),
    items: z.array(z.object({ stadsdorp: z.string(), kind: z.enum(['news', 'agenda']), title: z.string() })),
  }),
]);
export type TransactionalMail = z.infer<typeof TransactionalMail>;

// React Email takes ~20 ms per render, far too slow for a signup under load. Each
// mail is rendered once per shape (kind, lists, name or not, expiry day) with
// markers for the per-person values, then the markers are replaced, escaped for
// HTML, as the campaigns do. Markers are plain letters, so no template or text
// conversion alters them, and no person's value can contain one unnoticed.
const NAME = 'Xq7NaamMarkerXq7';
const CONFIRM = 'Xq7BevestigMarkerXq7';
const PREFERENCES = 'Xq7VoorkeurMarkerXq7';
const UNSUBSCRIBE = 'Xq7AfmeldMarkerXq7';
const ERASE = 'Xq7WisMarkerXq7';
const TEMPLATE_CACHE_LIMIT = 200;

const templates = new Map<string, Promise<RenderedMail>>();

/** escapeHtml escapes a value exactly as React escapes text and attributes. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;');
}

function tokenOf(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}

function template(
  deps: Deps,
  mail: Exclude<
    TransactionalMail,
    { kind: 'login-link' | 'notice' | 'contribution-declined' | 'contributions-digest' }
  >,
  hasName: boolean,
  now: Date,
): Promise<RenderedMail> {
  const publicUrl = deps.config.publicUrl;
  const name = hasName ? NAME : null;
  const expiresAt = new Date(now.getTime() + CONFIRM_LINK_DAYS * 86_400_000);
  const key = JSON.stringify([
    mail,
    hasName,
    publicUrl,
    mail.kind === 'confirm' ? amsterdamDate(expiresAt) : '',
  ]);
  let rendered = templates.get(key);
  if (!rendered) {
    if (templates.size >= TEMPLATE_CACHE_LIMIT) templates.clear();
    switch (mail.kind) {
      case 'confirm':
        rendered = renderConfirmSignup({
          name,
          confirmUrl: `${publicUrl}/bevestigen/${CONFIRM}`,
          listNames: mail.listNames,
          expiresAt,
          publicUrl,
        });
        break;
      case 'welcome':
        rendered = renderWelcome({
          name,
          listNames: mail.listNames,
          pendingApproval: mail.pendingApproval,
          approved: mail.approved ?? false,
          preferencesUrl: `${publicUrl}/voorkeuren/${PREFERENCES}`,
          unsubscribeUrl: `${publicUrl}/afmelden/${UNSUBSCRIBE}`,
          publicUrl,
        });
        break;
      case 'erase':
        rendered = renderEraseConfirm({
          name,
          eraseUrl: `${publicUrl}/wissen/${ERASE}`,
          hours: ERASE_LINK_HOURS,
          publicUrl,
        });
        break;
      case 'unsubscribed':
        rendered = renderUnsubscribed({
          name,
          listNames: mail.listNames,
          preferencesUrl: `${publicUrl}/voorkeuren/${PREFERENCES}`,
          publicUrl,
        });
        break;
    }
    rendered.catch(() => templates.delete(key));
    templates.set(key, rendered);
  }
  return rendered;
}

// A shape's text split at its markers, once per shape: filling in is then one join,
// and only the links the shape contains are signed.
type Part = string | { marker: string };
interface Compiled {
  subject: Part[];
  html: Part[];
  text: Part[];
  markers: Set<string>;
}
const MARKERS = new RegExp(`(${[NAME, CONFIRM, PREFERENCES, UNSUBSCRIBE, ERASE].join('|')})`);
const compiled = new WeakMap<RenderedMail, Compiled>();

function compile(shape: RenderedMail): Compiled {
  let c = compiled.get(shape);
  if (!c) {
    const markers = new Set<string>();
    const split = (s: string): Part[] =>
      s.split(MARKERS).map((piece, i) => {
        if (i % 2 === 0) return piece;
        markers.add(piece);
        return { marker: piece };
      });
    c = { subject: split(shape.subject), html: split(shape.html), text: split(shape.text), markers };
    compiled.set(shape, c);
  }
  return c;
}

/** renderTransactional renders one mail for one person: the cached shape with their name and signed links filled in. */
export async function renderTransactional(
  deps: Pick<AppDeps, 'config'>,
  to: MailRecipient,
  mail: TransactionalMail,
  now: Date,
): Promise<RenderedMail> {
  // Login links are few and personal: rendered whole, the token derived from the link's id.
  if (mail.kind === 'login-link') {
    const { publicUrl, secretKey } = deps.config;
    return renderLoginLink({
      name: to.name?.trim() || null,
      loginUrl: accountLinkUrl(publicUrl, secretKey!, mail.linkId),
      purpose: mail.purpose,
      validFor: LINK_VALID_FOR[mail.purpose],
      publicUrl,
    });
  }
  // Notices go to a handful of CoCo accounts once a day: rendered whole, like login links.
  if (mail.kind === 'notice') {
    const { publicUrl } = deps.config;
    return renderBoardRequestsNotice({
      name: to.name?.trim() || null,
      waiting: mail.waiting,
      oldestSince: amsterdamDate(new Date(mail.oldestAt)),
      startUrl: `${publicUrl}/beheer`,
      publicUrl,
    });
  }
  // Mails about contributions go to a few accounts: rendered whole, like notices.
  if (mail.kind === 'contribution-declined') {
    const { publicUrl } = deps.config;
    return renderContributionDeclined({
      name: to.name?.trim() || null,
      title: mail.title,
      reason: mail.reason,
      contributionsUrl: `${publicUrl}/beheer/bijdragen`,
      publicUrl,
    });
  }
  if (mail.kind === 'contributions-digest') {
    const { publicUrl } = deps.config;
    return renderContributionsDigest({
      name: to.name?.trim() || null,
      items: mail.items,
      waiting: mail.waiting,
      contributionsUrl: `${publicUrl}/beheer/bijdragen`,
      publicUrl,
    });
  }
  const links = { publicUrl: deps.config.publicUrl, secretKey: deps.config.secretKey };
  // One line, as HTML shows it: a name with line breaks must not add lines to the text part.
  const name = oneLine(to.name ?? '') || null;
  const shape = compile(await template(deps as Deps, mail, name !== null, now));
  // Signed tokens are base64url and dots: the same in HTML, URLs and text.
  const values = new Map<string, string>();
  if (shape.markers.has(CONFIRM)) values.set(CONFIRM, tokenOf(confirmUrl(links, to.publicId, now)));
  if (shape.markers.has(PREFERENCES)) values.set(PREFERENCES, tokenOf(preferencesUrl(links, to.publicId)));
  if (shape.markers.has(UNSUBSCRIBE)) values.set(UNSUBSCRIBE, tokenOf(unsubscribeUrl(links, to.publicId)));
  if (shape.markers.has(ERASE)) values.set(ERASE, tokenOf(eraseUrl(links, to.publicId, now)));
  const fill = (parts: Part[], nameValue: string) => {
    let out = '';
    for (const p of parts) {
      if (typeof p === 'string') out += p;
      else out += p.marker === NAME ? nameValue : values.get(p.marker)!;
    }
    return out;
  };
  return {
    subject: fill(shape.subject, name ?? ''),
    html: fill(shape.html, escapeHtml(name ?? '')),
    text: fill(shape.text, name ?? ''),
  };
}
