import type { Context } from 'hono';
import type { Config } from './config.js';
import type { Db } from './db/port.js';
import type { MjmlToHtml } from './mail/mjml.js';
import type { RateLimiter, SendPriority } from './mail/rate-limiter.js';
import type { Transport } from './mail/transport.js';

/** Logger is the small logging surface the app uses; entry points decide where lines go. */
export interface Logger {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

/** AppDeps is everything the app needs from its runtime, built by one composition root per runtime. */
export interface AppDeps {
  config: Config & { secretKey: string };
  db: Db;
  /**
   * outboxDb is where the outbox transport keeps its messages. On Node it is a file of its
   * own written by a thread of its own (see entry/node-runtime.ts), so storing mail does
   * not hold up requests; in tests and on D1 it is db itself.
   */
  outboxDb: Db;
  transport: Transport;
  /** now is the clock; tests move it to expire links or start scheduled campaigns. */
  now: () => Date;
  log: Logger;
  /** runtime is what modules need from the runtime they run on (see RuntimePort). */
  runtime: RuntimePort;
}

/**
 * RuntimePort is everything a module needs from the runtime it runs on, so that no module
 * calls `fs`, `process`, `setImmediate` or a Node-only package: src/entry builds one per
 * runtime (entry/node-runtime.ts for Node, entry/worker-runtime.ts for Workers), tests build theirs in
 * tests/support/app.ts. Each field is one capability with an implementation per runtime.
 */
export interface RuntimePort {
  /**
   * clientAddress is the address of the peer that opened this request's connection, as the
   * runtime knows it: the TCP peer on Node, CF-Connecting-IP on Workers; undefined where
   * there is none (app.request in tests). The signup and beheer login limits count against it.
   */
  clientAddress(c: Context): string | undefined;

  /**
   * windowCounters count events per key in fixed time windows, shared by every process or
   * isolate that serves requests: the signup and beheer login limits. On Node one process
   * serves them, so memory suffices; on Workers D1 (runtime/db-window-counters.ts).
   */
  windowCounters: WindowCounters;

  /**
   * assets are the files that ship with the project and never change while it runs: the
   * built-in MJML layouts (templates/mail) and the print fonts (templates/print/fonts). Read
   * from disk on Node, bundled on Workers.
   */
  assets: Assets;

  /**
   * files keeps the files people upload (the stadsdorpen's logos and poster photos, with
   * their print versions), by key.
   * In SQLite on Node, in R2 on Workers.
   */
  files: FileStore;

  /**
   * mjml compiles MJML layouts to HTML (mjml's `mjml2html`): the `mjml` package on Node,
   * `mjml-browser` on Workers, where `mjml` does not bundle. Both validate alike
   * (tests/contract/mjml-contract.ts runs one suite against each).
   */
  mjml: MjmlToHtml;

  /**
   * images decodes, checks and encodes uploaded logos and poster photos: sharp on Node, the
   * @jsquash WebAssembly codecs on Workers. What needs no codec (the type told by content, the
   * size, the pixels read from the header before anything is decoded) the print module checks
   * alike on both; tests/contract/images-contract.ts runs the same refusals against each.
   */
  images: Images;

