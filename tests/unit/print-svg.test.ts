// The SVG back-end draws the same display list as the PDF writer: every line of text in the
// same place, with the same words. The PDF is read back with pdfjs-dist (as a viewer reads it),
// the SVG as markup; a line that moved, broke differently or lost a word fails here.
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/kernel/principal.js';
import { renderPdf } from '../../src/modules/print/pdf.js';
import {
  changeProfile,
  preparePrint,
  stadsdorpFor,
  uploadLogo,
  uploadPhoto,
} from '../../src/modules/print/service.js';
import { renderSvg } from '../../src/modules/print/svg.js';
import { BLEED, PAPER, SLUG } from '../../templates/print/_kit/theme.js';
import { fixture } from '../fixtures/print/inspect.js';
import { addStadsdorp, makeDeps } from '../support/app.js';

const coco: Principal = { tokenId: 1, name: 'CoCo', role: 'coco', stadsdorpId: null };

interface Line {
  text: string;
  x: number;
  y: number;
}

/**
 * pdfLines reads each page's text as pdfjs interprets the content stream: a line starts at each
 * text matrix (Tm) and holds the glyphs shown after it, positions from the trim's top left.
 * (pdfjs's own text content merges lines that share a baseline, such as a footer's two ends.)
 */
async function pdfLines(pdf: Uint8Array, bleed: boolean, height: number): Promise<Line[][]> {
  const doc = await getDocument({ data: pdf.slice(), isEvalSupported: false }).promise;
  const out = bleed ? BLEED + SLUG : 0;
  const pages: Line[][] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const ops = await (await doc.getPage(p)).getOperatorList();
    const lines: Line[] = [];
    let current: Line | null = null;
    ops.fnArray.forEach((fn, i) => {
      const args = ops.argsArray[i];
      if (fn === OPS.setTextMatrix) {
        const m = (Array.isArray(args[0]) || ArrayBuffer.isView(args[0]) ? args[0] : args) as number[];
        current = { text: '', x: m[4]! - out, y: height + out - m[5]! };
        lines.push(current);
      } else if (fn === OPS.showText && current) {
        for (const g of args[0] as ({ unicode: string } | number | null)[]) {
          if (g && typeof g === 'object') current.text += g.unicode;
        }
      }
    });
    pages.push(lines.filter((l) => l.text !== ''));
  }
  await doc.destroy();
  return pages;
}

/** svgLines reads each page's <text> elements: their x, baseline and words. */
function svgLines(svg: string): Line[][] {
  return [...svg.matchAll(/<svg x="0" y="[^"]*"[^>]*data-page="\d+">(.*?)<\/svg>/gs)].map(([, body]) =>
    [...body!.matchAll(/<text x="([^"]+)" y="([^"]+)"[^>]*>(.*?)<\/text>/g)].map(([, x, y, inner]) => ({
      x: Number(x),
      y: Number(y),
      text: inner!
        .replace(/<[^>]+>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&'),
    })),
  );
}

/** near: the same place to two hundredths of a point (both round to a thousandth; pdfjs composes the matrices). */
const near = (a: Line, b: Line) => Math.abs(a.x - b.x) < 0.02 && Math.abs(a.y - b.y) < 0.02;
const sorted = (lines: Line[]) => [...lines].sort((a, b) => a.y - b.y || a.x - b.x);

async function both(
  template: string,
  size: 'A4' | 'A3',
  bleed: boolean,
  fields: Record<string, string> = {},
) {
  const { deps } = await makeDeps();
  await addStadsdorp(deps, { slug: 'jordaan', name: 'Stadsdorp Jordaan' });
  const s = await stadsdorpFor(deps, coco, 'jordaan');
  await changeProfile(deps, s, {
    brandColour: '#0B5D8C',
    website: 'www.stadsdorpjordaan.nl',
    contact: 'info@stadsdorpjordaan.nl',
  });
  await uploadLogo(deps, s, fixture('logo.png'));
  await uploadPhoto(deps, s, fixture('logo.jpg'));
  const prepared = await preparePrint(deps, s, template, { fields, size, bleed });
  const pages = prepared.template.draw(prepared.props);
  const pdf = await renderPdf({
    pages,
    fonts: prepared.fonts,
    images: prepared.images,
    info: { title: 't', author: 'a', creator: 'c', language: 'nl-NL' },
  });
  const svg = renderSvg({ pages, fonts: prepared.fonts, images: { logo: '/logo', photo: '/foto' } });
  return { pdf: await pdfLines(pdf, bleed, PAPER[size].height), svg: svgLines(svg), raw: svg };
}

describe('the SVG back-end', () => {
  it.each([
    ['kennismaking', 'A3', true],
    ['activiteit', 'A4', false],
    ['vrijwilligers', 'A3', false],
    ['bouw-je-stadsdorp', 'A4', true],
  ] as const)(
    'puts every line of %s (%s, bleed %s) where the PDF has it, with the same words',
    async (template, size, bleed) => {
      const { pdf, svg } = await both(
        template,
        size,
        bleed,
        template === 'activiteit' ? { titel: 'Soep & praat <samen> "buiten"' } : {},
      );
      expect(svg.length).toBe(pdf.length);
      pdf.forEach((pdfPage, i) => {
        const svgPage = sorted(svg[i]!);
        expect(svgPage.length, `page ${i + 1}`).toBeGreaterThan(5);
        const pdfSorted = sorted(pdfPage);
        expect(svgPage.length, `page ${i + 1}`).toBe(pdfSorted.length);
        // pdfjs may add or drop the spaces a kerning gap suggests; compare the words.
        const words = (l: Line) => l.text.replace(/\s+/g, '');
        svgPage.forEach((line, j) => {
          const other = pdfSorted[j]!;
          expect(
            near(line, other),
            `${line.text} at ${line.x},${line.y}; the PDF's at ${other.x},${other.y}`,
          ).toBe(true);
          expect(words(line)).toBe(words(other));
        });
      });
    },
  );

  it('draws the logo, the photo and the QR code as the PDF does, with the page’s own boxes', async () => {
    const { raw } = await both('kennismaking', 'A3', true);
    expect(raw).toContain('href="/logo"');
    expect(raw).toContain('href="/foto"');
    expect(raw).toMatch(/<path d="M\d/);
    const out = BLEED + SLUG;
    expect(raw).toContain(`viewBox="${-Math.round(out * 1000) / 1000} ${-Math.round(out * 1000) / 1000}`);
  });
});
