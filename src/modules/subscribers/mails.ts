import type { AppDeps } from '../../deps.js';
import {
  type RenderedMail,
  renderConfirmSignup,
  renderUnsubscribed,
  renderWelcome,
} from '../../mail/transactional.js';
import { CONFIRM_LINK_DAYS, confirmUrl, preferencesUrl, unsubscribeUrl } from './links.js';

type Deps = Pick<AppDeps, 'config'>;

/** MailRecipient is who a transactional mail goes to. */
export interface MailRecipient {
  publicId: string;
  email: string;
  name: string | null;
}

/** TransactionalMail names the three mails of the subscriber flow. */
export type TransactionalMail =
  | { kind: 'confirm'; listNames: string[] }
  | { kind: 'welcome'; listNames: string[]; pendingApproval: boolean }
  | { kind: 'unsubscribed'; listNames: string[] };

// React Email takes ~20 ms per render, far too slow for a signup under load. Each
// mail is rendered once per shape (kind, lists, name or not, expiry day) with
// markers for the per-person values, then the markers are replaced, escaped for
// HTML, as the campaigns do. Markers are plain letters, so no template or text
// conversion alters them, and no person's value can contain one unnoticed.
const NAME = 'Xq7NaamMarkerXq7';
const CONFIRM = 'Xq7BevestigMarkerXq7';
const PREFERENCES = 'Xq7VoorkeurMarkerXq7';
const UNSUBSCRIBE = 'Xq7AfmeldMarkerXq7';
const TEMPLATE_CACHE_LIMIT = 200;

const dayFormat = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Amsterdam',
});

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

function template(deps: Deps, mail: TransactionalMail, hasName: boolean, now: Date): Promise<RenderedMail> {
  const publicUrl = deps.config.publicUrl;
  const name = hasName ? NAME : null;
  const expiresAt = new Date(now.getTime() + CONFIRM_LINK_DAYS * 86_400_000);
  const key = JSON.stringify([
    mail,
    hasName,
    publicUrl,
    mail.kind === 'confirm' ? dayFormat.format(expiresAt) : '',
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
          preferencesUrl: `${publicUrl}/voorkeuren/${PREFERENCES}`,
          unsubscribeUrl: `${publicUrl}/afmelden/${UNSUBSCRIBE}`,
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

/** renderTransactional renders one mail for one person: the cached shape with their name and signed links filled in. */
export async function renderTransactional(
  deps: Pick<AppDeps, 'config'>,
  to: MailRecipient,
  mail: TransactionalMail,
  now: Date,
): Promise<RenderedMail> {
  const links = { publicUrl: deps.config.publicUrl, secretKey: deps.config.secretKey };
  const name = to.name?.trim() ? to.name.trim() : null;
  const shape = await template(deps as Deps, mail, name !== null, now);
  // Signed tokens are base64url and dots: the same in HTML, URLs and text.
  const values: [string, string][] = [
    [CONFIRM, tokenOf(confirmUrl(links, to.publicId, now))],
    [PREFERENCES, tokenOf(preferencesUrl(links, to.publicId))],
    [UNSUBSCRIBE, tokenOf(unsubscribeUrl(links, to.publicId))],
  ];
  const fill = (s: string, escapeValue: (v: string) => string) => {
    let out = name === null ? s : s.replaceAll(NAME, escapeValue(name));
    for (const [marker, value] of values) if (out.includes(marker)) out = out.replaceAll(marker, value);
    return out;
  };
  return {
    subject: fill(shape.subject, (v) => v),
    html: fill(shape.html, escapeHtml),
    text: fill(shape.text, (v) => v),
  };
}
