// The @jsquash codecs as the Worker gets them: wrangler bundles each imported `.wasm` file as a
// compiled WebAssembly.Module (Workers refuse to compile WebAssembly from bytes at run time),
// and jsquashImages hands each one to its codec's init.
import jpegDecode from '@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm';
import jpegEncode from '@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm';
// @ts-expect-error wasm-bindgen's .wasm.d.ts types the ES-module form; wrangler gives a WebAssembly.Module.
import png from '@jsquash/png/codec/pkg/squoosh_png_bg.wasm';
// @ts-expect-error as above.
import resize from '@jsquash/resize/lib/resize/pkg/squoosh_resize_bg.wasm';
import type { Images } from '../deps.js';
import { jsquashImages } from '../runtime/jsquash-images.js';

/** workerImages are the runtime port's image codecs on Workers. */
export function workerImages(): Images {
  return jsquashImages({
    png: png as WebAssembly.Module,
    jpegDecode,
    jpegEncode,
    resize: resize as WebAssembly.Module,
  });
}
