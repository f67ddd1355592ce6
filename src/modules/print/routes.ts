import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { type AppEnv, decimalId, validate } from '../../http.js';
import { requireRole } from '../auth/middleware.js';
import { catalogue } from './catalogue.js';
import { LOGO_MAX_BYTES } from './logo.js';
import { shortLinkTarget } from './printing.js';
import type { StadsdorpForPrint } from './repo.js';
import { DesignInput, PrintRequest, ProfilePatch, Slug } from './schema.js';
import * as print from './service.js';

// GET    /api/print/templates                               coco, stadsdorp   the catalogue: templates, sizes, fields
//
// Mounted on /api/stadsdorpen beside the stadsdorpen CRUD; an editor (stadsdorp) reaches only their own:
// GET    /api/stadsdorpen/:slug/profile                     coco, stadsdorp   brand colour, website, contact, default texts, logo
// PATCH  /api/stadsdorpen/:slug/profile                     coco, stadsdorp   change the profile
// POST   /api/stadsdorpen/:slug/logo                        coco, stadsdorp   upload the logo as the body (PNG, JPEG, SVG; 5 MB)
// GET    /api/stadsdorpen/:slug/logo                        coco, stadsdorp   the stored logo (PNG or JPEG)
// DELETE /api/stadsdorpen/:slug/logo                        coco, stadsdorp   remove the logo: prints show the name instead
// POST   /api/stadsdorpen/:slug/photo                       coco, stadsdorp   upload the poster photo as the body (as the logo)
// GET    /api/stadsdorpen/:slug/photo                       coco, stadsdorp   the stored photo (PNG or JPEG)
// DELETE /api/stadsdorpen/:slug/photo                       coco, stadsdorp   remove the photo: posters print without one
// POST   /api/stadsdorpen/:slug/print/:template             coco, stadsdorp   {fields, size, bleed} -> application/pdf
// GET    /api/stadsdorpen/:slug/designs                     coco, stadsdorp   saved designs
// POST   /api/stadsdorpen/:slug/designs                     coco, stadsdorp   save a design {template, name, fields, size, bleed}
// GET    /api/stadsdorpen/:slug/designs/:id                 coco, stadsdorp   one design
// PUT    /api/stadsdorpen/:slug/designs/:id                 coco, stadsdorp   replace a design
// DELETE /api/stadsdorpen/:slug/designs/:id                 coco, stadsdorp   delete a design
// POST   /api/stadsdorpen/:slug/designs/:id/pdf             coco, stadsdorp   print a saved design again

// Public, on /s (the short address printed under a poster's QR code):
// GET    /s/:code                                            anyone            302 to the signup page the QR code opens

const SlugParam = z.object({ slug: Slug });
const PrintParam = z.object({ slug: Slug, template: Slug });
const DesignParam = z.object({
  slug: Slug,
  id: decimalId('Het ontwerpnummer is een positief geheel getal.'),
});

// The stadsdorp of the path, checked against the principal before the body is read or
// validated: someone without access learns nothing about what the body should hold.
const checked = new WeakMap<Context<AppEnv>, StadsdorpForPrint>();

function stadsdorpAccess(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    checked.set(c, await print.stadsdorpFor(deps, c.get('principal'), c.req.param('slug') ?? ''));
    await next();
  };
}

function stadsdorpOf(c: Context<AppEnv>): StadsdorpForPrint {
  return checked.get(c)!;
}

/** pdfResponse answers a PDF as a download, never cached (the API's and beheer's poster downloads). */
export function pdfResponse(pdf: Uint8Array, filename: string): Response {
  return new Response(pdf as Uint8Array<ArrayBuffer>, {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${filename}"`,
      'content-length': String(pdf.byteLength),
      'cache-control': 'no-store',
    },
  });
}

/** printRoutes serves the print catalogue on /api/print. */
export function printRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/templates', requireRole(deps.db, 'coco', 'stadsdorp'), (c) =>
    c.json({ items: catalogue() }),
  );
}

/** shortLinkRoutes serves the short addresses printed on posters, on /s; they need no login. */
export function shortLinkRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/:code', async (c) => {
    c.header('cache-control', 'no-store');
    return c.redirect(await shortLinkTarget(deps, c.req.param('code')), 302);
  });
}

/** PictureService is the service side of one picture of a stadsdorp (its logo or its poster photo). */
interface PictureService {
  /** field names the picture in error fields ('logo', 'foto'). */
  field: string;
  /** the is the picture in a Dutch sentence, lower case ('het logo', 'de foto'). */
  the: string;
  upload: (deps: AppDeps, s: StadsdorpForPrint, bytes: Uint8Array) => Promise<unknown>;
  read: (deps: AppDeps, s: StadsdorpForPrint) => Promise<{ bytes: Uint8Array; mime: string; sha256: string }>;
  remove: (deps: AppDeps, s: StadsdorpForPrint) => Promise<void>;
}

