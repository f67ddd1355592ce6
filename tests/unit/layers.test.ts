// The layer rule of README.md ("## Layers"), checked on every import of the source tree:
// a folder or module imports only what lies below it, so no import runs in a circle, and
// only the composition roots (src/entry) and the database adapters (src/db) import what
// runs on Node alone.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * LAYERS, bottom to top. Each unit is a folder (a trailing slash) or one file. A unit may
 * import units on its own row or on rows above it in this list, never one further down;
 * units on one row may import each other, but not in a circle. Every module has a row of
 * its own, so "a module imports only modules listed before it".
 */
const LAYERS: string[][] = [
  // The one error type sits below the database: the adapters turn a lock or a full disk into it.
  ['src/errors.ts'],
  ['src/db/'],
  ['src/kernel/', 'src/config.ts', 'src/ids.ts', 'src/http.ts'],
  ['src/mail/'],
  ['src/deps.ts'],
  // Implementations of the runtime port that run on any runtime (memory, the Db port).
  ['src/runtime/'],
  ['emails/', 'templates/print/', 'templates/mail/'],
  // The outgoing-mail dispatcher: a store interface and the Transport port, no module.
  ['src/modules/outgoing/'],
  ['src/modules/auth/'],
  ['src/modules/stadsdorpen/'],
  ['src/modules/notifications/'],
  ['src/modules/subscribers/'],
  ['src/modules/accounts/'],
  ['src/modules/csv/'],
  ['src/modules/campaigns/'],
  ['src/modules/delivery/'],
  ['src/modules/outbox/'],
  ['src/modules/print/'],
  ['src/modules/signup-sources/'],
  ['src/modules/overview/'],
  ['src/modules/notices/'],
  ['src/modules/photos/'],
  ['src/modules/contributions/'],
  ['src/web/'],
  ['src/app.ts'],
  ['src/entry/', 'subscribers/demo-seed.ts'],
];

/** The folders whose files are read. */
const SOURCES = ['src', 'emails', 'templates/print', 'subscribers'];

/** RUNTIME_UNITS may import Node-only packages: they alone know which runtime they are in. */
const RUNTIME_UNITS = ['src/entry/', 'src/db/'];

/** Packages that run on Node alone (besides Node's built-in modules, with or without `node:`). */
const NODE_ONLY_PACKAGES = [
  'better-sqlite3',
  'sharp',
  'nodemailer',
  '@hono/node-server',
  // Does not bundle for Workers (mjml-browser does); see DESIGN "Workers facts".
  'mjml',
];

/**
 * PORTABLE_BUILTINS are Node built-ins that Cloudflare Workers provide as well, with the
 * `nodejs_compat` compatibility flag that wrangler.toml sets: node:crypto (hashes, HMACs,
 * random bytes) and node:buffer. Any module may import them.
 */
const PORTABLE_BUILTINS = ['crypto', 'buffer'];

/**
 * WORKER_ENTRY is the Workers composition root: it, and every file it imports however
 * indirectly (src/entry/worker-*.ts, src/db/d1.ts, the app and all its modules), must run in
 * workerd, so none of them may use a Node-only package or global. WORKERD_BUILTINS are the
 * Node built-ins workerd provides with nodejs_compat beyond PORTABLE_BUILTINS, for the
 * Workers files of src/entry only (node:async_hooks: AsyncLocalStorage).
 */
const WORKER_ENTRY = 'src/entry/worker.ts';
const WORKERD_BUILTINS = ['async_hooks'];

/** Node's globals that no module may call: the runtime hands them in. */
const NODE_ONLY_GLOBALS = ['process', 'setImmediate'];

/**
 * Today's exceptions, as "file: import or global". The list may only shrink: an entry that
 * no longer matches fails the test, so remove it when its code moves.
 */
const ALLOWED_NODE_ONLY: Record<string, string> = {};

interface Import {
  file: string;
  line: number;
  specifier: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = posix.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** importsOf lists every import of a file: import, import type, export ... from, import(), require(). */
function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles.map((f) => ({
    file,
    line: text.slice(0, f.pos).split('\n').length,
    specifier: f.fileName,
  }));
}

