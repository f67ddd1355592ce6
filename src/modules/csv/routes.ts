import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { type AppEnv, validate } from '../../http.js';
import { requireRole } from '../auth/middleware.js';
import { StatusQuery } from '../subscribers/schema.js';
import { exportList } from './export.js';
import { importSubscribers } from './import.js';
import { MAX_IMPORT_BYTES } from './parse.js';

// POST /api/subscribers/import?list=SLUG[&dryRun=1][&stadsdorp=SLUG][&filename=NAME]  coco  CSV file as body or multipart field `file`
// GET  /api/subscribers/export?list=SLUG[&status=STATUS]                              coco  CSV for Dutch Excel (UTF-8 BOM, `;`)

const Slug = z
  .string({ error: 'Geef de lijst op, bijvoorbeeld ?list=besturen.' })
  .trim()
  .min(1, { error: 'Geef de lijst op, bijvoorbeeld ?list=besturen.' });

const Flag = z
  .enum(['0', '1', 'true', 'false', 'ja', 'nee'], { error: 'Gebruik 1 of 0.' })
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'ja');

const ImportQuery = z.object({
  list: Slug,
  dryRun: Flag,
  stadsdorp: z.string().trim().min(1).optional(),
  filename: z.string().trim().max(200).optional(),
});

const ExportQuery = z.object({
  list: Slug,
  status: StatusQuery.optional(),
});

const TEXT_TYPES = /^(text\/[\w.+-]+|application\/(csv|octet-stream|vnd\.ms-excel))$/;

const tooLarge = (): never => {
  throw new AppError(
    'payload_too_large',
    `Het bestand is te groot: maximaal ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Splits het in kleinere bestanden.`,
  );
};

/** readUpload takes the file from a multipart field `file` or from the raw body, with its name and declared charset. */
async function readUpload(
  req: Request,
): Promise<{ bytes: Uint8Array; fileName: string | null; charset?: string }> {
  const type = req.headers.get('content-type') ?? '';
  const mediaType = type.split(';')[0]!.trim().toLowerCase();
  const charset = /charset="?([\w.:-]+)"?/i.exec(type)?.[1];
  if (mediaType === 'multipart/form-data') {
    const form = await req.formData().catch(() => {
      throw new AppError(
        'validation',
        'De upload kon niet worden gelezen. Stuur het bestand in het veld "file".',
      );
    });
    const file = form.get('file');
    if (!file || typeof file === 'string') {
      throw new AppError('validation', 'Stuur het CSV-bestand in het formulierveld "file".', {
        file: 'Geen bestand ontvangen.',
      });
    }
    const fileCharset = /charset="?([\w.:-]+)"?/i.exec(file.type)?.[1];
    return {
      bytes: new Uint8Array(await file.arrayBuffer()),
      fileName: file.name || null,
      charset: fileCharset,
    };
  }
  if (mediaType && !TEXT_TYPES.test(mediaType)) {
    throw new AppError(
      'unsupported_media_type',
      `Stuur het bestand als text/csv of als multipart-upload in het veld "file" (ontvangen: ${mediaType}).`,
    );
  }
  return { bytes: new Uint8Array(await req.arrayBuffer()), fileName: null, charset };
}

/** csvRoutes is the CSV import and export of a list, for the CoCo. Mount it before the other /api/subscribers routes. */
export function csvRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post(
      '/import',
      requireRole(deps.db, 'coco'),
      validate('query', ImportQuery),
      bodyLimit({ maxSize: MAX_IMPORT_BYTES, onError: tooLarge }),
      async (c) => {
        const q = c.req.valid('query');
        const upload = await readUpload(c.req.raw);
        const report = await importSubscribers(deps, {
          listSlug: q.list,
          bytes: upload.bytes,
          fileName: upload.fileName ?? q.filename ?? null,
          charset: upload.charset,
          dryRun: q.dryRun,
          defaultStadsdorp: q.stadsdorp,
          actor: c.get('principal').name,
        });
        deps.log.info('subscriber import', {
          list: q.list,
          by: c.get('principal').name,
          dryRun: report.dryRun,
          imported: report.imported,
          updated: report.updated,
          skipped: report.skipped,
        });
        return c.json(report);
      },
    )
    .get('/export', requireRole(deps.db, 'coco'), validate('query', ExportQuery), async (c) => {
      const q = c.req.valid('query');
      const out = await exportList(deps, { listSlug: q.list, status: q.status ?? null });
      return new Response(out.body, {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${out.fileName}"`,
          'cache-control': 'no-store',
        },
      });
    });
}
