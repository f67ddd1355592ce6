import { Document, Font, renderToBuffer } from '@react-pdf/renderer';
import { ParseSpeeds, PDFDocument } from 'pdf-lib';
import { createElement } from 'react';
import { BLEED, FONT_FAMILY, FONT_FILES, NETWERK, PAPER, SLUG } from '../../../templates/print/_kit/theme.js';
import type { PaperSize, PrintTemplate, TemplateProps } from '../../../templates/print/_kit/types.js';

// react-pdf appends 'Helvetica' to every font stack and draws what the font lacks (the newline
// between two fitted lines, for one) in it, as an unembedded standard font that print shops
// refuse. This module owns react-pdf's font store: it holds the shipped family only, under its
// own name and under Helvetica, so every glyph lands in an embedded subset.
Font.clear();
for (const family of [FONT_FAMILY, 'Helvetica']) {
  Font.register({
    family,
    fonts: [
      { src: FONT_FILES.regular, fontWeight: 400, fontStyle: 'normal' },
      { src: FONT_FILES.bold, fontWeight: 700, fontStyle: 'normal' },
      { src: FONT_FILES.italic, fontWeight: 400, fontStyle: 'italic' },
      { src: FONT_FILES.boldItalic, fontWeight: 700, fontStyle: 'italic' },
    ],
  });
}
// Lines are broken by fit.ts; react-pdf's English hyphenation would cut Dutch words wrongly.
Font.registerHyphenationCallback((word) => [word]);
// react-pdf loads only the families named in styles; the fallback is loaded here, once.
const fallbackLoaded = Promise.all(
  [
    { fontWeight: 400, fontStyle: 'normal' },
    { fontWeight: 700, fontStyle: 'normal' },
    { fontWeight: 400, fontStyle: 'italic' },
    { fontWeight: 700, fontStyle: 'italic' },
  ].map((face) => Font.load({ fontFamily: 'Helvetica', ...face } as Parameters<typeof Font.load>[0])),
);

/** renderPdf draws a template to a print-ready PDF: fonts embedded as subsets, text as vector, page boxes set. */
export async function renderPdf(
  template: PrintTemplate,
  props: TemplateProps,
  title: string,
): Promise<Uint8Array> {
  await fallbackLoaded;
  const doc = createElement(
    Document,
    {
      title,
      author: props.stadsdorp.name,
      creator: NETWERK.name,
      producer: NETWERK.name,
      language: 'nl-NL',
    },
    createElement(template.Pages, props),
  );
  const pdf = await renderToBuffer(doc);
  return setPageBoxes(pdf, props.size, props.bleed);
}

/**
 * setPageBoxes marks the trim and bleed areas, which react-pdf does not: the TrimBox is exactly
 * the A size; with bleed the BleedBox is 3 mm larger on each side, and the MediaBox holds the
 * slug with the crop marks around that. Without bleed all three are the A size. pdf-lib copies
 * the content streams and embedded fonts unchanged.
 */
export async function setPageBoxes(pdf: Uint8Array, size: PaperSize, bleed: boolean): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const trim = PAPER[size];
  const b = bleed ? BLEED : 0;
  const slug = bleed ? SLUG : 0;
  for (const page of doc.getPages()) {
    page.setMediaBox(0, 0, trim.width + 2 * (b + slug), trim.height + 2 * (b + slug));
    page.setBleedBox(slug, slug, trim.width + 2 * b, trim.height + 2 * b);
    page.setTrimBox(slug + b, slug + b, trim.width, trim.height);
  }
  return doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
}
