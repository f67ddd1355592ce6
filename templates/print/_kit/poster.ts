// The stramien of the posterserie, top to bottom: the white masthead with the logo, an
// optional photo, the band in the brand colour with kicker, title and subtitle, the
// template's own body, the panel with the QR code, and the Netwerk's footer.
//
// Every part but the title has a height known from its texts; the title band takes all the
// room that is left, and the title grows to fill it (up to TITLE_MAX_SIZE). So the body sits a
// fixed gap above the QR panel whatever the texts, and a short title prints large.
import type { z } from 'zod';
import {
  type Canvas,
  drawFooter,
  drawLogo,
  FOOTER_HEIGHT,
  fittedHeight,
  Canvas as PageCanvas,
} from './frame.js';
import { INK, LOGO_BOX, MM, PAPER } from './theme.js';
import type { FittedText, PrintTemplate, TemplateProps, TextBox } from './types.js';

/** POSTER_MARGIN is the side margin of every poster, in A4 points; text never comes closer to the trim. */
export const POSTER_MARGIN = 36;

/** POSTER_WIDTH is the width of the poster's text column, in A4 points. */
export const POSTER_WIDTH = PAPER.A4.width - 2 * POSTER_MARGIN;

/**
 * QR_SIZE is the white square of the QR code with its quiet zone: 56 mm on A4, 79 mm on A3.
 * The symbol itself (the URL needs version 4 or more: at least 33 modules, plus 2 x 4 of
 * quiet zone) is then at least 45 mm wide on A4 and 64 mm on A3, readable from a few metres.
 */
export const QR_SIZE = 56 * MM;
const QR_PAD = 14;
const QR_GAP = 20;
const QR_TEXT_WIDTH = POSTER_WIDTH - 2 * QR_PAD - QR_SIZE - QR_GAP;
const PANEL_HEIGHT = QR_SIZE + 2 * QR_PAD;

const MASTHEAD = { top: 26, bottom: 16 };
const MASTHEAD_HEIGHT = MASTHEAD.top + LOGO_BOX.height + MASTHEAD.bottom;
const BAND = { top: 20, kicker: 12, kickerGap: 8, bottom: 22 };
/** The subtitle opens the body, under the band, in the brand's accent colour. */
const SUBTITLE_GAP = 12;
const KICKER_HEIGHT = BAND.kicker * 1.2;
const BODY_TOP = 22;
const BODY_TO_PANEL = 20;
const PANEL_TO_FOOTER = 20;

/** TITLE_MAX_SIZE is how large a short title may grow, in A4 points. */
export const TITLE_MAX_SIZE = 180;

/**
 * PHOTO_WIDTH: the photo sits in the masthead, right of the logo, as tall as the logo box
 * (70 pt: 25 mm on A4, 35 mm on A3) and cropped to fill it. No text is ever printed over it,
 * and it takes no room from the texts, so every text within its limit still fits.
 */
export const PHOTO_WIDTH = POSTER_WIDTH - LOGO_BOX.width - 24;

/** ROOM is the height between the masthead and the footer that the band and the body share, in A4 points. */
const ROOM =
  PAPER.A4.height -
  MASTHEAD_HEIGHT -
  FOOTER_HEIGHT -
  PANEL_TO_FOOTER -
  PANEL_HEIGHT -
  BODY_TO_PANEL -
  BODY_TOP;
const BAND_FIXED = BAND.top + KICKER_HEIGHT + BAND.kickerGap + BAND.bottom;

/** POSTER_BOXES are the boxes every poster shares: title, subtitle and the text beside the QR code. */
export const POSTER_BOXES = {
  titel: {
    width: POSTER_WIDTH,
    height: 120,
    face: 'bold',
    maxSize: 58,
    minSize: 30,
    lineHeight: 1.05,
    balance: true,
  },
  ondertitel: {
    width: POSTER_WIDTH,
    height: 56,
    face: 'regular',
    maxSize: 22,
    minSize: 13,
    lineHeight: 1.2,
    balance: true,
  },
  qrTekst: { width: QR_TEXT_WIDTH, height: 66, face: 'bold', maxSize: 19, minSize: 11, lineHeight: 1.2 },
} satisfies Record<string, TextBox>;

