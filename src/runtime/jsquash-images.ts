// The runtime port's image codecs as WebAssembly, for Workers: @jsquash's builds of libpng
// (Rust `png`), MozJPEG and the squoosh resizer. Workers may instantiate a WebAssembly.Module
// that was imported (bundled by wrangler as a `.wasm` module) but may not compile one from
// bytes at run time, so the four modules are handed in compiled; each codec's `init` accepts a
// WebAssembly.Module and then fetches nothing.
import decodeJpeg, { init as initJpegDecode } from '@jsquash/jpeg/decode.js';
import encodeJpeg, { init as initJpegEncode } from '@jsquash/jpeg/encode.js';
import decodePng, { init as initPngDecode } from '@jsquash/png/decode.js';
import encodePng, { init as initPngEncode } from '@jsquash/png/encode.js';
import resize, { initResize } from '@jsquash/resize';
import type { Images } from '../deps.js';
import { MAIL_JPEG_QUALITIES } from './mail-jpeg.js';

/** JsquashModules are the compiled WebAssembly modules of the codecs. */
export interface JsquashModules {
  /** @jsquash/png/codec/pkg/squoosh_png_bg.wasm (decodes and encodes). */
  png: WebAssembly.Module;
  /** @jsquash/jpeg/codec/dec/mozjpeg_dec.wasm */
  jpegDecode: WebAssembly.Module;
  /** @jsquash/jpeg/codec/enc/mozjpeg_enc.wasm */
  jpegEncode: WebAssembly.Module;
  /** @jsquash/resize/lib/resize/pkg/squoosh_resize_bg.wasm */
  resize: WebAssembly.Module;
}

/**
 * WORKERS_MAX_PIXELS: a Worker has 128 MB of memory, and a decoded picture takes 4 bytes a
 * pixel in the codec's memory and again as the copy handed out: 12 megapixels (a 4000 × 3000
 * phone photo) is about 96 MB at its peak, the most that fits beside the app.
 */
export const WORKERS_MAX_PIXELS = 12_000_000;

/** Pixels is a decoded picture, RGBA, 8 bits a channel (the shape of the web's ImageData). */
interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
  colorSpace?: 'srgb';
}

// The codecs construct ImageData, which Workers (and Node) lack; they only read its fields.
function ensureImageData(): void {
  const g = globalThis as { ImageData?: unknown };
  if (g.ImageData) return;
  g.ImageData = class ImageData {
    readonly colorSpace = 'srgb';
    constructor(
      readonly data: Uint8ClampedArray,
      readonly width: number,
      readonly height: number,
    ) {}
  };
}

/** bufferOf is the bytes as an ArrayBuffer of exactly their length, as the decoders want. */
function bufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? (bytes.buffer as ArrayBuffer)
    : (bytes.slice().buffer as ArrayBuffer);
}

/**
 * jpegComplete tells whether a JPEG's entropy-coded data is followed by its end-of-image
 * marker. MozJPEG, like libjpeg, fills a cut-off file with grey and only warns; sharp's
 * `failOn: 'truncated'` refuses it, and so do we.
 */
function jpegComplete(bytes: Uint8Array): boolean {
  for (let i = bytes.length - 2; i >= Math.max(0, bytes.length - 4096); i--)
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  return false;
}

/** jsquashImages are the image codecs on the compiled @jsquash modules; SVG they cannot draw. */
export function jsquashImages(modules: JsquashModules, maxPixels = WORKERS_MAX_PIXELS): Images {
  let ready: Promise<unknown> | undefined;
  const init = () => {
    ready ??= (async () => {
      ensureImageData();
      await Promise.all([
        initPngDecode(modules.png),
        initPngEncode(modules.png),
        initJpegDecode(modules.jpegDecode),
        initJpegEncode(modules.jpegEncode),
        initResize(modules.resize),
      ]);
    })();
    return ready;
  };
  const decode = async (bytes: Uint8Array, format: 'png' | 'jpeg'): Promise<Pixels> => {
    await init();
    if (format === 'jpeg' && !jpegComplete(bytes)) throw new Error('JPEG ends before its end marker');
    const pixels = (format === 'png'
      ? await decodePng(bufferOf(bytes))
      : await decodeJpeg(bufferOf(bytes))) as unknown as Pixels;
    if (pixels.width * pixels.height > maxPixels) throw new Error('more pixels than the header said');
    return pixels;
  };
  const encode = async (pixels: Pixels, format: 'png' | 'jpeg', quality: number): Promise<Uint8Array> => {
    const image = pixels as unknown as ImageData;
    return new Uint8Array(
      format === 'png'
        ? await encodePng(image)
        : // chroma_subsample 1: no subsampling (4:4:4), and baseline rather than progressive, as
          // the sharp path writes; progressive scans cost MozJPEG more than twice the CPU time.
          await encodeJpeg(image, {
            quality,
            chroma_subsample: 1,
            auto_subsample: false,
            progressive: false,
          }),
    );
  };
  // fitted decodes a PNG or JPEG, flattens it on white and scales it down (never up) to fit
  // maxWidth × maxHeight.
  const fitted = async (bytes: Uint8Array, maxWidth: number, maxHeight: number): Promise<Pixels> => {
    const format = bytes[0] === 0x89 ? 'png' : 'jpeg';
    let pixels = await decode(bytes, format);
    const { data } = pixels;
    // Flatten on white: out = a·c + (1 − a)·255, and opaque.
    for (let i = 0; i < data.length; i += 4) {
      const a = data[i + 3] ?? 255;
      if (a === 255) continue;
      const keep = a / 255;
      for (let c = 0; c < 3; c++) data[i + c] = Math.round((data[i + c] ?? 0) * keep + 255 * (1 - keep));
      data[i + 3] = 255;
    }
    const scale = Math.min(1, maxWidth / pixels.width, maxHeight / pixels.height);
    if (scale < 1) {
      pixels = (await resize(pixels as unknown as ImageData, {
        width: Math.max(1, Math.round(pixels.width * scale)),
        height: Math.max(1, Math.round(pixels.height * scale)),
        method: 'lanczos3',
        fitMethod: 'stretch',
      })) as unknown as Pixels;
    }
    return pixels;
  };
  return {
    maxPixels,
    // MozJPEG is built to decode to RGBA only, which libjpeg cannot do from CMYK.
    cmyk: false,
    async reencode(bytes, format) {
      // MozJPEG applies the EXIF rotation while decoding (preserveOrientation is off).
      const pixels = await decode(bytes, format);
      return { bytes: await encode(pixels, format, 92), width: pixels.width, height: pixels.height };
    },
    svg: null,
    async printJpeg(bytes, longSide) {
      return encode(await fitted(bytes, longSide, longSide), 'jpeg', 95);
    },
    async mailJpeg(bytes, opts) {
      const pixels = await fitted(bytes, opts.maxWidth, opts.maxWidth * 2);
      let out: Uint8Array = new Uint8Array(0);
      for (const quality of MAIL_JPEG_QUALITIES) {
        out = await encode(pixels, 'jpeg', quality);
        if (out.byteLength <= opts.maxBytes) break;
      }
      return { bytes: out, width: pixels.width, height: pixels.height };
    },
    heif: null,
  };
}
