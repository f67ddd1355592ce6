import mjml2html from 'mjml';

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

/**
 * compileMjml turns MJML into HTML. With strict it rejects unknown tags, illegal attributes
 * and unbalanced tags, naming the line of each; mj-include is never followed (it would read server files).
 */
export async function compileMjml(source: string, opts: { strict: boolean }): Promise<string> {
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
        raw.map((e) => ({ line: e.line ?? 1, tag: e.tagName ?? '', message: e.message ?? 'ongeldig' })),
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
