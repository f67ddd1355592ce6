// The two-page A4 stramien of the handouts: masthead, title and introduction on the first
// page, then the section cards, a tip and where to learn more. Each card is as tall as its
// text: a short text gives a short card, and the boxes' heights are only the most a text
// may take (which is what keeps both pages on A4 with every text at its limit).
import { z } from 'zod';
import { text } from './fields.js';
import { type Canvas, drawFooter, drawLogo, fittedHeight, Canvas as PageCanvas } from './frame.js';
import { POSTER_FIXED_BOXES, POSTER_MARGIN, POSTER_WIDTH } from './poster.js';
import { INK, LOGO_BOX, NETWERK } from './theme.js';
import type { FittedText, PrintTemplate, TemplateProps, TextBox } from './types.js';

/** HandoutSection is one card of a handout: a locked heading over an editable text. */
export interface HandoutSection {
  field: string;
  heading: string;
}

const CARD_PAD = 12;
const BAR = 4;
const CARD_TEXT_WIDTH = POSTER_WIDTH - 2 * CARD_PAD - BAR;
const CARD_GAP = 10;
const HEADING = 14;
const HEADING_GAP = 5;

/** HANDOUT_BOXES are the boxes of the shared handout parts; section texts all use `section`. */
export const HANDOUT_BOXES = {
  titel: {
    width: POSTER_WIDTH,
    height: 52,
    face: 'bold',
    maxSize: 36,
    minSize: 20,
    lineHeight: 1.1,
    balance: true,
  },
  inleiding: {
    width: POSTER_WIDTH,
    height: 96,
    face: 'regular',
    maxSize: 12.5,
    minSize: 8.5,
    lineHeight: 1.35,
  },
  section: {
    width: CARD_TEXT_WIDTH,
    height: 88,
    face: 'regular',
    maxSize: 11.5,
    minSize: 8,
    lineHeight: 1.35,
  },
  tip: {
    width: POSTER_WIDTH - 2 * CARD_PAD,
    height: 84,
    face: 'regular',
    maxSize: 12,
    minSize: 8.5,
    lineHeight: 1.35,
  },
} satisfies Record<string, TextBox>;

/** MORE_INFO is the locked line under the tip. */
export const MORE_INFO = `Meer weten? Kijk in de Kennisbank op netwerkamsterdamsestadsdorpen.nl of vraag het ${NETWERK.name}.`;

/** HANDOUT_FIXED_BOXES: the masthead's name boxes, the locked line under the tip and the stadsdorp's contact line. */
export const HANDOUT_FIXED_BOXES = {
  _naam: POSTER_FIXED_BOXES._naam,
  _woordmerk: POSTER_FIXED_BOXES._woordmerk,
  _meer: { width: POSTER_WIDTH, height: 28, face: 'bold', maxSize: 10.5, minSize: 8, lineHeight: 1.25 },
  _contact: { ...POSTER_FIXED_BOXES._contact, width: POSTER_WIDTH },
} satisfies Record<string, TextBox>;

function cardHeight(t: FittedText | undefined): number {
  return 2 * CARD_PAD + HEADING * 1.2 + HEADING_GAP + fittedHeight(t, 1);
}

function card(c: Canvas, p: TemplateProps, section: HandoutSection, y: number): number {
  // A section left empty is left out, rather than printed as a heading over nothing.
  if (!p.texts[section.field]?.paragraphs.length) return 0;
  const m = POSTER_MARGIN;
  const h = cardHeight(p.texts[section.field]);
  // The border is a tinted card under a white one, 0.75 pt smaller on each side.
  c.rect(m, y, POSTER_WIDTH, h, p.brand.tint, 4);
  c.rect(m + 0.75, y + 0.75, POSTER_WIDTH - 1.5, h - 1.5, '#FFFFFF', 3.5);
  c.rect(m, y, BAR + 4, h, p.brand.colour, 4);
  c.rect(m + BAR, y + 0.75, 4, h - 1.5, '#FFFFFF');
  const x = m + BAR + CARD_PAD;
  const head = c.label(section.heading, x, y + CARD_PAD, {
    face: 'bold',
    size: HEADING,
    color: p.brand.accent,
  });
  c.fitted(p.texts[section.field], x, y + CARD_PAD + head + HEADING_GAP, { face: 'regular', color: INK });
  return h + CARD_GAP;
}

