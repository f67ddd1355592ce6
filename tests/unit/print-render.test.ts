import { describe, expect, it } from 'vitest';
import { changeProfile, printPdf, stadsdorpFor, uploadLogo } from '../../src/modules/print/service.js';
import { fieldMeta } from '../../templates/print/_kit/fields.js';
import { TEMPLATES } from '../../templates/print/index.js';
import { fixture, fonts, images, longText, pageBoxes, text } from '../fixtures/print/inspect.js';
import { addStadsdorp, makeDeps } from '../support/app.js';

const A4 = { width: 595.28, height: 841.89 };
const A3 = { width: 841.89, height: 1190.55 };
const BLEED = 8.504;
const SLUG = 17.008;
const coco = { tokenId: 1, name: 'CoCo', role: 'coco' as const, stadsdorpId: null };

async function setup() {
  const { deps } = await makeDeps();
  await addStadsdorp(deps, { slug: 'jordaan', name: 'Stadsdorp Jordaan' });
  const s = await stadsdorpFor(deps, coco, 'jordaan');
  await changeProfile(deps, s, {
    brandColour: '#C8102E',
    website: 'www.stadsdorpjordaan.nl',
    contact: 'info@stadsdorpjordaan.nl · 020 123 45 67',
  });
  await uploadLogo(deps, s, fixture('logo.png'));
  return { deps, s };
}

const cases = TEMPLATES.flatMap((t) =>
  t.sizes.flatMap((size) => [false, true].map((bleed) => ({ t, size, bleed }))),
);

describe('every template in every size, with and without bleed', () => {
  it.each(cases)(
    '$t.slug $size bleed=$bleed prints with its defaults and with the longest allowed texts',
    async ({ t, size, bleed }) => {
      const { deps, s } = await setup();
      const longest = Object.fromEntries(
        Object.entries(t.fields.shape).map(([name, schema]) => [name, longText(fieldMeta(schema).maxLength)]),
      );
      for (const fields of [{}, longest]) {
        const { pdf, filename } = await printPdf(deps, s, t.slug, { fields, size, bleed });
        expect(filename).toBe(`jordaan-${t.slug}-${size}.pdf`);

        const boxes = await pageBoxes(pdf);
        expect(boxes).toHaveLength(t.kind === 'poster' ? 1 : 2);
        const paper = size === 'A4' ? A4 : A3;
        const b = bleed ? BLEED : 0;
        const slug = bleed ? SLUG : 0;
        for (const box of boxes) {
          expect(box.trim.x).toBeCloseTo(slug + b, 2);
          expect(box.trim.y).toBeCloseTo(slug + b, 2);
          expect(box.trim.width).toBeCloseTo(paper.width, 1);
          expect(box.trim.height).toBeCloseTo(paper.height, 1);
          expect(box.bleed.x).toBeCloseTo(slug, 2);
          expect(box.bleed.width).toBeCloseTo(paper.width + 2 * b, 1);
          expect(box.bleed.height).toBeCloseTo(paper.height + 2 * b, 1);
          expect(box.media.x).toBe(0);
          expect(box.media.width).toBeCloseTo(paper.width + 2 * (b + slug), 1);
          expect(box.media.height).toBeCloseTo(paper.height + 2 * (b + slug), 1);
        }

        const used = fonts(pdf);
        expect(used.length).toBeGreaterThan(0);
        for (const f of used) {
          expect(f.name).toMatch(/^[A-Z]{6}\+AtkinsonHyperlegible-/);
          expect(f.embedded).toBe(true);
        }

        const words = text(pdf);
        expect(words).toContain('Netwerk Amsterdamse Stadsdorpen');
        expect(words).toContain('samen werken aan nabuurschap in de stad');
        if (fields === longest) expect(words).toContain('Buurtbewoners ontmoeten elkaar');
        else {
          const title = fieldMeta(t.fields.shape.titel!).default;
          for (const word of title.split(' ')) expect(words).toContain(word);
        }
        expect(images(pdf).filter((i) => i.page === 1)).toHaveLength(1);
      }
    },
  );
});
