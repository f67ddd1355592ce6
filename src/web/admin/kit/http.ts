/** @jsxImportSource hono/jsx */
// What every group of beheer pages shares: the context type with the logged-in account, the
// page answer, form reading, ids in paths and the CoCo-only guard. A group of pages is a
// file in src/web/admin/ exporting a Hono app of AdminEnv, mounted in routes.tsx after the
// session middleware, so every page in it has c.get('account'), 'principal' and 'frame'.
import type { Context, MiddlewareHandler } from 'hono';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../../../errors.js';
import type { AppEnv } from '../../../http.js';
import type { Account, Session } from '../../../modules/accounts/schema.js';
import type { Frame } from '../pages/people.js';
import type { Errors } from './field.js';

/** AdminEnv types the context of every beheer page behind the login. */
export interface AdminEnv extends AppEnv {
  Variables: AppEnv['Variables'] & { account: Account; session: Session; frame: Frame };
}
/** C is the context of a beheer page behind the login. */
export type C = Context<AdminEnv>;
/** Page is what a page component returns. */
export type Page = HtmlEscapedString | Promise<HtmlEscapedString>;

/** page answers with a whole HTML document. */
export async function page(c: Context, body: Page, status: ContentfulStatusCode = 200): Promise<Response> {
  return c.html(`<!doctype html>${await body}`, status);
}

/** Form is a parsed form body, repeated fields as arrays. */
export type Form = Record<string, string | File | (string | File)[]>;

/** readForm parses a form body; a body that cannot be read is an empty form. */
export async function readForm(c: Context): Promise<Form> {
  try {
    return (await c.req.parseBody({ all: true })) as Form;
  } catch {
    return {};
  }
}

/** FORM_OVERHEAD is room for a multipart form's boundaries and headers around an uploaded file. */
export const FORM_OVERHEAD = 64 * 1024;

/** one is the first string value of a form field, or ''. */
export function one(form: Form, key: string): string {
  const v = form[key];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : '';
}

/** oneFile is the first file of a form field when one was chosen (not empty), else undefined. */
export function oneFile(form: Form, key: string): File | undefined {
  const v = form[key];
  const first = Array.isArray(v) ? v[0] : v;
  return first instanceof File && first.size > 0 ? first : undefined;
}

/** fieldErrors turns a refusal of a service into the errors a form shows at its fields. */
export function fieldErrors(err: unknown): Errors | undefined {
  if (
    err instanceof AppError &&
    (err.code === 'validation' || err.code === 'conflict' || err.code === 'not_found')
  )
    return err.fields ?? { _: err.message };
  return undefined;
}

/** coco admits CoCo accounts only; an editor gets a Dutch 403 page. */
export const coco: MiddlewareHandler<AdminEnv> = async (c, next) => {
  if (c.get('account').role !== 'coco')
    throw new AppError(
      'forbidden',
      'Deze pagina is alleen voor de CoCo. U kunt hier als redacteur niet bij.',
    );
  await next();
};

/**
 * frameWith is the page frame with this group's flash message for ?melding= in place of the
 * frame's own (the session's keys, e.g. after logging in), when the group knows the key.
 */
export function frameWith(c: C, flashes: Record<string, string>): Frame {
  const f = c.get('frame');
  return { ...f, flash: flashes[c.req.query('melding') ?? ''] ?? f.flash ?? null };
}

export /** pathId reads an id in a path: decimal digits only (as the API's ids), else 0, which names no row. */
function pathId(raw: string | undefined): number {
  return raw && /^[0-9]{1,15}$/.test(raw) ? Number(raw) : 0;
}
