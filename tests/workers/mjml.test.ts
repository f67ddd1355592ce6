// The MJML contract (tests/contract/mjml-contract.ts) inside workerd on mjml-browser, the
// compiler the Worker uses: the same refusals and Dutch messages as `mjml` on Node, for the
// built-in layouts (bundled as the Worker bundles them) and the tests' layouts.
import { describe, expect, it } from 'vitest';
import { compileMjml, fillSlots, findSlots } from '../../src/mail/mjml.js';
import { browserMjml } from '../../src/runtime/mjml-browser.js';
import eenvoudig from '../../templates/mail/eenvoudig.mjml?raw';
import standaard from '../../templates/mail/standaard.mjml?raw';
import { mjmlContract } from '../contract/mjml-contract.js';
import external from '../fixtures/mjml/newsletter-external.mjml?raw';

const builtins = new Map([
  ['eenvoudig', eenvoudig],
  ['standaard', standaard],
]);

mjmlContract('mjml-browser in workerd', browserMjml, { builtins, external });

describe('a campaign layout compiled in workerd', () => {
  it('pours the content into every built-in layout', async () => {
    for (const [, mjml] of builtins) {
      const filled = fillSlots(
        mjml,
        Object.fromEntries(findSlots(mjml).map((s) => [s, `<p>Inhoud ${s}</p>`])),
      );
      const html = await compileMjml(browserMjml, filled, { strict: false });
      expect(html).toContain('<p>Inhoud content</p>');
      expect(html).toMatch(/^<!doctype html>/i);
    }
  });
});
