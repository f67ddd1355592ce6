import * as fontkit from 'fontkit';
import { BULLET_INDENT_EM } from '../../../templates/print/_kit/frame.js';
import { FONT_FILES } from '../../../templates/print/_kit/theme.js';
import type { FittedText, FontFace, TextBox } from '../../../templates/print/_kit/types.js';

// Lines are broken here, with the font's own advance widths, and printed one per line; react-pdf
// never re-wraps them. Measuring against slightly less than the box width leaves room for the
// few hundredths of a point by which two measurements of one line may differ.
const WIDTH_SAFETY = 0.985;
const SIZE_STEP = 0.5;

interface Metrics {
  font: fontkit.Font;
  words: Map<string, number>;
}

const metrics = new Map<FontFace, Metrics>();

function metricsOf(face: FontFace): Metrics {
  let m = metrics.get(face);
  if (!m) {
    m = { font: fontkit.openSync(FONT_FILES[face]) as fontkit.Font, words: new Map() };
    metrics.set(face, m);
  }
  return m;
}

/** widthEm is the advance width of a string in em (1 em = the font size), kerning included. */
export function widthEm(face: FontFace, s: string): number {
  const m = metricsOf(face);
  let w = m.words.get(s);
  if (w === undefined) {
    w = m.font.layout(s).advanceWidth / m.font.unitsPerEm;
    if (m.words.size < 50_000) m.words.set(s, w);
  }
  return w;
}

function breakLongWord(face: FontFace, word: string, maxEm: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const ch of word) {
    if (current && widthEm(face, current + ch) > maxEm) {
      pieces.push(current);
      current = ch;
    } else current += ch;
  }
  if (current) pieces.push(current);
  return pieces;
}

/** wrapLine breaks one hard line into lines no wider than maxEm, at spaces (or inside a word longer than a line). */
export function wrapLine(face: FontFace, line: string, maxEm: number): string[] {
  const words = line.split(/ +/).filter(Boolean);
  if (words.length === 0) return [''];
  const space = widthEm(face, ' ');
  const lines: string[] = [];
  let current: string[] = [];
  let width = 0;
  for (const word of words) {
    const w = widthEm(face, word);
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
      const pieces = breakLongWord(face, word, maxEm);
      lines.push(...pieces.slice(0, -1));
      current = [pieces.at(-1)!];
      width = widthEm(face, current[0]!);
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
  text: string,
  box: TextBox,
  size: number,
): { paragraphs: string[][]; height: number } {
  const bullets = box.bullets ?? false;
  const maxEm = (box.width * WIDTH_SAFETY) / size - (bullets ? BULLET_INDENT_EM : 0);
  const paragraphs = paragraphsOf(text, bullets).map((p) =>
    p.split('\n').flatMap((hard) => wrapLine(box.face, hard.trim(), maxEm)),
  );
  const lineCount = paragraphs.reduce((n, p) => n + p.length, 0);
  const gaps = Math.max(0, paragraphs.length - 1) * (box.paragraphGap ?? 0);
  return { paragraphs, height: (lineCount * box.lineHeight + gaps) * size };
}

function fits(text: string, box: TextBox, size: number) {
  const l = layoutAt(text, box, size);
  return l.height <= box.height + 0.01 ? l : null;
}

/**
 * fitText finds the largest size from box.maxSize down to box.minSize, in half points, at
 * which the text fits its box; null when it does not fit even at the minimum.
 */
export function fitText(text: string, box: TextBox): FittedText | null {
  for (let size = box.maxSize; size >= box.minSize - 1e-9; size -= SIZE_STEP) {
    const l = fits(text, box, size);
    if (l) return toFitted(box.balance ? balanced(text, box, size, l.paragraphs) : l.paragraphs, size, box);
  }
  const l = fits(text, box, box.minSize);
  return l
    ? toFitted(box.balance ? balanced(text, box, box.minSize, l.paragraphs) : l.paragraphs, box.minSize, box)
    : null;
}

// balanced narrows the measure as far as the text keeps its number of lines, so a title
// breaks into lines of similar length instead of leaving one word on the last line.
function balanced(text: string, box: TextBox, size: number, paragraphs: string[][]): string[][] {
  const count = (p: string[][]) => p.reduce((n, lines) => n + lines.length, 0);
  const target = count(paragraphs);
  if (target < 2) return paragraphs;
  let lo = box.width / 2;
  let hi = box.width;
  let best = paragraphs;
  for (let i = 0; i < 12; i++) {
    const mid = (lo + hi) / 2;
    const l = layoutAt(text, { ...box, width: mid }, size);
    if (count(l.paragraphs) <= target) {
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
export function excessChars(text: string, box: TextBox): number {
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(chars.slice(0, mid).join(''), box, box.minSize)) lo = mid;
    else hi = mid - 1;
  }
  return chars.length - lo;
}