/** pictureHandlers makes the body limit and the upload, read and delete handlers of one picture. */
function pictureHandlers(deps: AppDeps, picture: PictureService) {
  const The = picture.the[0]!.toUpperCase() + picture.the.slice(1);
  return {
    limit: bodyLimit({
      maxSize: LOGO_MAX_BYTES,
      onError: () => {
        throw new AppError(
          'payload_too_large',
          `${The} is groter dan 5 MB. Verklein het bestand en probeer opnieuw.`,
          { [picture.field]: 'maximaal 5 MB' },
        );
      },
    }),
    upload: async (c: Context<AppEnv>) => {
      if ((c.req.header('content-type') ?? '').startsWith('multipart/')) {
        throw new AppError(
          'unsupported_media_type',
          `Stuur ${picture.the} zelf als body (Content-Type image/png, image/jpeg of image/svg+xml), niet als formulier.`,
        );
      }
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      return c.json(await picture.upload(deps, stadsdorpOf(c), bytes), 201);
    },
    read: async (c: Context<AppEnv>) => {
      const stored = await picture.read(deps, stadsdorpOf(c));
      return new Response(stored.bytes as Uint8Array<ArrayBuffer>, {
        headers: {
          'content-type': stored.mime,
          'content-length': String(stored.bytes.byteLength),
          etag: `"${stored.sha256}"`,
          'cache-control': 'private, no-cache',
          'x-content-type-options': 'nosniff',
        },
      });
    },
    remove: async (c: Context<AppEnv>) => {
      await picture.remove(deps, stadsdorpOf(c));
      return c.body(null, 204);
    },
  };
}

/** stadsdorpPrintRoutes serves a stadsdorp's profile, logo, prints and designs on /api/stadsdorpen. */
export function stadsdorpPrintRoutes(deps: AppDeps) {
  const editors = requireRole(deps.db, 'coco', 'stadsdorp');
  const access = stadsdorpAccess(deps);
  const logo = pictureHandlers(deps, {
    field: 'logo',
    the: 'het logo',
    upload: print.uploadLogo,
    read: print.readLogo,
    remove: print.removeLogo,
  });
  const photo = pictureHandlers(deps, {
    field: 'foto',
    the: 'de foto',
    upload: print.uploadPhoto,
    read: print.readPhoto,
    remove: print.removePhoto,
  });
  return new Hono<AppEnv>()
    .get('/:slug/profile', editors, validate('param', SlugParam), access, async (c) => {
      const s = stadsdorpOf(c);
      return c.json(await print.readProfile(deps, s));
    })
    .patch(
      '/:slug/profile',
      editors,
      validate('param', SlugParam),
      access,
      validate('json', ProfilePatch),
      async (c) => {
        const s = stadsdorpOf(c);
        return c.json(await print.changeProfile(deps, s, c.req.valid('json')));
      },
    )
    .post('/:slug/logo', editors, validate('param', SlugParam), access, logo.limit, logo.upload)
    .get('/:slug/logo', editors, validate('param', SlugParam), access, logo.read)
    .delete('/:slug/logo', editors, validate('param', SlugParam), access, logo.remove)
    .post('/:slug/photo', editors, validate('param', SlugParam), access, photo.limit, photo.upload)
    .get('/:slug/photo', editors, validate('param', SlugParam), access, photo.read)
    .delete('/:slug/photo', editors, validate('param', SlugParam), access, photo.remove)
    .post(
      '/:slug/print/:template',
      editors,
      validate('param', PrintParam),
      access,
      validate('json', PrintRequest),
      async (c) => {
        const { template } = c.req.valid('param');
        const s = stadsdorpOf(c);
        const { pdf, filename } = await print.printPdf(deps, s, template, c.req.valid('json'));
        return pdfResponse(pdf, filename);
      },
    )
    .get('/:slug/designs', editors, validate('param', SlugParam), access, async (c) => {
      const s = stadsdorpOf(c);
      return c.json({ items: await print.listDesigns(deps, s) });
    })
    .post(
      '/:slug/designs',
      editors,
      validate('param', SlugParam),
      access,
      validate('json', DesignInput),
      async (c) => {
        const s = stadsdorpOf(c);
        return c.json(await print.saveDesign(deps, s, c.req.valid('json')), 201);
      },
    )
    .get('/:slug/designs/:id', editors, validate('param', DesignParam), access, async (c) => {
      const { id } = c.req.valid('param');
      const s = stadsdorpOf(c);
      return c.json(await print.readDesign(deps, s, id));
    })
    .put(
      '/:slug/designs/:id',
      editors,
      validate('param', DesignParam),
      access,
      validate('json', DesignInput),
      async (c) => {
        const { id } = c.req.valid('param');
        const s = stadsdorpOf(c);
        return c.json(await print.replaceDesign(deps, s, id, c.req.valid('json')));
      },
    )
    .delete('/:slug/designs/:id', editors, validate('param', DesignParam), access, async (c) => {
      const { id } = c.req.valid('param');
      const s = stadsdorpOf(c);
      await print.removeDesign(deps, s, id);
      return c.body(null, 204);
    })
    .post('/:slug/designs/:id/pdf', editors, validate('param', DesignParam), access, async (c) => {
      const { id } = c.req.valid('param');
      const s = stadsdorpOf(c);
      const { pdf, filename } = await print.printDesign(deps, s, id);
      return pdfResponse(pdf, filename);
    });
}
