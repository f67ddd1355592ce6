import { toPlainText } from '@react-email/render';

/**
 * plainText turns a rendered mail into its text part: headings keep their case (html-to-text
 * shouts them by default), links show as "label https://...", the hidden preheader is dropped.
 */
export function plainText(html: string): string {
  return toPlainText(html, {
    selectors: [
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
      { selector: 'h4', options: { uppercase: false } },
      // The hidden preheader of an MJML layout (mj-preview) belongs to the inbox line, not the text.
      { selector: 'div[style*="display:none"]', format: 'skip' },
    ],
    wordwrap: false,
  })
    .replace(/\u00a0/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// Bidirectional controls can make a typed name show as other text than it is; they go.
const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** NAME_MAX_CHARS is the longest name any form takes; a longer one (an old import) is cut. */
export const NAME_MAX_CHARS = 200;

/**
 * oneLine makes a value a stranger typed (a name) safe for a text part or a subject, as the
 * HTML part already shows it: every run of line breaks, tabs and other spacing or control
 * characters becomes one space, so it cannot start a line of its own that reads as ours,
 * and it is cut to NAME_MAX_CHARS characters.
 */
export function oneLine(value: string, maxChars = NAME_MAX_CHARS): string {
  const flat = value
    .replace(BIDI_CONTROLS, '')
    .replace(/[\s\p{Cc}]+/gu, ' ')
    .trim();
  const chars = [...flat];
  return chars.length > maxChars
    ? `${chars
        .slice(0, maxChars - 1)
        .join('')
        .trimEnd()}…`
    : flat;
}
