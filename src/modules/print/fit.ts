import { BULLET_INDENT_EM } from '../../../templates/print/_kit/theme.js';
import type { FittedText, FontFace, TextBox } from '../../../templates/print/_kit/types.js';
import { type FontSet, widthEm as faceWidthEm } from './fonts.js';

// Lines are broken here, with the font's own advance widths (kerning included, as the PDF
// writer prints them), and printed one per line; nothing re-wraps them. Measuring against
// slightly less than the box width leaves room for rounding.
const WIDTH_SAFETY = 0.985;
const SIZE_STEP = 0.5;

/** widthEm is the advance width of a string in em (1 em = the font size), kerning included. */
export function widthEm(fonts: FontSet, face: FontFace, s: string): number {
  return faceWidthEm(fonts[face], s);
}

function breakLongWord(fonts: FontSet, face: FontFace, word: string, maxEm: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const ch of word) {
    if (current && widthEm(fonts, face, current + ch) > maxEm) {
      pieces.push(current);
      current = ch;
    } else current += ch;
  }
  if (current) pieces.push(current);
  return pieces;
}

/**
 * wrapLine breaks one hard line into lines no wider than maxEm, at spaces (or inside a word
 * longer than a line; `broken` then says so).
 */
export function wrapLine(
  fonts: FontSet,
  face: FontFace,
  line: string,
  maxEm: number,
  broken?: { word: boolean },
): string[] {
  const words = line.split(/ +/).filter(Boolean);
  if (words.length === 0) return [''];
  const space = widthEm(fonts, face, ' ');
  const lines: string[] = [];
  let current: string[] = [];
  let width = 0;
  for (const word of words) {
    const w = widthEm(fonts, face, word);
    const needed = current.length ? width + space + w : w;
    if (needed <= maxEm) {
      current.push(word);
      width = needed;
      continue;
    }
    if (current.length) lines.push(current.join(' '));
    if (w <= maxEm) {
      current = [word];
      width = w;
    } else {
      if (broken) broken.word = true;
      const pieces = breakLongWord(fonts, face, word, maxEm);
      lines.push(...pieces.slice(0, -1));
      current = [pieces.at(-1)!];
      width = widthEm(fonts, face, current[0]!);
    }
  }
  if (current.length) lines.push(current.join(' '));
  return lines;
}

/** paragraphsOf splits a field into paragraphs: bullet items are lines, other text is split at blank lines. */
export function paragraphsOf(text: string, bullets: boolean): string[] {
  const clean = text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').trim();
  if (!clean) return [];
  const parts = bullets ? clean.split('\n') : clean.split(/\n[ \t]*\n/);
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** layoutAt breaks a text into lines at one font size and tells the height it takes, in points. */
export function layoutAt(
  fonts: FontSet,
  text: string,
  box: TextBox,
  size: number,
): { paragraphs: string[][]; height: number; brokenWord: boolean } {
  const bullets = box.bullets ?? false;
  const maxEm = (box.width * WIDTH_SAFETY) / size - (bullets ? BULLET_INDENT_EM : 0);
  const broken = { word: false };
  const paragraphs = paragraphsOf(text, bullets).map((p) =>
    p.split('\n').flatMap((hard) => wrapLine(fonts, box.face, hard.trim(), maxEm, broken)),
  );
  const lineCount = paragraphs.reduce((n, p) => n + p.length, 0);
  const gaps = Math.max(0, paragraphs.length - 1) * (box.paragraphGap ?? 0);
  return { paragraphs, height: (lineCount * box.lineHeight + gaps) * size, brokenWord: broken.word };
}

// A size fits when the lines fit the box's height, and no word had to be cut in two, unless
// even the smallest size cuts it (a long web address): a smaller size beats a broken word.
function fits(fonts: FontSet, text: string, box: TextBox, size: number) {
  const l = layoutAt(fonts, text, box, size);
  if (l.brokenWord && size > box.minSize + 1e-9) return null;
  return l.height <= box.height + 0.01 ? l : null;
}

/**
 * fitText finds the largest size from box.maxSize down to box.minSize, in half points, at
 * which the text fits its box; null when it does not fit even at the minimum.
 */
export function fitText(fonts: FontSet, text: string, box: TextBox): FittedText | null {
  for (let size = box.maxSize; size >= box.minSize - 1e-9; size -= SIZE_STEP) {
    const l = fits(fonts, text, box, size);
    if (l) {
      return toFitted(box.balance ? balanced(fonts, text, box, size, l.paragraphs) : l.paragraphs, size, box);
    }
  }
  const l = fits(fonts, text, box, box.minSize);
  return l
    ? toFitted(
        box.balance ? balanced(fonts, text, box, box.minSize, l.paragraphs) : l.paragraphs,
        box.minSize,
        box,
      )
    : null;
}

// balanced narrows the measure as far as the text keeps its number of lines, so a title
// breaks into lines of similar length instead of leaving one word on the last line.
function balanced(
  fonts: FontSet,
  text: string,
  box: TextBox,
  size: number,
  paragraphs: string[][],
): string[][] {
  const count = (p: string[][]) => p.reduce((n, lines) => n + lines.length, 0);
  const target = count(paragraphs);
  if (target < 2) return paragraphs;
  let lo = box.width / 2;
  let hi = box.width;
  let best = paragraphs;
  for (let i = 0; i < 12; i++) {
    const mid = (lo + hi) / 2;
    const l = layoutAt(fonts, text, { ...box, width: mid }, size);
    if (count(l.paragraphs) <= target && !l.brokenWord) {
      best = l.paragraphs;
      hi = mid;
    } else lo = mid;
  }
  return best;
}

function toFitted(paragraphs: string[][], fontSize: number, box: TextBox): FittedText {
  return {
    paragraphs,
    fontSize,
    lineHeight: box.lineHeight,
    bullets: box.bullets ?? false,
    paragraphGap: box.paragraphGap ?? 0,
    width: box.width,
  };
}

/** excessChars estimates how many characters must go for a text to fit at the minimum size. */
export function excessChars(fonts: FontSet, text: string, box: TextBox): number {
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(fonts, chars.slice(0, mid).join(''), box, box.minSize)) lo = mid;
    else hi = mid - 1;
  }
  return chars.length - lo;
}
