import type { App } from '../../src/app.js';
import type { Db } from '../../src/db/port.js';
import type { AppDeps } from '../../src/deps.js';
import { drainMailQueue } from '../../src/modules/subscribers/mail-queue.js';
import { auth } from '../support/app.js';

/** postJson sends a JSON body. */
export function postJson(app: App, path: string, body: unknown, headers: Record<string, string> = {}) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/**
 * postForm sends an application/x-www-form-urlencoded body as a plain HTML form on our own
 * pages does: the browser marks it Sec-Fetch-Site: same-origin (pass other headers to change that).
 */
export function postForm(
  app: App,
  path: string,
  fields: [string, string][],
  headers: Record<string, string> = {},
) {
  return app.request(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'sec-fetch-site': 'same-origin',
      ...headers,
    },
    body: new URLSearchParams(fields).toString(),
  });
}

/** OutboxMail is a stored message as GET /api/outbox shows it. */
export interface OutboxMail {
  subject: string;
  html: string;
  text: string;
  to: string;
  headers: Record<string, string>;
}

/**
 * mailsTo runs the mail worker once (it is not started in these tests) and reads the
 * outbox for one address, newest first, as the CoCo would.
 */
export async function mailsTo(
  t: { app: App; coco: string; deps: AppDeps },
  to: string,
): Promise<OutboxMail[]> {
  const { app, coco } = t;
  await drainMailQueue(t.deps);
  const res = await app.request(`/api/outbox?to=${encodeURIComponent(to)}`, { headers: auth(coco) });
  return (await res.json()).items;
}

/** linkIn finds the path of a link like /bevestigen/<token> in a mail's HTML. */
export function linkIn(mail: OutboxMail, page: 'bevestigen' | 'voorkeuren' | 'afmelden'): string {
  const m = new RegExp(`https?://[^/"\\s]+(/${page}/[A-Za-z0-9_.-]+)`).exec(mail.html);
  if (!m) throw new Error(`no /${page}/ link in mail "${mail.subject}"`);
  return m[1]!;
}

/** consentOf reads an address's consent log actions in order, as "list:action:source". */
export async function consentOf(db: Db, email: string): Promise<string[]> {
  const rows = await db.all<{ list: string | null; action: string; source: string }>(
    `SELECT l.slug AS list, c.action, c.source FROM consent_log c
       LEFT JOIN lists l ON l.id = c.list_id
       JOIN subscribers s ON s.id = c.subscriber_id
      WHERE s.email = ? ORDER BY c.id`,
    [email],
  );
  return rows.map((r) => `${r.list ?? '-'}:${r.action}:${r.source}`);
}

/** statusesOf reads an address's statuses as { list: status }. */
export async function statusesOf(db: Db, email: string): Promise<Record<string, string>> {
  const rows = await db.all<{ slug: string; status: string }>(
    `SELECT l.slug, su.status FROM subscriptions su JOIN lists l ON l.id = su.list_id
       JOIN subscribers s ON s.id = su.subscriber_id WHERE s.email = ?`,
    [email],
  );
  return Object.fromEntries(rows.map((r) => [r.slug, r.status]));
}
