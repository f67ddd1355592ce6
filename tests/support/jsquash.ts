import { readFileSync } from 'node:fs';
import type { JsquashModules } from '../../src/runtime/jsquash-images.js';

const wasm = (path: string) =>
  WebAssembly.compile(readFileSync(new URL(`../../node_modules/@jsquash/${path}`, import.meta.url)));

/**
 * jsquashModules compiles the four @jsquash codecs from the packages' .wasm files, as a Worker
 * gets them ready-compiled from its `.wasm` imports (Node may compile at run time; Workers not).
 */
export async function jsquashModules(): Promise<JsquashModules> {
  const [png, jpegDecode, jpegEncode, resize] = await Promise.all([
    wasm('png/codec/pkg/squoosh_png_bg.wasm'),
    wasm('jpeg/codec/dec/mozjpeg_dec.wasm'),
    wasm('jpeg/codec/enc/mozjpeg_enc.wasm'),
    wasm('resize/lib/resize/pkg/squoosh_resize_bg.wasm'),
  ]);
  return { png, jpegDecode, jpegEncode, resize };
}