  /**
   * wakeWorkers says that mail of this class is waiting, right after the commit that queued
   * it. It returns at once and never throws: on Node it wakes the in-process dispatcher on the
   * next turn of the event loop; on Workers it becomes a Queue message. Without a wake the
   * dispatcher still finds the work when it next looks.
   */
  wakeWorkers(kind: SendPriority): void;
  /**
   * sendBucket is the one send-rate bucket (SEND_RATE_PER_SECOND) of the transport, shared by
   * campaign batches, transactional mails and test mails. On Node it lives in memory, one per
   * process; on Workers one per isolate, which suffices because the queue consumer runs one
   * invocation at a time (max_concurrency = 1 in wrangler.toml).
   */
  sendBucket: RateLimiter;
}

/** WindowCounters count events per key in fixed windows of time (a fixed-window rate limit). */
export interface WindowCounters {
  /**
   * add counts one event for key in the window of windowMs that holds `at` (windows start at
   * multiples of windowMs since the epoch) and returns how many that window now holds.
   */
  add(key: string, windowMs: number, at: Date): Promise<number>;
}

/** EncodedImage is a picture as a codec wrote it: the file's bytes and its size in pixels. */
export interface EncodedImage {
  bytes: Uint8Array;
  width: number;
  height: number;
}

/** Images are the codecs behind uploads. Every method rejects when the picture cannot be read whole. */
export interface Images {
  /**
   * maxPixels is the most pixels (width × height, read from the header) a picture may have
   * before it is decoded: what the runtime's memory allows.
   */
  readonly maxPixels: number;
  /**
   * cmyk tells whether the codecs read a CMYK JPEG (as print designers export logos) and turn
   * it into RGB; where they cannot (MozJPEG decodes to RGB only), such a file is refused with a
   * request for an RGB export.
   */
  readonly cmyk: boolean;
  /**
   * reencode decodes a whole PNG or JPEG and writes it again in the same format: EXIF rotation
   * applied, metadata dropped. A file that is cut short or damaged rejects.
   */
  reencode(bytes: Uint8Array, format: 'png' | 'jpeg'): Promise<EncodedImage>;
  /**
   * svg draws SVG as PNG without running script or loading anything; null on a runtime that has
   * no SVG renderer (Workers), where SVG uploads are refused with a request for a PNG.
   */
  readonly svg: {
    /** size reads the width and height an SVG declares, drawing nothing. */
    size(bytes: Uint8Array): Promise<{ width: number; height: number }>;
    /** rasterise draws the SVG as a PNG whose longer side is longSide pixels. */
    rasterise(bytes: Uint8Array, longSide: number): Promise<EncodedImage>;
  } | null;
  /**
   * printJpeg makes the version a PDF embeds: flattened on white, scaled down (never up) to fit
   * longSide × longSide, as a JPEG of quality 95 without chroma subsampling.
   */
  printJpeg(bytes: Uint8Array, longSide: number): Promise<Uint8Array>;
  /**
   * mailJpeg makes the version a mail shows: flattened on white, scaled down (never up) to at
   * most maxWidth wide and twice that high, a JPEG whose quality steps down until it fits
   * maxBytes (or reaches a floor), metadata dropped.
   */
  mailJpeg(bytes: Uint8Array, opts: { maxWidth: number; maxBytes: number }): Promise<EncodedImage>;
  /**
   * heif reads a phone's HEIF photo (HEIC, AVIF) where the runtime has a decoder for it: size
   * from the header, toJpeg the whole picture upright as a JPEG; null where there is none
   * (Workers), and such a photo is refused saying how to send a JPEG instead.
   */
  readonly heif: {
    size(bytes: Uint8Array): Promise<{ width: number; height: number }>;
    toJpeg(bytes: Uint8Array): Promise<Uint8Array>;
  } | null;
}

/** Assets reads the files that ship with the project, by their path from the project root. */
export interface Assets {
  /** read returns the bytes of one asset, e.g. 'templates/mail/standaard.mjml'; undefined when there is none. */
  read(path: string): Promise<Uint8Array | undefined>;
  /** list returns the paths of the assets directly inside a folder, e.g. 'templates/mail/', sorted. */
  list(folder: string): Promise<string[]>;
}

/**
 * FileStore keeps uploaded files by key (a path such as 'print-logos/7/<sha256>'). A put
 * replaces the whole file at once: a reader sees the old bytes or the new ones, never a mix.
 * Metadata (type, size, who) belongs in the owner's table; the store keeps bytes only.
 * On D1 a row holds at most 2 MB: the SQLite store splits a file into parts of 1 MiB.
 */
export interface FileStore {
  /** put stores bytes under key, replacing what was there. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** get returns the bytes under key, or undefined when there are none. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** has tells whether a file is stored under key, without reading its bytes. */
  has(key: string): Promise<boolean>;
  /** delete removes the file under key; removing a missing key is no error. */
  delete(key: string): Promise<void>;
}

/** consoleLogger writes one JSON line per event to stderr/stdout, dropping lines below the level. */
export function consoleLogger(level: Config['logLevel']): Logger {
  const order = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 } as const;
  const min = order[level];
  const line = (lvl: 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>) => {
    if (order[lvl] < min) return;
    const out = JSON.stringify({ t: new Date().toISOString(), level: lvl, msg, ...data });
    if (lvl === 'error') console.error(out);
    else console.log(out);
  };
  return {
    info: (m, d) => line('info', m, d),
    warn: (m, d) => line('warn', m, d),
    error: (m, d) => line('error', m, d),
  };
}
