/** @jsxImportSource hono/jsx */
// The poster maker: a stadsdorp's posters and handouts, for its editor and for the CoCo. The
// page beside the form is the print itself as SVG (src/modules/print/svg.ts: the same fitting
// and drawing as the PDF). Mounted at /beheer by routes.tsx.
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps } from '../../deps.js';
import { AppError, statusOf } from '../../errors.js';
import { limitBody } from '../../http.js';
import { actorOf, logActivity } from '../../modules/accounts/service.js';
import { FONT_FILES, type FontFace, fontAsset } from '../../modules/print/assets.js';
import { type CatalogueEntry, catalogue } from '../../modules/print/catalogue.js';
import { LOGO_MAX_BYTES } from '../../modules/print/logo.js';
import type { StadsdorpForPrint } from '../../modules/print/repo.js';
import { pdfResponse } from '../../modules/print/routes.js';
import { DesignInput, PrintRequest } from '../../modules/print/schema.js';
import * as print from '../../modules/print/service.js';
import { fontFaceCss } from '../../modules/print/svg.js';
import type { Errors } from './kit/field.js';
import {
  type AdminEnv,
  type C,
  FORM_OVERHEAD,
  frameWith,
  one,
  oneFile,
  page,
  pathId,
  readForm,
} from './kit/http.js';
import {
  DeleteDesignPage,
  DeletePhotoPage,
  type DesignValues,
  MakerPage,
  PostersPage,
  type Thumbnail,
} from './pages/posters.js';

// GET  /beheer/stadsdorpen/:slug/posters                    templates as thumbnails, saved designs, the photo
// GET  /beheer/stadsdorpen/:slug/posters/nieuw?template=    the maker with the template's texts
// GET  /beheer/stadsdorpen/:slug/posters/:id                the maker with a saved design
// POST /beheer/stadsdorpen/:slug/posters/ontwerp/voorbeeld  the maker again with the page as typed (no JavaScript)
// POST /beheer/stadsdorpen/:slug/posters/ontwerp/voorbeeld.svg  the page as typed, as SVG (posters.js, debounced)
// POST /beheer/stadsdorpen/:slug/posters/ontwerp/pdf        the PDF as typed (a download)
// POST /beheer/stadsdorpen/:slug/posters/ontwerp/opslaan    save a new design, or the one in `id`
// GET  /beheer/stadsdorpen/:slug/posters/:id/pdf            the PDF of a saved design
// POST /beheer/stadsdorpen/:slug/posters/:id/kopie          duplicate a design
// GET  /beheer/stadsdorpen/:slug/posters/:id/verwijderen    confirm step
// POST /beheer/stadsdorpen/:slug/posters/:id/verwijderen    delete a design
// POST /beheer/stadsdorpen/:slug/posters/foto               upload the poster photo (multipart)
// GET  /beheer/stadsdorpen/:slug/posters/foto/verwijderen  confirm step
// POST /beheer/stadsdorpen/:slug/posters/foto/verwijderen  remove the photo: posters print without one
// GET  /beheer/stadsdorpen/:slug/posters/beeld/:picture     the logo or photo the SVG shows (?v=sha256)
// GET  /beheer/static/posters.js                            counters and the live preview
// GET  /beheer/static/drukletter/:face.ttf                  the print fonts, for the SVG's @font-face
// Every /stadsdorpen/:slug path: the CoCo, or the editor of :slug (else a Dutch 403 page).

const FLASH: Record<string, string> = {
  opgeslagen: 'Het ontwerp is opgeslagen.',
  gekopieerd: 'Er is een kopie gemaakt. U bewerkt nu de kopie.',
  verwijderd: 'Het ontwerp is verwijderd.',
  foto: 'De foto is geplaatst. Hij staat nu op elke poster.',
  'foto-weg': 'De foto is verwijderd.',
};

const FONT_URL = '/beheer/static/drukletter';
const FONT_URLS = Object.fromEntries(
  (Object.keys(FONT_FILES) as FontFace[]).map((f) => [f, `${FONT_URL}/${f}.ttf`]),
) as Record<FontFace, string>;
const FONT_CSS = fontFaceCss(FONT_URLS);

