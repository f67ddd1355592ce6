import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileMjml, fillSlots, findSlots, MjmlCompileError } from '../../src/mail/mjml.js';
import { builtinLayouts, validateLayout } from '../../src/modules/campaigns/layouts.js';

const external = readFileSync(new URL('../fixtures/mjml/newsletter-external.mjml', import.meta.url), 'utf8');

async function issuesOf(source: string) {
  try {
    await compileMjml(source, { strict: true });
  } catch (err) {
    if (err instanceof MjmlCompileError) return err;
    throw err;
  }
  throw new Error('expected a compile error');
}

describe('compileMjml', () => {
  it('accepts a real MJML document written elsewhere (head, fonts, wrapper, columns, image, button, table, social, navbar)', async () => {
    const html = await compileMjml(external, { strict: true });
    expect(html).toContain('Weekly update');
    expect(html).toContain('alt="Header image"');
  });

  it('names the line of an illegal attribute and of an unknown tag', async () => {
    const err = await issuesOf(
      '<mjml>\n  <mj-body>\n    <mj-section>\n      <mj-column>\n        <mj-text colour="red">Hoi</mj-text>\n        <mj-plaatje />\n      </mj-column>\n    </mj-section>\n  </mj-body>\n</mjml>',
    );
    expect(err.issues.map((i) => i.line)).toEqual([5, 6]);
    expect(err.message).toContain('regel 5 (mj-text)');
    expect(err.message).toContain('regel 6 (mj-plaatje)');
  });

  it('names the line of a tag that is never closed, which mjml itself would silently repair', async () => {
    const err = await issuesOf(
      '<mjml>\n<mj-body>\n<mj-section>\n<mj-column>\n<mj-text>Hoi\n</mj-column>\n</mj-section>\n</mj-body>\n</mjml>',
    );
    expect(err.issues[0]?.line).toBe(5);
    expect(err.message).toContain('<mj-text> wordt niet gesloten');
  });

  it('rejects something that is not MJML at all', async () => {
    const err = await issuesOf('<html><body>hoi</body></html>');
    expect(err.message).toContain('regel 1');
  });

  it('does not follow mj-include (it would read files on the server)', async () => {
    const html = await compileMjml(
      '<mjml><mj-body><mj-include path="/etc/passwd" /><mj-section><mj-column><mj-text>x</mj-text></mj-column></mj-section></mj-body></mjml>',
      { strict: false },
    );
    expect(html).not.toContain('root:');
  });
});

describe('slots', () => {
  it('finds and fills {{slot}} markers in one pass', () => {
    const src = '<mj-text>{{ greeting }} {{content}} {{content}} {{onbekend}}</mj-text>';
    expect(findSlots(src)).toEqual(['greeting', 'content', 'onbekend']);
    expect(fillSlots(src, { greeting: 'Hoi', content: '<p>x</p>' })).toBe(
      '<mj-text>Hoi <p>x</p> <p>x</p> </mj-text>',
    );
  });

  it('validates every built-in layout strictly, each with a content and a footer slot', async () => {
    expect(builtinLayouts().size).toBeGreaterThanOrEqual(2);
    for (const [, mjml] of builtinLayouts()) {
      const { slots } = await validateLayout(mjml);
      expect(slots).toContain('content');
      expect(slots).toContain('footer');
    }
  });

  it('accepts the external document but warns that it has no content slot', async () => {
    const { warnings } = await validateLayout(external);
    expect(warnings.join(' ')).toContain('{{content}}');
  });
});
