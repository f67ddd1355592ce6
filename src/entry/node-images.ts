import sharp from 'sharp';
import type { Images } from '../deps.js';
import { MAIL_JPEG_QUALITIES } from '../runtime/mail-jpeg.js';

/**
 * NODE_MAX_PIXELS: the most pixels sharp decodes here, 50 megapixels (a phone's largest photo
 * mode); each upload kind sets its own lower limit (a logo 40 megapixels).
 */
export const NODE_MAX_PIXELS = 50_000_000;

/**
 * sharpImages are the runtime port's image codecs on Node: libvips through sharp, with librsvg
 * for SVG. sharp refuses on its own, too, anything over maxPixels and any truncated file.
 */
export function sharpImages(maxPixels = NODE_MAX_PIXELS): Images {
  return {
    maxPixels,
    cmyk: true,
    async reencode(bytes, format) {
      const pipeline = sharp(bytes, { failOn: 'truncated', limitInputPixels: maxPixels })
        .rotate()
        .toColourspace('srgb');
      const { data, info } = await (format === 'png'
        ? pipeline.png({ compressionLevel: 6 })
        : pipeline.jpeg({ quality: 92, chromaSubsampling: '4:4:4' })
      ).toBuffer({ resolveWithObject: true });
      return { bytes: data, width: info.width, height: info.height };
    },
    svg: {
      async size(bytes) {
        // metadata() reads the header only: nothing is drawn.
        const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
        if (meta.format !== 'svg') throw new Error(`not an SVG but ${meta.format}`);
        return { width: meta.width ?? 0, height: meta.height ?? 0 };
      },
      async rasterise(bytes, longSide) {
        const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
        const long = Math.max(meta.width ?? 1, meta.height ?? 1);
        const density = Math.min(100_000, Math.max(1, (72 * longSide) / long));
        const { data, info } = await sharp(bytes, { density, failOn: 'error', limitInputPixels: maxPixels })
          .png({ compressionLevel: 6 })
          .toBuffer({ resolveWithObject: true });
        return { bytes: data, width: info.width, height: info.height };
      },
    },
    async printJpeg(bytes, longSide) {
      return sharp(bytes, { limitInputPixels: maxPixels })
        .flatten({ background: '#ffffff' })
        .resize({ width: longSide, height: longSide, fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 95, chromaSubsampling: '4:4:4' })
        .toBuffer();
    },
    async mailJpeg(bytes, opts) {
      const resized = await sharp(bytes, { limitInputPixels: maxPixels })
        .flatten({ background: '#ffffff' })
        .resize({ width: opts.maxWidth, height: opts.maxWidth * 2, fit: 'inside', withoutEnlargement: true })
        .raw()
        .toBuffer({ resolveWithObject: true });
      const { width, height, channels } = resized.info;
      let out: Buffer = Buffer.alloc(0);
      for (const quality of MAIL_JPEG_QUALITIES) {
        out = await sharp(resized.data, { raw: { width, height, channels } })
          .jpeg({ quality, progressive: true, mozjpeg: true })
          .toBuffer();
        if (out.byteLength <= opts.maxBytes) break;
      }
      return { bytes: out, width, height };
    },
    heif: {
      async size(bytes) {
        const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
        if (meta.format !== 'heif') throw new Error(`not HEIF but ${meta.format}`);
        return { width: meta.width ?? 0, height: meta.height ?? 0 };
      },
      toJpeg(bytes) {
        return sharp(bytes, { failOn: 'truncated', limitInputPixels: maxPixels })
          .rotate()
          .toColourspace('srgb')
          .jpeg({ quality: 92 })
          .toBuffer();
      },
    },
  };
}
