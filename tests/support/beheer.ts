import type { App } from '../../src/app.js';
import type { AppDeps } from '../../src/deps.js';
import type { AccountInput } from '../../src/modules/accounts/schema.js';
import { createAccount } from '../../src/modules/accounts/service.js';
import { drainMailQueue } from '../../src/modules/subscribers/mail-queue.js';

/** Browser keeps cookies between requests to one app, sends the Origin a browser sends, and reads pages. */
export class Browser {
  cookies = new Map<string, string>();
  constructor(
    readonly app: App,
    readonly origin = 'https://stadsdorpen.test',
  ) {}

  private cookieHeader(): Record<string, string> {
    if (this.cookies.size === 0) return {};
    return { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  }

  private keep(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at);
      const value = pair!.slice(at + 1);
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** get opens a page. */
  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.keep(await this.app.request(path, { headers: { ...this.cookieHeader(), ...headers } }));
  }

  /** post submits a form, from a page of this service unless headers say otherwise. */
  async post(
    path: string,
    fields: [string, string][] = [],
    headers: Record<string, string> = {},
  ): Promise<Response> {
    return this.keep(
      await this.app.request(path, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: this.origin,
          'sec-fetch-site': 'same-origin',
          ...this.cookieHeader(),
          ...headers,
        },
        body: new URLSearchParams(fields).toString(),
      }),
    );
  }
}

/** outboxMails runs the mail worker once and reads the stored mails to one address, newest first. */
export async function outboxMails(
  deps: AppDeps,
  to: string,
): Promise<{ subject: string; html: string; text: string }[]> {
  await drainMailQueue(deps);
  return deps.db.all(
    'SELECT subject, html, text FROM outbox_messages WHERE to_address = ? ORDER BY id DESC',
    [to],
  );
}

/** beheerLinkIn finds the path of the /beheer/link/<token> link in a mail. */
export function beheerLinkIn(mail: { html: string }): string {
  const m = /https?:\/\/[^/"\s]+(\/beheer\/link\/[A-Za-z0-9_.-]+)/.exec(mail.html);
  if (!m) throw new Error('no /beheer/link/ link in the mail');
  return m[1]!;
}

/** logIn asks for a login link as a person would, reads it in the outbox and presses the button. */
export async function logIn(browser: Browser, deps: AppDeps, email: string): Promise<Response> {
  await browser.post('/beheer/inloggen', [['email', email]]);
  const [mail] = await outboxMails(deps, email);
  if (!mail) throw new Error(`no login mail for ${email}`);
  return browser.post(beheerLinkIn(mail));
}

/** addAccount makes an account directly through the service. */
export function addAccount(deps: AppDeps, input: Partial<AccountInput> & { email: string }) {
  return createAccount(deps, null, { name: 'Anna CoCo', role: 'coco', ...input });
}

/** EDDY is the editor of Stadsdorp Jordaan that the beheer tests share (the stadsdorp must exist). */
export const EDDY = {
  email: 'eddy@jordaan.nl',
  name: 'Eddy',
  role: 'stadsdorp',
  stadsdorp: 'jordaan',
} as const;

/** loggedIn opens a new Browser on the app, logged in as an existing account through the outbox. */
export async function loggedIn(t: { app: App; deps: AppDeps }, email: string): Promise<Browser> {
  const browser = new Browser(t.app);
  await logIn(browser, t.deps, email);
  return browser;
}