function drawHandout(spec: HandoutSpec, p: TemplateProps) {
  const m = POSTER_MARGIN;
  const t = p.texts;

  const first = new PageCanvas('A4', p.bleed);
  drawLogo(first, p.logo, t._woordmerk, p.brand, m, 28);
  if (p.logo && t._naam) {
    const h = fittedHeight(t._naam, 1);
    first.fitted(t._naam, first.width - m - t._naam.width, 28 + LOGO_BOX.height / 2 - h / 2, {
      face: 'bold',
      color: p.brand.accent,
      align: 'right',
    });
  }
  let y = 28 + LOGO_BOX.height + 18;
  const title = fittedHeight(t.titel, 1);
  const intro = fittedHeight(t.inleiding, 1);
  const band = 22 + 10.5 * 1.2 + 8 + title + 8 + intro + 24;
  first.band(y, band, p.brand.colour);
  first.label(spec.kicker.toUpperCase(), m, y + 22, {
    face: 'bold',
    size: 10.5,
    color: p.brand.ink,
    letterSpacing: 1,
  });
  let by = y + 22 + 10.5 * 1.2 + 8;
  by += first.fitted(t.titel, m, by, { face: 'bold', color: p.brand.ink }) + 8;
  first.fitted(t.inleiding, m, by, { face: 'regular', color: p.brand.ink });
  y += band + 16;
  for (const section of spec.first) y += card(first, p, section, y);
  drawFooter(first, p.brand, m);

  const second = new PageCanvas('A4', p.bleed);
  const head = 20 + 12 * 1.2 + 14;
  second.band(0, head, p.brand.colour, { top: true });
  second.label(spec.runningTitle, m, 20, { face: 'bold', size: 12, color: p.brand.ink });
  if (t._naam) {
    second.fitted(t._naam, second.width - m - t._naam.width, 20, {
      face: 'bold',
      color: p.brand.ink,
      align: 'right',
    });
  }
  y = head + 18;
  for (const section of spec.second) y += card(second, p, section, y);
  if (t.tip?.paragraphs.length) {
    const tipHeight = cardHeight(t.tip);
    y += 4;
    second.rect(m, y, POSTER_WIDTH, tipHeight, p.brand.tint, 4);
    const th = second.label(spec.tip.heading, m + CARD_PAD, y + CARD_PAD, {
      face: 'bold',
      size: HEADING,
      color: p.brand.accent,
    });
    second.fitted(t.tip, m + CARD_PAD, y + CARD_PAD + th + HEADING_GAP, { face: 'regular', color: INK });
    y += tipHeight;
  }
  y += 16;
  y += second.fitted(t._meer, m, y, { face: 'bold', color: INK }) + 3;
  second.fitted(t._contact, m, y, { face: 'regular', color: INK });
  drawFooter(second, p.brand, m);
  return [first.page(), second.page()];
}

/** HandoutSectionSpec is one card: its field name, the locked heading (also the field's label) and the default text. */
export interface HandoutSectionSpec {
  field: string;
  heading: string;
  text: string;
}

/** HandoutSpec is everything that differs between two handouts: the texts and where they go. */
export interface HandoutSpec {
  slug: string;
  title: string;
  description: string;
  kicker: string;
  runningTitle: string;
  titel: string;
  inleiding: string;
  /** The tip's field label, its heading on the page and its default text. */
  tip: { label: string; heading: string; text: string };
  /** The section cards on the first and on the second page. */
  first: HandoutSectionSpec[];
  second: HandoutSectionSpec[];
}

/**
 * handoutTemplate makes a handout from its texts. Fields, their boxes and the pages all come
 * from the one list of sections, in the order an editor sees them: title, introduction, the
 * sections, the tip.
 */
export function handoutTemplate(spec: HandoutSpec): PrintTemplate {
  const sections = [...spec.first, ...spec.second];
  const fields = z.object({
    titel: text({ label: 'Titel', maxLength: 50, required: true, default: spec.titel }),
    inleiding: text({ label: 'Inleiding', maxLength: 500, multiline: true, default: spec.inleiding }),
    ...Object.fromEntries(
      sections.map((s) => [
        s.field,
        text({ label: s.heading, maxLength: 450, multiline: true, default: s.text }),
      ]),
    ),
    tip: text({ label: spec.tip.label, maxLength: 400, multiline: true, default: spec.tip.text }),
  });
  const boxes: Record<string, TextBox> = {
    titel: HANDOUT_BOXES.titel,
    inleiding: HANDOUT_BOXES.inleiding,
    tip: HANDOUT_BOXES.tip,
    ...Object.fromEntries(sections.map((s) => [s.field, HANDOUT_BOXES.section])),
  };
  return {
    slug: spec.slug,
    title: spec.title,
    kind: 'handout',
    description: spec.description,
    sizes: ['A4'],
    fields,
    boxes,
    fixedBoxes: HANDOUT_FIXED_BOXES,
    hasQr: false,
    draw: (p) => drawHandout(spec, p),
  };
}