/** POSTER_FIXED_BOXES hold texts that come from the stadsdorp rather than from a field. */
export const POSTER_FIXED_BOXES = {
  _naam: { width: 300, height: 44, face: 'bold', maxSize: 16, minSize: 8, lineHeight: 1.15 },
  _woordmerk: {
    width: LOGO_BOX.width,
    height: LOGO_BOX.height,
    face: 'bold',
    maxSize: 24,
    minSize: 9,
    lineHeight: 1.1,
  },
  _url: { width: QR_TEXT_WIDTH, height: 20, face: 'bold', maxSize: 15, minSize: 7, lineHeight: 1.25 },
  _contact: {
    width: QR_TEXT_WIDTH,
    height: 26,
    face: 'regular',
    maxSize: 10.5,
    minSize: 6.5,
    lineHeight: 1.25,
  },
} satisfies Record<string, TextBox>;

/** PosterSpec is what one poster adds to the stramien: its fields, its body and how tall that body can get. */
export interface PosterSpec {
  slug: string;
  title: string;
  description: string;
  kicker: string;
  shortCode: string;
  fields: z.ZodObject<Record<string, z.ZodString>>;
  /** The body's own boxes; titel, ondertitel and qrTekst come from POSTER_BOXES. */
  bodyBoxes: Record<string, TextBox>;
  /** The most height the body can take (its boxes full), in A4 points. */
  bodyMaxHeight: number;
  /** The height the body takes with these texts, in A4 points. */
  bodyHeight: (texts: Record<string, FittedText>) => number;
  /** drawBody draws the body from `top` (points on the page, scale applied). */
  drawBody: (c: Canvas, p: TemplateProps, top: number) => void;
}

// The body with its gaps, in A4 points: the subtitle, then the template's own body; an
// empty body takes no room at all, so a poster with a title only has no hole above the panel.
function bodyHeight(spec: PosterSpec, texts: Record<string, FittedText>): number {
  const subtitle = fittedHeight(texts.ondertitel, 1);
  const own = spec.bodyHeight(texts);
  const inner = subtitle + own + (subtitle && own ? SUBTITLE_GAP : 0);
  return inner ? BODY_TOP + inner + BODY_TO_PANEL : 0;
}

// The room the title gets, in A4 points: what the subtitle and the body leave.
function titleRoom(spec: PosterSpec, texts: Record<string, FittedText>): number {
  return ROOM + BODY_TOP + BODY_TO_PANEL - BAND_FIXED - bodyHeight(spec, texts);
}

function drawPoster(spec: PosterSpec, p: TemplateProps) {
  const c = new PageCanvas(p.size, p.bleed);
  const s = c.s;
  const m = POSTER_MARGIN * s;
  const t = p.texts;

  // Masthead: logo (or the name as a word mark) left, the name right.
  drawLogo(c, p.logo, t._woordmerk, p.brand, m, MASTHEAD.top * s);
  if (p.photo) {
    c.cover(
      'photo',
      p.photo,
      c.width - m - PHOTO_WIDTH * s,
      MASTHEAD.top * s,
      PHOTO_WIDTH * s,
      LOGO_BOX.height * s,
    );
  } else if (p.logo && t._naam) {
    const h = fittedHeight(t._naam, s);
    c.fitted(t._naam, c.width - m - t._naam.width * s, (MASTHEAD.top + LOGO_BOX.height / 2) * s - h / 2, {
      face: 'bold',
      color: p.brand.accent,
      align: 'right',
    });
  }
  let y = MASTHEAD_HEIGHT * s;

  const room = { title: titleRoom(spec, t) };
  // fit.ts gave the title at most this room (posterTemplate's grow): a title taller than its
  // room would run over the kicker, so a template whose boxes allow that is a bug.
  if (fittedHeight(t.titel, 1) > room.title + 0.5) {
    throw new Error(
      `poster ${spec.slug}: the title needs ${fittedHeight(t.titel, 1)} pt, the band leaves ${room.title}`,
    );
  }
  // The band: kicker, and the title at the foot of the room it was given.
  const bandHeight = (BAND_FIXED + room.title) * s;
  c.band(y, bandHeight, p.brand.colour);
  c.label(spec.kicker.toUpperCase(), m, y + BAND.top * s, {
    face: 'bold',
    size: BAND.kicker,
    color: p.brand.ink,
    letterSpacing: 1.2,
  });
  const titleTop = y + (BAND.top + KICKER_HEIGHT + BAND.kickerGap) * s;
  const titleHeight = fittedHeight(t.titel, s);
  c.fitted(t.titel, m, titleTop + room.title * s - titleHeight, { face: 'bold', color: p.brand.ink });
  y += bandHeight + BODY_TOP * s;
  const subtitle = c.fitted(t.ondertitel, m, y, { face: 'regular', color: p.brand.accent });
  if (subtitle && spec.bodyHeight(t)) y += subtitle + SUBTITLE_GAP * s;
  spec.drawBody(c, p, y);

  // The QR panel: the code, and beside it what to do, the short address and the contact line.
  if (p.qr) {
    const panelTop = c.height - (FOOTER_HEIGHT + PANEL_TO_FOOTER + PANEL_HEIGHT) * s;
    c.rect(m, panelTop, POSTER_WIDTH * s, PANEL_HEIGHT * s, p.brand.tint, 6 * s);
    c.qr(p.qr, m + QR_PAD * s, panelTop + QR_PAD * s, QR_SIZE * s);
    const tx = m + (QR_PAD + QR_SIZE + QR_GAP) * s;
    const gap = 6 * s;
    const parts = [t.qrTekst, t._url, t._contact].filter(Boolean);
    const total = parts.reduce((n, x) => n + fittedHeight(x, s), 0) + gap * (parts.length - 1);
    let ty = panelTop + (PANEL_HEIGHT * s - total) / 2;
    ty += c.fitted(t.qrTekst, tx, ty, { face: 'bold', color: INK }) + gap;
    ty += c.fitted(t._url, tx, ty, { face: 'bold', color: p.brand.accent }) + gap;
    c.fitted(t._contact, tx, ty, { face: 'regular', color: INK });
  }
  drawFooter(c, p.brand, POSTER_MARGIN);
  return [c.page()];
}

