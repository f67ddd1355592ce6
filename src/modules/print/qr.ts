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

/** qrCode encodes a URL as a QR symbol and draws its dark modules as one path, row runs merged. */
export function qrCode(url: string, shortUrl: string): QrCode {
  const symbol = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const n = symbol.modules.size;
  const dark = symbol.modules.data;
  const parts: string[] = [];
  for (let y = 0; y < n; y++) {
    let x = 0;
    while (x < n) {
      if (!dark[y * n + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < n && dark[y * n + x]) x++;
      parts.push(`M${start + QUIET_ZONE} ${y + QUIET_ZONE}h${x - start}v1h${start - x}z`);
    }
  }
  return { path: parts.join(''), modules: n + 2 * QUIET_ZONE, url, shortUrl };
}
