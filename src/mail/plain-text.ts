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