/** InfoRow is a labelled line on a poster body (Wanneer, Waar), label in the brand colour; it returns its height. */
export function infoRow(
  c: Canvas,
  p: TemplateProps,
  label: string,
  field: string,
  x: number,
  y: number,
): number {
  const s = c.s;
  c.label(label.toUpperCase(), x, y + 5 * s, {
    face: 'bold',
    size: 12,
    color: p.brand.accent,
    letterSpacing: 0.8,
  });
  return c.fitted(p.texts[field], x + INFO_LABEL_WIDTH * s, y, { face: 'bold', color: INK });
}

const LIST_HEADING = 15;
const LIST_HEADING_GAP = 8;

/** HEADED_LIST_TOP is the room a heading over a body list takes, with the gap under it, in A4 points. */
export const HEADED_LIST_TOP = LIST_HEADING * 1.2 + LIST_HEADING_GAP;

/** headedListHeight is the height of a text under its heading (see drawHeadedList), in A4 points; 0 when it is empty. */
export function headedListHeight(t: FittedText | undefined): number {
  return t?.paragraphs.length ? HEADED_LIST_TOP + fittedHeight(t, 1) : 0;
}

/**
 * drawHeadedList draws a poster body's bulleted text under a heading in the brand colour; a
 * text left empty is left out, heading and all.
 */
export function drawHeadedList(
  c: Canvas,
  p: TemplateProps,
  heading: string,
  field: string,
  x: number,
  y: number,
) {
  const t = p.texts[field];
  if (!t?.paragraphs.length) return;
  const h = c.label(heading, x, y, { face: 'bold', size: LIST_HEADING, color: p.brand.accent });
  c.fitted(t, x, y + h + LIST_HEADING_GAP * c.s, {
    face: 'regular',
    color: INK,
    bulletColor: p.brand.accent,
  });
}

/** INFO_LABEL_WIDTH is the label column of an InfoRow, in A4 points. */
export const INFO_LABEL_WIDTH = 110;

/** posterTemplate completes a poster of the series: A3 and A4, with the QR code, on the shared stramien. */
export function posterTemplate(spec: PosterSpec): PrintTemplate {
  // The least room the title can get: every other text at its largest. Field limits are
  // chosen so that the longest title fits there at its smallest size.
  const least = ROOM - BAND_FIXED - POSTER_BOXES.ondertitel.height - SUBTITLE_GAP - spec.bodyMaxHeight;
  const titel: TextBox = { ...POSTER_BOXES.titel, height: least };
  return {
    slug: spec.slug,
    title: spec.title,
    kind: 'poster',
    description: spec.description,
    sizes: ['A3', 'A4'],
    fields: spec.fields,
    boxes: { ...spec.bodyBoxes, titel, ondertitel: POSTER_BOXES.ondertitel, qrTekst: POSTER_BOXES.qrTekst },
    fixedBoxes: POSTER_FIXED_BOXES,
    grow: (_p, texts) => ({
      titel: { ...titel, height: Math.max(least, titleRoom(spec, texts)), maxSize: TITLE_MAX_SIZE },
    }),
    hasQr: true,
    shortCode: spec.shortCode,
    draw: (p) => drawPoster(spec, p),
  };
}
