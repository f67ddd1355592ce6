// The core of the qrcode package only: its main entry also loads the PNG and file writers (fs).
import QRCodeCore from 'qrcode/lib/core/qrcode.js';
import type { PaperSize, QrCode } from '../../../templates/print/_kit/types.js';

const QUIET_ZONE = 4;

/** signupUrl is where a poster's QR code leads: the signup page, with the poster as the source (`bron`). */
export function signupUrl(publicUrl: string, stadsdorp: string, template: string, size: PaperSize): string {
  const q = new URLSearchParams({ stadsdorp, bron: `poster-${template}-${size}` });
  return `${publicUrl}/aanmelden?${q}`;
}

/**
 * shortCode names one poster of one stadsdorp in a few characters a person can type: the
 * stadsdorp's number, the poster's letter and the paper size, e.g. `12k3` for stadsdorp 12's
 * kennismaking poster in A3. GET /s/<code> leads to the same signup page as the QR code.
 */
export function shortCode(stadsdorpId: number, templateCode: string, size: PaperSize): string {
  return `${stadsdorpId}${templateCode}${size.slice(1)}`;
}

/** parseShortCode reads a short code back; null when it is not one. */
export function parseShortCode(
  code: string,
): { stadsdorpId: number; templateCode: string; size: PaperSize } | null {
  const m = /^([1-9][0-9]{0,8})([a-z])([34])$/.exec(code.trim().toLowerCase());
  if (!m) return null;
  return { stadsdorpId: Number(m[1]), templateCode: m[2]!, size: `A${m[3]}` as PaperSize };
}

/** shortSignupUrl is the address printed beside the code for typing: host and short path, no scheme. */
export function shortSignupUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/^https?:\/\//, '').replace(/\/+$/, '')}/s/${code}`;
}

const symbols = new Map<string, QrCode>();
const SYMBOLS_KEPT = 256;

/** qrCode encodes a URL as a QR symbol: its dark modules as rectangles, equal runs of adjacent rows merged. */
export function qrCode(url: string, shortUrl: string): QrCode {
  const known = symbols.get(url);
  if (known && known.shortUrl === shortUrl) return known;
  const made = makeQrCode(url, shortUrl);
  if (symbols.size >= SYMBOLS_KEPT) symbols.delete(symbols.keys().next().value!);
  symbols.set(url, made);
  return made;
}

function makeQrCode(url: string, shortUrl: string): QrCode {
  const symbol = QRCodeCore.create(url, { errorCorrectionLevel: 'M' });
  const n = symbol.modules.size;
  const dark = symbol.modules.data;
  const rects: [number, number, number, number][] = [];
  let open = new Map<string, [number, number, number, number]>();
  for (let y = 0; y <= n; y++) {
    const next = new Map<string, [number, number, number, number]>();
    let x = 0;
    while (y < n && x < n) {
      if (!dark[y * n + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < n && dark[y * n + x]) x++;
      const key = `${start}-${x}`;
      const rect = open.get(key);
      if (rect) {
        rect[3] += 1;
        open.delete(key);
        next.set(key, rect);
      } else next.set(key, [start + QUIET_ZONE, y + QUIET_ZONE, x - start, 1]);
    }
    rects.push(...open.values());
    open = next;
  }
  const path = rects.map(([x, y, w, h]) => `M${x} ${y}h${w}v${h}h${-w}z`).join('');
  return { rects, path, modules: n + 2 * QUIET_ZONE, url, shortUrl };
}
