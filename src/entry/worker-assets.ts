// The assets that ship inside the Worker's bundle: wrangler.toml's [[rules]] import the MJML
// layouts as text and the fonts as bytes. tests/unit/worker-assets.test.ts fails when a file
// of templates/mail or templates/print/fonts is missing here.
import eenvoudig from '../../templates/mail/eenvoudig.mjml';
import standaard from '../../templates/mail/standaard.mjml';
import bold from '../../templates/print/fonts/AtkinsonHyperlegible-Bold.ttf';
import boldItalic from '../../templates/print/fonts/AtkinsonHyperlegible-BoldItalic.ttf';
import italic from '../../templates/print/fonts/AtkinsonHyperlegible-Italic.ttf';
import regular from '../../templates/print/fonts/AtkinsonHyperlegible-Regular.ttf';

/** BUNDLED_ASSETS are the runtime port's assets on Workers, by their path from the project root. */
export const BUNDLED_ASSETS: Record<string, string | Uint8Array> = {
  'templates/mail/eenvoudig.mjml': eenvoudig,
  'templates/mail/standaard.mjml': standaard,
  'templates/print/fonts/AtkinsonHyperlegible-Regular.ttf': new Uint8Array(regular),
  'templates/print/fonts/AtkinsonHyperlegible-Bold.ttf': new Uint8Array(bold),
  'templates/print/fonts/AtkinsonHyperlegible-Italic.ttf': new Uint8Array(italic),
  'templates/print/fonts/AtkinsonHyperlegible-BoldItalic.ttf': new Uint8Array(boldItalic),
};