/** globalsOf lists the Node-only globals a file calls or reads. */
function globalsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Import[] = [];
  const visit = (node: ts.Node) => {
    const parent = node.parent;
    if (
      ts.isIdentifier(node) &&
      NODE_ONLY_GLOBALS.includes(node.text) &&
      parent &&
      ((ts.isCallExpression(parent) && parent.expression === node) ||
        (ts.isPropertyAccessExpression(parent) && parent.expression === node))
    ) {
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      found.push({ file, line, specifier: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const UNITS = LAYERS.flat();
const rank = new Map(LAYERS.flatMap((row, i) => row.map((u) => [u, i] as const)));

/** unitOf is the declared unit a path (with or without extension) belongs to. */
function unitOf(path: string): string | undefined {
  const bare = path.replace(/\.(js|jsx|ts|tsx)$/, '');
  return UNITS.filter((u) =>
    u.endsWith('/') ? bare.startsWith(u) : bare === u.replace(/\.(ts|tsx)$/, ''),
  ).sort((a, b) => b.length - a.length)[0];
}

function resolveRelative(imp: Import): string {
  return relative(ROOT, join(ROOT, dirname(imp.file), imp.specifier))
    .split('\\')
    .join('/');
}

const where = (i: Import) => `${i.file}:${i.line} imports '${i.specifier}'`;

const files = SOURCES.flatMap(sourceFiles);
const imports = files.flatMap(importsOf);
const local = imports.filter((i) => i.specifier.startsWith('.'));

/** Edges between units, each with the imports that make it. */
function unitGraph(): Map<string, Map<string, Import[]>> {
  const graph = new Map<string, Map<string, Import[]>>();
  for (const imp of local) {
    const from = unitOf(imp.file)!;
    const to = unitOf(resolveRelative(imp));
    if (!to || from === to) continue;
    const edges = graph.get(from) ?? new Map<string, Import[]>();
    edges.set(to, [...(edges.get(to) ?? []), imp]);
    graph.set(from, edges);
  }
  return graph;
}

/** cycles finds the strongly connected groups of units (Tarjan): each group is one or more import cycles. */
function cycles(graph: Map<string, Map<string, Import[]>>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const groups: string[][] = [];
  const strong = (u: string) => {
    indexOf.set(u, index);
    low.set(u, index++);
    stack.push(u);
    for (const v of graph.get(u)?.keys() ?? []) {
      if (!indexOf.has(v)) {
        strong(v);
        low.set(u, Math.min(low.get(u)!, low.get(v)!));
      } else if (stack.includes(v)) low.set(u, Math.min(low.get(u)!, indexOf.get(v)!));
    }
    if (low.get(u) === indexOf.get(u)) {
      const group: string[] = [];
      let v: string;
      do {
        v = stack.pop()!;
        group.push(v);
      } while (v !== u);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const u of graph.keys()) if (!indexOf.has(u)) strong(u);
  return groups;
}

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function isNodeOnly(specifier: string): boolean {
  const pkg = packageOf(specifier.replace(/^node:/, ''));
  if (PORTABLE_BUILTINS.includes(pkg)) return false;
  return specifier.startsWith('node:') || builtinModules.includes(pkg) || NODE_ONLY_PACKAGES.includes(pkg);
}

/** workerFiles is WORKER_ENTRY and every source file it imports, directly or not. */
function workerFiles(): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imp of importsOf(file)) {
      if (!imp.specifier.startsWith('.')) continue;
      const bare = resolveRelative(imp).replace(/\.(js|jsx)$/, '');
      const source = [`${bare}.ts`, `${bare}.tsx`, `${bare}/index.ts`].find((f) => files.includes(f));
      if (source) visit(source);
    }
  };
  visit(WORKER_ENTRY);
  return [...seen].sort();
}

describe('layers', () => {
  it('reads the whole tree: imports, import type and export-from lines', () => {
    expect(files.length).toBeGreaterThan(100);
    const seen = (file: string, specifier: string) =>
      local.some((i) => i.file === file && i.specifier === specifier);
    expect(seen('src/app.ts', './deps.js')).toBe(true);
    expect(seen('emails/nieuwsbrief.tsx', './_components/content.js')).toBe(true);
    const probe = ts.preProcessFile("export { a } from './a.js';\nexport * from './b.js';", true, true);
    expect(probe.importedFiles.map((f) => f.fileName)).toEqual(['./a.js', './b.js']);
  });

  it('places every source file and every file it imports in a declared layer', () => {
    const unplaced = [
      ...files.filter((f) => !unitOf(f)).map((f) => `${f} is in no layer`),
      ...local.filter((i) => !unitOf(resolveRelative(i))).map((i) => `${where(i)}, which is in no layer`),
    ];
    expect(unplaced, 'add the folder or file to LAYERS and to the layers in README.md').toEqual([]);
  });

  it('has no import cycle between folders or modules', () => {
    const graph = unitGraph();
    const found = cycles(graph).map((group) => {
      // The imports that close the circle: those that do not go down the layer order.
      const closing = group.flatMap((u) =>
        [...(graph.get(u) ?? [])]
          .filter(([v]) => group.includes(v) && rank.get(v)! >= rank.get(u)!)
          .flatMap(([, imps]) => imps.map(where)),
      );
      return `cycle between ${group.join(', ')}, closed by:\n    ${closing.join('\n    ')}`;
    });
    expect(found, found.join('\n')).toEqual([]);
  });

  it('imports only downwards: no folder or module imports one above it', () => {
    const upward = local.flatMap((imp) => {
      const from = unitOf(imp.file)!;
      const to = unitOf(resolveRelative(imp));
      if (!to || rank.get(to)! <= rank.get(from)!) return [];
      return [`${where(imp)}: ${from} may not import ${to}, which lies above it`];
    });
    expect(upward, upward.join('\n')).toEqual([]);
  });

  it('counts node:crypto and node:buffer as portable only while wrangler.toml turns on nodejs_compat', () => {
    const wrangler = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
    expect(wrangler).toMatch(/^compatibility_flags\s*=\s*\[[^\]]*"nodejs_compat"/m);
    expect(['node:crypto', 'crypto', 'node:buffer'].map(isNodeOnly)).toEqual([false, false, false]);
    expect(['node:fs', 'fs', 'node:url', 'sharp', '@hono/node-server/conninfo'].map(isNodeOnly)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  it('keeps the Worker and everything it imports free of Node-only packages and globals', () => {
    const reached = workerFiles();
    expect(reached).toEqual(expect.arrayContaining([WORKER_ENTRY, 'src/db/d1.ts', 'src/app.ts']));
    const offending = [
      ...reached.flatMap(importsOf).filter((i) => {
        if (i.specifier.startsWith('.') || !isNodeOnly(i.specifier)) return false;
        const builtin = i.specifier.replace(/^node:/, '');
        return !(i.file.startsWith('src/entry/worker') && WORKERD_BUILTINS.includes(builtin));
      }),
      ...reached.flatMap(globalsOf),
    ].map(where);
    expect(
      offending,
      `${offending.join('\n')}\nthe Worker cannot run this: pass it in through the runtime port`,
    ).toEqual([]);
  });

  it('imports Node-only packages and globals only in src/entry and src/db', () => {
    const used = [
      ...imports.filter((i) => !i.specifier.startsWith('.') && isNodeOnly(i.specifier)),
      ...files.flatMap(globalsOf),
    ].filter((i) => !RUNTIME_UNITS.some((u) => i.file.startsWith(u)));
    const key = (i: Import) => `${i.file}: ${i.specifier}`;
    const offending = used.filter((i) => !(key(i) in ALLOWED_NODE_ONLY)).map(where);
    expect(offending, `${offending.join('\n')}\npass it in through AppDeps instead`).toEqual([]);
    const stale = Object.keys(ALLOWED_NODE_ONLY).filter((k) => !used.some((i) => key(i) === k));
    expect(stale, 'these no longer happen: remove them from ALLOWED_NODE_ONLY').toEqual([]);
  });
});