// The maker's script: the counters under the fields, and the page redrawn 300 ms after the
// last keystroke from the form as typed (nothing is saved). Without it, the button
// "Voorbeeld bijwerken" posts the form and the page comes back redrawn.
const SCRIPT = `(function () {
  var form = document.querySelector('form[data-voorbeeld]');
  if (!form) return;
  var target = document.getElementById('voorbeeld-pagina');
  var status = document.getElementById('voorbeeld-status');
  var url = form.getAttribute('data-voorbeeld');
  var timer = null, asked = 0;
  function counters() {
    var fields = form.querySelectorAll('[data-max]');
    for (var i = 0; i < fields.length; i++) {
      var el = fields[i];
      var out = document.getElementById(el.id + '-teller');
      if (!out) continue;
      var left = Number(el.getAttribute('data-max')) - el.value.trim().length;
      out.textContent = left >= 0
        ? 'Nog ' + left + (left === 1 ? ' teken' : ' tekens')
        : (-left) + (left === -1 ? ' teken' : ' tekens') + ' te veel';
      out.className = left >= 0 ? 'teller' : 'teller te-veel';
    }
  }
  function refresh() {
    var mine = ++asked;
    var body = new URLSearchParams(new FormData(form));
    fetch(url, { method: 'POST', body: body, credentials: 'same-origin' }).then(function (res) {
      var type = res.headers.get('content-type') || '';
      if (res.ok && type.indexOf('image/svg+xml') === 0) return res.text().then(function (svg) {
        if (mine !== asked) return;
        target.innerHTML = svg;
        target.className = 'voorbeeld';
        target.setAttribute('data-versie', String(mine));
        status.textContent = '';
      });
      return res.json().then(function (answer) {
        if (mine !== asked) return;
        target.className = 'voorbeeld verouderd';
        status.textContent = 'Het voorbeeld is niet bijgewerkt: ' + answer.error.message;
      });
    }).catch(function () {
      if (mine === asked) status.textContent = 'Het voorbeeld kon niet worden bijgewerkt. Controleer de verbinding.';
    });
  }
  function changed() { counters(); clearTimeout(timer); timer = setTimeout(refresh, 300); }
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  counters();
})();
`;

// Where a service's error field is in the form.
const FORM_FIELD: Record<string, string> = {
  size: 'formaat',
  name: 'naam',
  template: 'template',
  bleed: 'afloop',
};
function formErrors(fields: Record<string, string> | undefined, message: string): Errors {
  if (!fields) return { _: message };
  const out: Errors = {};
  for (const [k, v] of Object.entries(fields)) {
    const key = k.startsWith('fields.')
      ? `veld.${k.slice(7)}`
      : (FORM_FIELD[k] ?? (k.startsWith('_') ? '_' : k));
    out[key] = out[key] ? `${out[key]} ${v}` : v;
  }
  return out;
}

const zodErrors = (issues: { path: PropertyKey[]; message: string }[]) => {
  const fields: Record<string, string> = {};
  for (const i of issues) fields[i.path.map(String).join('.')] ??= i.message;
  return fields;
};

const today = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Amsterdam',
});

