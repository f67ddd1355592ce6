/**
 * MjmlToHtml is mjml's own compiler, `mjml2html`, as the runtime hands it in: the `mjml`
 * package on Node, `mjml-browser` (the same function, bundled for browsers and Workers) on
 * Workers. On a strict validation failure it rejects with an error whose `errors` list each
 * problem with its line and tag.
 */
export type MjmlToHtml = (
  source: string,
  options: { validationLevel: 'strict' | 'soft'; ignoreIncludes: boolean; keepComments: boolean },
) => Promise<{ html: string }>;

/** MjmlIssue is one problem in an MJML document, with the line it is on. */
export interface MjmlIssue {
  line: number;
  tag: string;
  message: string;
}

/** MjmlCompileError carries every issue found; the message names each line. */
export class MjmlCompileError extends Error {
  override name = 'MjmlCompileError';
  constructor(readonly issues: MjmlIssue[]) {
    super(issues.map((i) => `regel ${i.line}${i.tag ? ` (${i.tag})` : ''}: ${i.message}`).join('; '));
  }
}

/** SLOT_PATTERN matches a slot marker such as {{content}} or {{ unsubscribe_url }}. */
export const SLOT_PATTERN = /\{\{\s*([a-z_]+)\s*\}\}/g;

/**
 * checkTagBalance finds mj-* tags that are not closed or closed in the wrong place.
 * mjml's own parser silently repairs these, which hides mistakes a strict upload should name.
 */
function checkTagBalance(source: string): MjmlIssue[] {
  const issues: MjmlIssue[] = [];
  const stack: { tag: string; line: number }[] = [];
  const lineAt = (index: number) => source.slice(0, index).split('\n').length;
  // Comments and CDATA can hold anything; blank them out but keep the line breaks.
  const cleaned = source.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, (m) =>
    m.replace(/[^\n]/g, ' '),
  );
  const tagRe = /<(\/?)(mjml|mj-[a-z-]+)\b[^>]*?(\/?)>/g;
  for (const m of cleaned.matchAll(tagRe)) {
    const [, closing, tag = '', selfClosing] = m;
    const line = lineAt(m.index ?? 0);
    if (selfClosing) continue;
    if (!closing) {
      stack.push({ tag, line });
      continue;
    }
    const open = stack.pop();
    if (!open) {
      issues.push({ line, tag, message: `</${tag}> sluit een element dat niet geopend is.` });
    } else if (open.tag !== tag) {
      issues.push({
        line: open.line,
        tag: open.tag,
        message: `<${open.tag}> wordt niet gesloten (op regel ${line} staat </${tag}>).`,
      });
      return issues;
    }
  }
  for (const open of stack)
    issues.push({ line: open.line, tag: open.tag, message: `<${open.tag}> wordt niet gesloten.` });
  return issues;
}

