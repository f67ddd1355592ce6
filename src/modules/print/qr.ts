import QRCode from 'qrcode';
import type { PaperSize, QrCode } from '../../../templates/print/_kit/types.js';

const QUIET_ZONE = 4;

/** signupUrl is where a poster's QR code leads: the signup page, with the poster as the source (`bron`). */
export function signupUrl(publicUrl: string, stadsdorp: string, template: string, size: PaperSize): string {
  const q = new URLSearchParams({ stadsdorp, bron: `poster-${template}-${size}` });
  return `${publicUrl}/aanmelden?${q}`;
}

/** shortSignupUrl is the address printed beside the code for typing: no scheme, no source. */
export function shortSignupUrl(publicUrl: string, stadsdorp: string): string {
  return `${publicUrl.replace(/^https?:\/\//, '')}/aanmelden?stadsdorp=${encodeURIComponent(stadsdorp)}`;
}

/** qrCode encodes a URL as a QR symbol: its dark modules as rectangles, equal runs of adjacent rows merged. */
export function qrCode(url: string, shortUrl: string): QrCode {
  const symbol = QRCode.create(url, { errorCorrectionLevel: 'M' });
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
