// The posters and handouts as a print designer looks at them: the QR code large enough to
// scan from a distance, the title filling its band, no dead zone above the QR panel, and
// handout cards as tall as their texts.
import { describe, expect, it } from 'vitest';
import {
  changeProfile,
  preparePrint,
  printPdf,
  stadsdorpFor,
  uploadLogo,
  uploadPhoto,
} from '../../src/modules/print/service.js';
import type { DrawnPage, Op, TextOp } from '../../templates/print/_kit/draw.js';
import { fieldMeta } from '../../templates/print/_kit/fields.js';
import { MM } from '../../templates/print/_kit/theme.js';
import { TEMPLATES } from '../../templates/print/index.js';
import { fixture, longText, qrWidthMm } from '../fixtures/print/inspect.js';
import { addStadsdorp, makeDeps } from '../support/app.js';

const coco = { tokenId: 1, name: 'CoCo', role: 'coco' as const, stadsdorpId: null };

async function setup() {
  const { deps } = await makeDeps();
  await addStadsdorp(deps, { slug: 'jordaan', name: 'Stadsdorp Jordaan' });
  const s = await stadsdorpFor(deps, coco, 'jordaan');
  await changeProfile(deps, s, { brandColour: '#0B5D8C', website: 'www.stadsdorpjordaan.nl' });
  await uploadLogo(deps, s, fixture('logo.png'));
  return { deps, s };
}

const posters = TEMPLATES.filter((t) => t.kind === 'poster');
const handouts = TEMPLATES.filter((t) => t.kind === 'handout');
type Texts = 'default' | 'shortest' | 'longest';
function fieldsFor(t: (typeof TEMPLATES)[number], which: Texts): Record<string, string> {
  if (which === 'default') return {};
  return Object.fromEntries(
    Object.entries(t.fields.shape).map(([name, schema]) => {
      const m = fieldMeta(schema);
      return [name, which === 'longest' ? longText(m.maxLength) : m.required ? 'Kom!' : ''];
    }),
  );
}

async function drawn(slug: string, size: 'A3' | 'A4', which: Texts): Promise<DrawnPage[]> {
  const { deps, s } = await setup();
  const t = TEMPLATES.find((x) => x.slug === slug)!;
  const p = await preparePrint(deps, s, slug, { fields: fieldsFor(t, which), size, bleed: false });
  return p.template.draw(p.props);
}

const texts = (ops: Op[]) => ops.filter((o): o is TextOp => o.op === 'text');
const bottom = (o: TextOp) => o.y + o.lines.length * o.size * o.lineHeight;

describe('the QR code', () => {
  it.each([
    ['A3', 60],
    ['A4', 45],
  ] as const)('is at least %s: %i mm wide, measured on the rasterised poster', async (size, mm) => {
    const { deps, s } = await setup();
    for (const t of posters) {
      const { pdf } = await printPdf(deps, s, t.slug, { fields: {}, size, bleed: true });
      expect(qrWidthMm(pdf), t.slug).toBeGreaterThanOrEqual(mm);
    }
  });
});

describe('the poster layout', () => {
  it.each(
    posters.flatMap((t) =>
      (['A3', 'A4'] as const).flatMap((size) =>
        (['default', 'shortest', 'longest'] as const).map((which) => ({ slug: t.slug, size, which })),
      ),
    ),
  )(
    '$slug $size with the $which texts: no empty zone over 3 cm between the text and the QR panel',
    async ({ slug, size, which }) => {
      const [page] = await drawn(slug, size, which);
      const panel = page!.ops.find((o) => o.op === 'rect' && o.radius)! as Extract<Op, { op: 'rect' }>;
      const above = texts(page!.ops).filter((o) => o.y < panel.y);
      const lastText = Math.max(...above.map(bottom));
      expect(panel.y - lastText).toBeLessThanOrEqual(30 * MM);
      expect(panel.y - lastText).toBeGreaterThan(0);
    },
  );

  it('grows a short title to fill its band: on the A3 kennismaking poster, the title takes most of the band', async () => {
    const [page] = await drawn('kennismaking', 'A3', 'default');
    const band = page!.ops.find((o) => o.op === 'rect' && o.fill === '#0B5D8C')! as Extract<
      Op,
      { op: 'rect' }
    >;
    const title = texts(page!.ops).reduce((a, b) => (b.size > a.size ? b : a));
    const filled = (title.lines.length * title.size * title.lineHeight) / band.h;
    expect(filled).toBeGreaterThan(0.65);
    // The longest title still prints, smaller, in the same stramien.
    const [long] = await drawn('kennismaking', 'A3', 'longest');
    expect(texts(long!.ops).some((o) => o.lines.join(' ').startsWith('Buurtbewoners'))).toBe(true);
  });
});

describe('the poster photo', () => {
  it('sits in the masthead beside the logo, clear of every text, in A3 and A4', async () => {
    const { deps, s } = await setup();
    await uploadPhoto(deps, s, fixture('logo.jpg'));
    for (const t of posters) {
      for (const size of ['A3', 'A4'] as const) {
        const p = await preparePrint(deps, s, t.slug, { fields: {}, size, bleed: true });
        const [page] = p.template.draw(p.props);
        const photo = page!.ops.find((o) => o.op === 'image' && o.image === 'photo') as Extract<
          Op,
          { op: 'image' }
        >;
        expect(photo.clip!.h).toBeGreaterThanOrEqual(24 * MM * (size === 'A3' ? 297 / 210 : 1));
        expect(photo.clip!.w).toBeGreaterThan(100 * MM * (size === 'A3' ? 297 / 210 : 1));
        for (const o of texts(page!.ops)) {
          const overlaps = o.y < photo.clip!.y + photo.clip!.h && bottom(o) > photo.clip!.y;
          expect(overlaps, `${t.slug} ${size}: ${o.lines[0]}`).toBe(false);
        }
      }
    }
  });
});

describe('the handouts', () => {
  it.each(
    handouts.flatMap((t) =>
      (['default', 'shortest', 'longest'] as const).map((which) => ({ slug: t.slug, which })),
    ),
  )(
    '$slug with the $which texts: every card is as tall as its text, and both pages fit A4',
    async ({ slug, which }) => {
      const pages = await drawn(slug, 'A4', which);
      expect(pages).toHaveLength(2);
      for (const page of pages) {
        const footer = Math.min(
          ...page.ops
            .filter((o) => o.op === 'rect' && !o.radius && o.y > 700)
            .map((o) => (o as { y: number }).y),
        );
        for (const t of texts(page.ops)) if (t.y < footer) expect(bottom(t)).toBeLessThanOrEqual(footer);
        // Cards: a tinted rounded rectangle; the text inside ends one padding above its foot.
        const cards = page.ops.filter(
          (o): o is Extract<Op, { op: 'rect' }> => o.op === 'rect' && o.radius === 4 && o.w > 500,
        );
        for (const card of cards) {
          const inside = texts(page.ops).filter((t) => t.y > card.y && t.y < card.y + card.h);
          const end = Math.max(...inside.map(bottom));
          expect(card.y + card.h - end).toBeLessThanOrEqual(12.5);
        }
      }
    },
  );
});