/** lineFinder answers the line number (from 1) of a character offset in source. */
function lineFinder(source: string): (index: number) => number {
  const starts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return (index) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** ScannedTag is one start or end tag, MJML or HTML, with its attributes as written. */
interface ScannedTag {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  start: number;
  end: number;
  attributes: { name: string; value: string; start: number }[];
}

/**
 * One attribute, or the end of the tag: separators (whitespace, `/`), then `>`, or a name
 * (which may start with `=`, as in HTML) with an optional double-, single- or unquoted value.
 */
const ATTRIBUTE =
  /[\t\n\f\r /]*(?:(>)|(=?[^\t\n\f\r />=]*)[\t\n\f\r ]*(?:=[\t\n\f\r ]*(?:"([^"]*)"?|'([^']*)'?|([^\t\n\f\r >]*)))?)/y;

/**
 * scanTags finds every tag the way a browser tokenises it (quotes respected, `/` separates
 * attributes, unquoted values), also inside mj-raw, mj-text and comments: strict on purpose.
 */
function scanTags(source: string): ScannedTag[] {
  const tags: ScannedTag[] = [];
  const open = /<(\/?)([a-zA-Z][^\t\n\f\r />]*)/g;
  for (let m = open.exec(source); m; m = open.exec(source)) {
    const tag: ScannedTag = {
      name: (m[2] ?? '').toLowerCase(),
      closing: m[1] === '/',
      selfClosing: false,
      start: m.index,
      end: source.length,
      attributes: [],
    };
    let i = m.index + m[0].length;
    while (i < source.length) {
      ATTRIBUTE.lastIndex = i;
      const a = ATTRIBUTE.exec(source);
      if (!a || a[0].length === 0) break;
      i += a[0].length;
      if (a[1]) {
        tag.selfClosing = source[i - 2] === '/';
        break;
      }
      const name = a[2] ?? '';
      if (!name) continue;
      const value = a[3] ?? a[4] ?? a[5] ?? '';
      tag.attributes.push({ name, value, start: a.index + a[0].indexOf(name) });
    }
    tag.end = Math.min(i, source.length);
    tags.push(tag);
    open.lastIndex = tag.end;
  }
  return tags;
}

const NAMED_ENTITIES: Record<string, string> = {
  tab: '\t',
  newline: '\n',
  colon: ':',
  lpar: '(',
  rpar: ')',
  sol: '/',
  bsol: '\\',
  amp: '&',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  nbsp: '\u00a0',
  semi: ';',
  comma: ',',
  period: '.',
  num: '#',
};

/** decodeEntities decodes character references as a browser would (also without the `;`), until nothing changes. */
function decodeEntities(value: string): string {
  let out = value;
  for (let round = 0; round < 3; round++) {
    const next = out.replace(/&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?|&([a-zA-Z]+);?/g, (m, hex, dec, name) => {
      if (hex !== undefined || dec !== undefined) {
        const cp = Number.parseInt(hex ?? dec, hex !== undefined ? 16 : 10);
        return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
      }
      return NAMED_ENTITIES[String(name).toLowerCase()] ?? m;
    });
    if (next === out) break;
    out = next;
  }
  return out;
}

/** Tags whose content runs as script or as a page of its own; never in a mail. */
const FORBIDDEN_TAG = /<[\s/]*(script|iframe|object|embed)\b/gi;
/** A URL scheme that runs script, once entities, whitespace and control characters are gone. */
const SCRIPT_SCHEME = /(javascript|vbscript):/;

/** withoutInvisible drops what a browser skips or ignores inside a URL scheme: controls, spaces, zero-width characters. */
function withoutInvisible(value: string): string {
  let out = '';
  for (const ch of value) {
    const c = ch.codePointAt(0) ?? 0;
    const invisible =
      c <= 0x20 ||
      (c >= 0x7f && c <= 0xa0) ||
      c === 0xad ||
      (c >= 0x200b && c <= 0x200f) ||
      c === 0x2028 ||
      c === 0x2029 ||
      c === 0xfeff;
    if (!invisible) out += ch;
  }
  return out;
}

/**
 * findActiveContent lists every place in MJML (or HTML) that could run script: <script> and
 * friends, event-handler attributes (on...=) and javascript:/vbscript: URLs in any attribute,
 * also when hidden with character references, whitespace or capitals. Each issue names its line.
 */
export function findActiveContent(source: string): MjmlIssue[] {
  const lineAt = lineFinder(source);
  const issues: MjmlIssue[] = [];
  for (const m of source.matchAll(FORBIDDEN_TAG)) {
    const tag = (m[1] ?? '').toLowerCase();
    issues.push({
      line: lineAt(m.index ?? 0),
      tag,
      message: `<${tag}> is niet toegestaan in een layout: een mail mag geen script of ingesloten pagina bevatten.`,
    });
  }
  for (const tag of scanTags(source)) {
    for (const attr of tag.attributes) {
      const line = lineAt(attr.start);
      if (/^on/i.test(attr.name)) {
        issues.push({
          line,
          tag: tag.name,
          message: `het attribuut ${attr.name} voert script uit en is niet toegestaan. Haal het weg.`,
        });
        continue;
      }
      const value = decodeEntities(attr.value);
      // mj-html-attribute name="onclick" (and SVG's attributeName) set a handler by value.
      if (/^(name|attributename)$/i.test(attr.name) && /^\s*on/i.test(value)) {
        issues.push({
          line,
          tag: tag.name,
          message: `${attr.name}="${value.trim()}" zet een script-attribuut en is niet toegestaan.`,
        });
        continue;
      }
      const scheme = SCRIPT_SCHEME.exec(withoutInvisible(value).toLowerCase());
      if (scheme) {
        issues.push({
          line,
          tag: tag.name,
          message: `het attribuut ${attr.name} bevat een ${scheme[1]}:-link, die script uitvoert. Gebruik een https://- of mailto:-link.`,
        });
      }
    }
  }
  return issues.sort((a, b) => a.line - b.line);
}

/** countMjmlElements counts the mj-* elements of a document (start tags and self-closing tags). */
export function countMjmlElements(source: string): number {
  return source.match(/<mj-[a-z]/gi)?.length ?? 0;
}

/** Tags whose content MJML passes through as HTML: the only places an HTML slot may go. */
const ENDING_TAGS = new Set([
  'mj-text',
  'mj-raw',
  'mj-button',
  'mj-table',
  'mj-navbar-link',
  'mj-social-element',
  'mj-accordion-title',
  'mj-accordion-text',
]);

/**
 * checkSlotPlacement checks that each HTML slot (e.g. {{content}}) sits as content of an
 * ending tag such as <mj-text> inside <mj-body>: not in <mj-head> (the mail would go out
 * empty), not straight inside <mj-section>, not in an attribute or a comment. It reads the
 * layout as written, so every issue names the volunteer's own tag and line.
 */
export function checkSlotPlacement(source: string, htmlSlots: string[]): MjmlIssue[] {
  const lineAt = lineFinder(source);
  const comments = [...source.matchAll(/<!--[\s\S]*?(-->|$)/g)].map((m) => ({
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
  }));
  const tags = scanTags(source);
  const issues: MjmlIssue[] = [];
  // Slots and tags are both in document order: one walk keeps the open mj-* elements (outermost first).
  const path: string[] = [];
  let next = 0;
  for (const m of source.matchAll(SLOT_PATTERN)) {
    const at = m.index ?? 0;
    for (let t = tags[next]; t && t.start < at; t = tags[++next]) {
      if (!t.name.startsWith('mj') || t.selfClosing) continue;
      if (!t.closing) path.push(t.name);
      else if (path[path.length - 1] === t.name) path.pop();
    }
    const slot = m[1] ?? '';
    if (!htmlSlots.includes(slot)) continue;
    // Tags never overlap, so only the last one opened before the slot can hold it in an attribute.
    const last = tags[next - 1];
    const inside = last && at < last.end ? last : undefined;
    const marker = `{{${slot}}}`;
    const line = lineAt(at);
    if (comments.some((c) => c.start <= at && at < c.end)) {
      issues.push({
        line,
        tag: '',
        message: `${marker} staat in een commentaar (<!-- -->) en blijft dan leeg.`,
      });
      continue;
    }
    if (inside) {
      issues.push({
        line,
        tag: inside.name,
        message: `${marker} staat in een attribuut van <${inside.name}>; zet hem tussen <mj-text> en </mj-text>.`,
      });
      continue;
    }
    const parent = path[path.length - 1] ?? 'mjml';
    if (!path.includes('mj-body')) {
      issues.push({
        line,
        tag: parent,
        message: `${marker} staat niet in <mj-body> maar in <${parent}>, dus de mail zou leeg blijven. Zet hem in een <mj-text> binnen <mj-body>.`,
      });
    } else if (!ENDING_TAGS.has(parent)) {
      issues.push({
        line,
        tag: parent,
        message: `${marker} staat direct in <${parent}>, waar geen HTML mag staan. Zet hem in een <mj-text> (of <mj-raw>).`,
      });
    }
  }
  return issues;
}

/**
 * dutchMessage says one of mjml's own validation errors in Dutch; a message it does not
 * know is passed on after "MJML meldt:".
 */
function dutchMessage(tag: string, message: string): string {
  let m = /^Element (\S+) doesn't exist or is not registered/.exec(message);
  if (m) return `<${m[1]}> bestaat niet in MJML. Controleer de schrijfwijze.`;
  m = /^Attributes? (.+?) (?:is|are) illegal/.exec(message);
  if (m) {
    const many = (m[1] ?? '').includes(',');
    return `${many ? 'de attributen' : 'het attribuut'} ${m[1]} ${many ? 'horen' : 'hoort'} niet bij <${tag}>. Haal ${many ? 'ze' : 'het'} weg of controleer de schrijfwijze.`;
  }
  m = /^(\S+) cannot be used inside (\S+), only inside: (.+)$/.exec(message);
  if (m) {
    const allowed = (m[3] ?? '')
      .split(/,\s*/)
      .map((a) => `<${a}>`)
      .join(' of ');
    return `<${m[1]}> mag niet in <${m[2]}> staan, alleen in ${allowed}.`;
  }
  m = /^Attribute (\S+) has invalid value: (.*?) for type \S+?,? only accepts (.+)$/.exec(message);
  if (m) return `het attribuut ${m[1]} heeft een ongeldige waarde "${m[2]}"; toegestaan: ${m[3]}.`;
  m = /^Attribute (\S+) has invalid value: (.*?) for type/.exec(message);
  if (m) return `het attribuut ${m[1]} heeft een ongeldige waarde "${m[2]}".`;
  return `MJML meldt: ${message}`;
}

/**
 * compileMjml turns MJML into HTML with the runtime's compiler. With strict it rejects unknown
 * tags, illegal attributes and unbalanced tags, naming the line of each; mj-include is never
 * followed (it would read server files; mjml-browser has none).
 */
export async function compileMjml(
  mjml2html: MjmlToHtml,
  source: string,
  opts: { strict: boolean },
): Promise<string> {
  if (!/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<mjml[\s>]/.test(source)) {
    throw new MjmlCompileError([{ line: 1, tag: '', message: 'Een MJML-layout begint met <mjml>.' }]);
  }
  if (opts.strict) {
    const balance = checkTagBalance(source);
    if (balance.length) throw new MjmlCompileError(balance);
  }
  try {
    const result = await mjml2html(source, {
      validationLevel: opts.strict ? 'strict' : 'soft',
      ignoreIncludes: true,
      keepComments: false,
    });
    return result.html;
  } catch (err) {
    const raw = (err as { errors?: { line?: number; tagName?: string; message?: string }[] }).errors;
    if (Array.isArray(raw) && raw.length) {
      throw new MjmlCompileError(
        raw.map((e) => ({
          line: e.line ?? 1,
          tag: e.tagName ?? '',
          message: dutchMessage(e.tagName ?? '', e.message ?? 'ongeldig'),
        })),
      );
    }
    throw new MjmlCompileError([
      { line: 1, tag: '', message: `MJML kon niet worden gelezen: ${String(err)}` },
    ]);
  }
}

/** findSlots lists the slot names a layout uses, in order of first appearance. */
export function findSlots(source: string): string[] {
  return [...new Set([...source.matchAll(SLOT_PATTERN)].map((m) => m[1] ?? ''))];
}

/**
 * fillSlots pours values into slot markers in one pass. Values must already be safe
 * for where they go (the caller escapes text and sanitises HTML); unknown slots become empty.
 */
export function fillSlots(source: string, values: Record<string, string>): string {
  return source.replace(SLOT_PATTERN, (_m, name: string) => values[name] ?? '');
}
