import mjml2html from 'mjml-browser';
import type { MjmlToHtml } from '../mail/mjml.js';

/**
 * browserMjml is mjml-browser's compiler: the same mjml2html as the `mjml` package, bundled
 * without Node's file system (so without mj-include), for Workers. It runs on Node too, which
 * is how the tests hold it to the same results as `mjml`.
 */
export const browserMjml: MjmlToHtml = (source, options) => mjml2html(source, options);
