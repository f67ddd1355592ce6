import mjml2html from 'mjml';
import type { MjmlToHtml } from '../mail/mjml.js';

/** nodeMjml is the `mjml` package's compiler, the runtime port's MJML on Node. */
export const nodeMjml: MjmlToHtml = (source, options) => mjml2html(source, options);