/** posterPages serves the poster maker of a stadsdorp, its script and the print fonts. */
export function posterPages(deps: AppDeps) {
  const app = new Hono<AdminEnv>();
  const templates = catalogue();
  const titles = Object.fromEntries(templates.map((t) => [t.slug, t.title]));
  const templateOf = (slug: string): CatalogueEntry => {
    const t = templates.find((x) => x.slug === slug);
    if (!t) throw new AppError('not_found', `Er is geen ontwerp '${slug}'. Kies er een uit de lijst.`);
    return t;
  };
  const stadsdorpOf = (c: C) => print.stadsdorpFor(deps, c.get('principal'), c.req.param('slug') ?? '');
  const baseOf = (s: StadsdorpForPrint) => `/beheer/stadsdorpen/${s.slug}/posters`;
  const frame = (c: C) => frameWith(c, FLASH);
  const imageUrl = (s: StadsdorpForPrint) => (picture: 'logo' | 'photo', sha256: string) =>
    `${baseOf(s)}/beeld/${picture === 'logo' ? 'logo' : 'foto'}?v=${sha256.slice(0, 16)}`;

  const svgOf = (
    s: StadsdorpForPrint,
    template: string,
    req: PrintRequest,
    opts: { idPrefix: string; title?: string; maxPages?: number },
  ) => print.printSvg(deps, s, template, req, { ...opts, width: '100%', imageUrl: imageUrl(s) });

  // --- Static: the script and the fonts the SVG asks for.

  app.get('/static/posters.js', (c) =>
    c.body(SCRIPT, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'private, max-age=3600',
    }),
  );

  app.get('/static/drukletter/:file', async (c) => {
    const face = c.req.param('file').replace(/\.ttf$/, '') as FontFace;
    if (!Object.hasOwn(FONT_FILES, face)) throw new AppError('not_found', 'Deze letter bestaat niet.');
    const bytes = await deps.runtime.assets.read(fontAsset(face));
    if (!bytes) throw new AppError('not_found', 'Deze letter bestaat niet.');
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'font/ttf',
      'cache-control': 'private, max-age=86400',
    });
  });

  // --- The list: templates, designs, photo.

  const listPage = async (c: C, errors: Errors = {}, status: ContentfulStatusCode = 200) => {
    const s = await stadsdorpOf(c);
    const [profile, designs] = await Promise.all([print.readProfile(deps, s), print.listDesigns(deps, s)]);
    const thumbnails: Thumbnail[] = await Promise.all(
      templates.map(async (t) => {
        const req = {
          fields: {},
          size: t.sizes.includes('A4') ? ('A4' as const) : t.sizes[0]!,
          bleed: false,
        };
        // A default text of the profile that no longer fits shows as a card without its picture.
        const svg = await svgOf(s, t.slug, req, { idPrefix: `t-${t.slug}-`, maxPages: 1 }).catch(() => '');
        return { template: t, svg };
      }),
    );
    return page(
      c,
      PostersPage({
        ...frame(c),
        stadsdorp: s,
        fontCss: FONT_CSS,
        thumbnails,
        designs,
        titles,
        photo: profile.photo
          ? { meta: profile.photo, url: imageUrl(s)('photo', profile.photo.sha256) }
          : null,
        errors,
      }),
      status,
    );
  };

  app.get('/stadsdorpen/:slug/posters', (c) => listPage(c));

  // --- The maker.

  const makerPage = async (
    c: C,
    s: StadsdorpForPrint,
    values: DesignValues,
    errors: Errors = {},
    status: ContentfulStatusCode = 200,
  ) => {
    const template = templateOf(values.template);
    let preview: string | null = null;
    let shown = errors;
    const req = PrintRequest.safeParse({ fields: values.fields, size: values.size, bleed: values.bleed });
    if (req.success) {
      try {
        preview = await svgOf(s, template.slug, req.data, {
          idPrefix: 'v-',
          title: `Voorbeeld van ${template.title}, ${values.size}`,
        });
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'validation') throw err;
        shown = { ...formErrors(err.fields, err.message), ...errors };
        status = 400;
      }
    }
    return page(
      c,
      MakerPage({ ...frame(c), stadsdorp: s, template, values, errors: shown, fontCss: FONT_CSS, preview }),
      status,
    );
  };

  app.get('/stadsdorpen/:slug/posters/nieuw', async (c) => {
    const s = await stadsdorpOf(c);
    const template = templateOf(c.req.query('template') ?? '');
    const profile = await print.readProfile(deps, s);
    const fields = Object.fromEntries(
      template.fields.map((f) => [f.name, profile.defaultTexts[f.name] ?? f.default]),
    );
    return makerPage(c, s, {
      id: null,
      template: template.slug,
      name: `${template.title} ${today.format(deps.now())}`,
      size: template.sizes.includes('A3') ? 'A3' : template.sizes[0]!,
      bleed: false,
      fields,
    });
  });

  const designOf = async (c: C, s: StadsdorpForPrint) => {
    const id = pathId(c.req.param('id'));
    return print.readDesign(deps, s, id);
  };

  app.get('/stadsdorpen/:slug/posters/:id{[0-9]+}', async (c) => {
    const s = await stadsdorpOf(c);
    const d = await designOf(c, s);
    const template = templateOf(d.template);
    const fields = Object.fromEntries(template.fields.map((f) => [f.name, d.fields[f.name] ?? f.default]));
    return makerPage(c, s, {
      id: d.id,
      template: d.template,
      name: d.name,
      size: d.size,
      bleed: d.bleed,
      fields,
    });
  });

  /** readMaker reads the maker's form as typed. */
  const readMaker = async (c: C): Promise<DesignValues> => {
    const form = await readForm(c);
    const template = templateOf(one(form, 'template'));
    const fields: Record<string, string> = {};
    for (const f of template.fields) fields[f.name] = one(form, `veld.${f.name}`);
    const id = pathId(one(form, 'id'));
    return {
      id: id || null,
      template: template.slug,
      name: one(form, 'naam'),
      size: one(form, 'formaat'),
      bleed: one(form, 'afloop') === 'ja',
      fields,
    };
  };

  const printRequest = (v: DesignValues) => {
    const parsed = PrintRequest.safeParse({ fields: v.fields, size: v.size, bleed: v.bleed });
    if (parsed.success) return parsed.data;
    const fields = zodErrors(parsed.error.issues);
    if (fields.size) fields.size = 'Kies A4 of A3.';
    throw new AppError('validation', Object.values(fields).join(' '), fields);
  };

  app.post('/stadsdorpen/:slug/posters/ontwerp/voorbeeld', async (c) => {
    const s = await stadsdorpOf(c);
    const values = await readMaker(c);
    try {
      printRequest(values);
    } catch (err) {
      if (err instanceof AppError) return makerPage(c, s, values, formErrors(err.fields, err.message), 400);
      throw err;
    }
    return makerPage(c, s, values);
  });

  // The live preview answers SVG, or JSON naming what to fix (the script shows its message).
  app.post('/stadsdorpen/:slug/posters/ontwerp/voorbeeld.svg', async (c) => {
    const s = await stadsdorpOf(c);
    try {
      const values = await readMaker(c);
      const svg = await svgOf(s, values.template, printRequest(values), {
        idPrefix: 'v-',
        title: `Voorbeeld van ${titles[values.template]}, ${values.size}`,
      });
      return c.body(svg, 200, { 'content-type': 'image/svg+xml; charset=utf-8' });
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'forbidden') throw err;
      const fields = err.fields ? formErrors(err.fields, err.message) : undefined;
      return c.json(
        { error: { code: err.code, message: err.message, ...(fields ? { fields } : {}) } },
        statusOf[err.code] as ContentfulStatusCode,
      );
    }
  });

  app.post('/stadsdorpen/:slug/posters/ontwerp/pdf', async (c) => {
    const s = await stadsdorpOf(c);
    const values = await readMaker(c);
    try {
      const { pdf, filename } = await print.printPdf(deps, s, values.template, printRequest(values));
      return pdfResponse(pdf, filename);
    } catch (err) {
      if (err instanceof AppError && err.code === 'validation')
        return makerPage(c, s, values, formErrors(err.fields, err.message), 400);
      throw err;
    }
  });

  app.post('/stadsdorpen/:slug/posters/ontwerp/opslaan', async (c) => {
    const s = await stadsdorpOf(c);
    const values = await readMaker(c);
    const parsed = DesignInput.safeParse({
      template: values.template,
      name: values.name,
      fields: values.fields,
      size: values.size,
      bleed: values.bleed,
    });
    if (!parsed.success) {
      const fields = zodErrors(parsed.error.issues);
      if (fields.size) fields.size = 'Kies A4 of A3.';
      return makerPage(c, s, values, formErrors(fields, ''), 400);
    }
    let id: number;
    try {
      id = values.id
        ? (await print.replaceDesign(deps, s, values.id, parsed.data)).id
        : (await print.saveDesign(deps, s, parsed.data)).id;
    } catch (err) {
      if (err instanceof AppError && (err.code === 'validation' || err.code === 'conflict')) {
        const fields = err.code === 'conflict' ? { name: err.message } : err.fields;
        return makerPage(
          c,
          s,
          values,
          formErrors(fields, err.message),
          statusOf[err.code] as ContentfulStatusCode,
        );
      }
      throw err;
    }
    await logActivity(deps, actorOf(c.get('account')), 'design-save', `${s.name}: ${parsed.data.name}`);
    return c.redirect(`${baseOf(s)}/${id}?melding=opgeslagen`, 303);
  });

  // --- A saved design: its PDF, a copy, deleting it.

  app.get('/stadsdorpen/:slug/posters/:id{[0-9]+}/pdf', async (c) => {
    const s = await stadsdorpOf(c);
    const d = await designOf(c, s);
    const { pdf, filename } = await print.printDesign(deps, s, d.id);
    return pdfResponse(pdf, filename);
  });

  app.post('/stadsdorpen/:slug/posters/:id{[0-9]+}/kopie', async (c) => {
    const s = await stadsdorpOf(c);
    const d = await designOf(c, s);
    const names = new Set(
      (await print.listDesigns(deps, s)).filter((x) => x.template === d.template).map((x) => x.name),
    );
    let name = '';
    for (let n = 1; !name || names.has(name); n++)
      name = `${d.name.slice(0, 68)} (kopie${n > 1 ? ` ${n}` : ''})`;
    const copy = await print.saveDesign(deps, s, {
      template: d.template,
      name,
      fields: d.fields,
      size: d.size,
      bleed: d.bleed,
    });
    await logActivity(deps, actorOf(c.get('account')), 'design-save', `${s.name}: ${name}`);
    return c.redirect(`${baseOf(s)}/${copy.id}?melding=gekopieerd`, 303);
  });

  app.get('/stadsdorpen/:slug/posters/:id{[0-9]+}/verwijderen', async (c) => {
    const s = await stadsdorpOf(c);
    return page(c, DeleteDesignPage({ ...frame(c), stadsdorp: s, design: await designOf(c, s) }));
  });

  app.post('/stadsdorpen/:slug/posters/:id{[0-9]+}/verwijderen', async (c) => {
    const s = await stadsdorpOf(c);
    const d = await designOf(c, s);
    await print.removeDesign(deps, s, d.id);
    await logActivity(deps, actorOf(c.get('account')), 'design-delete', `${s.name}: ${d.name}`);
    return c.redirect(`${baseOf(s)}?melding=verwijderd`, 303);
  });

  // --- The photo: uploaded as the print profile's photo, shown on every poster.

  // A photo may be 5 MB, above the 256 kB every other form may send (app.ts leaves this path out).
  app.post('/stadsdorpen/:slug/posters/foto', limitBody(LOGO_MAX_BYTES + FORM_OVERHEAD), async (c) => {
    const s = await stadsdorpOf(c);
    const form = await readForm(c);
    const file = oneFile(form, 'foto');
    if (!file) return listPage(c, { foto: 'Kies een bestand met een foto.' }, 400);
    try {
      await print.uploadPhoto(deps, s, new Uint8Array(await file.arrayBuffer()));
    } catch (err) {
      if (err instanceof AppError && err.code !== 'forbidden')
        return listPage(c, { foto: err.message }, statusOf[err.code] as ContentfulStatusCode);
      throw err;
    }
    await logActivity(deps, actorOf(c.get('account')), 'photo-upload', s.name);
    return c.redirect(`${baseOf(s)}?melding=foto`, 303);
  });

  app.get('/stadsdorpen/:slug/posters/foto/verwijderen', async (c) => {
    const s = await stadsdorpOf(c);
    await print.readPhoto(deps, s);
    return page(c, DeletePhotoPage({ ...frame(c), stadsdorp: s }));
  });

  app.post('/stadsdorpen/:slug/posters/foto/verwijderen', async (c) => {
    const s = await stadsdorpOf(c);
    await print.removePhoto(deps, s);
    await logActivity(deps, actorOf(c.get('account')), 'photo-remove', s.name);
    return c.redirect(`${baseOf(s)}?melding=foto-weg`, 303);
  });

  app.get('/stadsdorpen/:slug/posters/beeld/:picture{logo|foto}', async (c) => {
    const s = await stadsdorpOf(c);
    const stored =
      c.req.param('picture') === 'logo' ? await print.readLogo(deps, s) : await print.readPhoto(deps, s);
    return c.body(stored.bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': stored.mime,
      // The address carries the picture's hash: a new upload is a new address.
      'cache-control': 'private, max-age=86400',
    });
  });

  return app;
}
