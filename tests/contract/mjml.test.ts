// The MJML contract on Node, against both compilers: `mjml` (what Node uses) and
// `mjml-browser` (what Workers use), and the HTML they make of the same layouts compared.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeMjml } from '../../src/entry/node-mjml.js';
import { nodeAssets } from '../../src/entry/node-runtime.js';
import { compileMjml, fillSlots, findSlots } from '../../src/mail/mjml.js';
import { builtinLayouts } from '../../src/modules/campaigns/layouts.js';
import { browserMjml } from '../../src/runtime/mjml-browser.js';
import { mjmlContract } from './mjml-contract.js';

const external = readFileSync(new URL('../fixtures/mjml/newsletter-external.mjml', import.meta.url), 'utf8');
const builtins = await builtinLayouts(nodeAssets());

mjmlContract('mjml (Node)', nodeMjml, { builtins, external });
mjmlContract('mjml-browser (Workers), run on Node', browserMjml, { builtins, external });

/**
 * comparable is compiled HTML with the whitespace between tags taken out: the one thing the two
 * builds may lay out differently (indentation), and no reader of a mail sees.
 */
function comparable(html: string): string {
  return html.replace(/\s+/g, ' ').replace(/> </g, '><').trim();
}

describe('mjml and mjml-browser make the same mail', () => {
  const layouts = [...builtins, ['newsletter-external', external] as const];
  it.each(layouts.map(([name, mjml]) => [name, mjml]))(
    'layout %s, filled, compiles to the same HTML on both',
    async (_name, mjml) => {
      const filled = fillSlots(
        mjml,
        Object.fromEntries(findSlots(mjml).map((s) => [s, `<p>Inhoud van ${s}: café één</p>`])),
      );
      const [node, browser] = await Promise.all([
        compileMjml(nodeMjml, filled, { strict: false }),
        compileMjml(browserMjml, filled, { strict: false }),
      ]);
      if (findSlots(mjml).length) expect(browser).toContain('Inhoud van');
      expect(comparable(browser)).toBe(comparable(node));
    },
  );
});
