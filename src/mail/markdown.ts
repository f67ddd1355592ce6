import { Marked, type Tokens } from 'marked';

/** escapeHtml makes a value safe as HTML text and inside a quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * safeHref returns the href when it is http(s) or mailto, else null. Relative links,
 * javascript:, data: and the like have no place in a mail that leaves the site.
 */
export function safeHref(href: string): string | null {
  const trimmed = href.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
}

// The CoCo writes Markdown, not HTML: raw HTML shows as the text it is, and only safe links become links.
const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag) {
      const text = escapeHtml(token.text.trim());
      return 'block' in token && token.block ? `<p>${text}</p>` : text;
    },
    link({ href, title, tokens }: Tokens.Link) {
      const label = this.parser.parseInline(tokens);
      const safe = safeHref(href);
      if (!safe) return label;
      return `<a href="${escapeHtml(safe)}"${title ? ` title="${escapeHtml(title)}"` : ''}>${label}</a>`;
    },
    image({ href, text }: Tokens.Image) {
      const safe = safeHref(href);
      if (!safe || safe.startsWith('mailto:')) return escapeHtml(text);
      return `<img src="${escapeHtml(safe)}" alt="${escapeHtml(text)}" style="max-width:100%;height:auto">`;
    },
  },
});

/** markdownToHtml renders CoCo Markdown to HTML for a mail: raw HTML escaped, only http(s)/mailto links. */
export function markdownToHtml(markdown: string): string {
  return (marked.parse(markdown) as string).trim();
}
