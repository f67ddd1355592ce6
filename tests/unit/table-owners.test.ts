// The ownership rule of README.md ("### Tables and their owners"): each table is written by
// its owner only, so a rule about a table lives in one place. The README's table is the
// source of truth; this test finds every INSERT, UPDATE and DELETE in the SQL strings of the
// source tree and names each write by someone else.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * START_UP_WRITERS write outside the ownership rule, at start-up only (see README.md). The
 * list may only shrink.
 */
const START_UP_WRITERS: Record<string, string[]> = {
  // Moves outbox rows an older version kept in the main database into the outbox's own file.
  'src/entry/node-runtime.ts': ['outbox_messages'],
  // The demo seed's example stadsdorpen and subscribers.
  'subscribers/demo-seed.ts': ['stadsdorpen', 'subscribers'],
};

/** ownerTable reads the README's table of tables: table name to owner (a module, or a file under src/). */
function ownerTable(readme: string): Map<string, string> {
  const section = readme.split('### Tables and their owners')[1]?.split('\n### ')[0] ?? '';
  const owners = new Map<string, string>();
  for (const line of section.split('\n')) {
    const m = /^\| `([a-z_]+)` \| `([^`]+)` \|/.exec(line);
    if (!m) continue;
    if (owners.has(m[1]!)) throw new Error(`README.md names two owners of ${m[1]}`);
    owners.set(m[1]!, m[2]!);
  }
  return owners;
}

/** ownerOf is who a source file writes as: its module, or else its own path. */
function ownerOf(file: string): string {
  const m = /^src\/modules\/([^/]+)\//.exec(file);
  return m ? m[1]! : file;
}

/** sqlStrings is the text of every string and template literal in a file (substitutions as `?`). */
function sqlStrings(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push(node.text);
    else if (ts.isTemplateExpression(node)) {
      out.push([node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ? '));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const WRITE = /\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+([a-z_]+)/gi;

/** writesIn lists the tables a file's SQL writes (only names in `tables`: `DO UPDATE SET` is no table). */
function writesIn(file: string, text: string, tables: Set<string>): Set<string> {
  const found = new Set<string>();
  for (const s of sqlStrings(file, text)) {
    for (const m of s.matchAll(WRITE)) {
      const table = m[1]!.toLowerCase();
      if (tables.has(table)) found.add(table);
    }
  }
  return found;
}

/** violations names every write in `files` by someone other than the table's owner. */
function violations(files: Map<string, string>, owners: Map<string, string>): string[] {
  const tables = new Set(owners.keys());
  const out: string[] = [];
  for (const [file, text] of files) {
    const allowed = new Set(START_UP_WRITERS[file] ?? []);
    for (const table of writesIn(file, text, tables)) {
      if (owners.get(table) === ownerOf(file) || allowed.has(table)) continue;
      out.push(`${file} writes ${table}, which ${owners.get(table)} owns`);
    }
  }
  return out.sort();
}

function sourceFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name)) files.set(path, readFileSync(join(ROOT, path), 'utf8'));
    }
  };
  walk('src');
  for (const entry of readdirSync(join(ROOT, 'subscribers'))) {
    if (entry.endsWith('.ts')) {
      files.set(`subscribers/${entry}`, readFileSync(join(ROOT, 'subscribers', entry), 'utf8'));
    }
  }
  return files;
}

/** migratedTables lists the tables the migrations leave behind (not the `_new` copies of a rebuild). */
function migratedTables(): Set<string> {
  const tables = new Set<string>();
  for (const file of readdirSync(join(ROOT, 'migrations'))) {
    const sql = readFileSync(join(ROOT, 'migrations', file), 'utf8');
    for (const m of sql.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)/gi)) {
      if (!m[1]!.endsWith('_new')) tables.add(m[1]!.toLowerCase());
    }
  }
  return tables;
}

const owners = ownerTable(readFileSync(join(ROOT, 'README.md'), 'utf8'));

describe('each table has one owner', () => {
  it('names an owner in README.md for every table of the migrations, and only for those', () => {
    expect([...owners.keys()].sort()).toEqual([...migratedTables()].sort());
  });

  it('names owners that exist: a module, or a file under src/', () => {
    const files = sourceFiles();
    const missing = [...new Set(owners.values())].filter((o) =>
      o.startsWith('src/') ? !files.has(o) : !existsSync(join(ROOT, 'src/modules', o)),
    );
    expect(missing).toEqual([]);
  });

  it('lets only the owner write a table', () => {
    expect(violations(sourceFiles(), owners)).toEqual([]);
  });

  it('sees a write by a module that does not own the table, in a string or a template', () => {
    const file = 'src/modules/delivery/example.ts';
    const text = [
      "const a = stmt('UPDATE subscribers SET suppressed_at = ? WHERE id = ?', [now, id]);",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal, for the scanner
      'const b = `INSERT INTO consent_log (action) SELECT ${action} FROM subscriptions`;',
      "const c = 'DELETE FROM deliveries WHERE id = ?';",
      "const d = `INSERT INTO lists (slug) VALUES (?) ON CONFLICT (slug) DO UPDATE SET name = 'x'`;",
    ].join('\n');
    expect(violations(new Map([[file, text]]), owners)).toEqual([
      `${file} writes consent_log, which subscribers owns`,
      `${file} writes lists, which subscribers owns`,
      `${file} writes subscribers, which subscribers owns`,
    ]);
  });
});
