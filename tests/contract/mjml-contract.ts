// The contract of the runtime port's MJML compiler (MjmlToHtml in src/mail/mjml.ts): one suite
// that `mjml` (Node) and `mjml-browser` (Workers) must both pass, so that a layout accepted or
// refused on one runtime is accepted or refused, with the same Dutch messages, on the other.
// It reads no file: the layouts come in as text, so it runs in workerd as well as on Node.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { compileMjml, MjmlCompileError, type MjmlToHtml } from '../../src/mail/mjml.js';
import { MAX_LAYOUT_BYTES, validateLayout } from '../../src/modules/campaigns/layouts.js';

/** MjmlInputs are the layouts the suite checks: the built-ins by name, and one written elsewhere. */
export interface MjmlInputs {
  builtins: Map<string, string>;
  /** external is tests/fixtures/mjml/newsletter-external.mjml. */
  external: string;
}

/** mjmlContract runs the MJML contract against one compiler. */
export function mjmlContract(name: string, mjml2html: MjmlToHtml, inputs: MjmlInputs): void {
  const { builtins, external } = inputs;
  describe(`the MJML contract: ${name}`, () => {
    async function issuesOf(source: string) {
      try {
        await compileMjml(mjml2html, source, { strict: true });
      } catch (err) {
        if (err instanceof MjmlCompileError) return err;
        throw err;
      }
      throw new Error('expected a compile error');
    }

    describe('compileMjml', () => {
      it('accepts a real MJML document written elsewhere (head, fonts, wrapper, columns, image, button, table, social, navbar)', async () => {
        const html = await compileMjml(mjml2html, external, { strict: true });
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
          mjml2html,
          '<mjml><mj-body><mj-include path="/etc/passwd" /><mj-section><mj-column><mj-text>x</mj-text></mj-column></mj-section></mj-body></mjml>',
          { strict: false },
        );
        expect(html).not.toContain('root:');
      });
    });

    describe('slots', () => {
      it('validates every built-in layout strictly, each with a content and a footer slot', async () => {
        const layouts = builtins;
        expect(layouts.size).toBeGreaterThanOrEqual(2);
        for (const [, mjml] of layouts) {
          const { slots } = await validateLayout(mjml2html, mjml);
          expect(slots).toContain('content');
          expect(slots).toContain('footer');
        }
      });

      it('accepts the external document but warns that it has no content slot', async () => {
        const { warnings } = await validateLayout(mjml2html, external);
        expect(warnings.join(' ')).toContain('{{content}}');
      });
    });

    /** layoutError validates a layout that must be refused and returns the Dutch message. */
    async function layoutError(source: string): Promise<string> {
      try {
        await validateLayout(mjml2html, source);
      } catch (err) {
        if (err instanceof AppError) return err.message;
        throw err;
      }
      throw new Error('expected the layout to be refused');
    }

    const body = (inner: string) =>
      `<mjml>\n<mj-body>\n<mj-section>\n<mj-column>\n${inner}\n<mj-text>{{content}}</mj-text>\n</mj-column>\n</mj-section>\n</mj-body>\n</mjml>`;

    describe('layouts cannot carry script', () => {
      it.each([
        ['a script in mj-raw', '<mj-raw><script>alert(1)</script></mj-raw>', 'script'],
        ['an uppercase script', '<mj-raw><SCRIPT src="https://x.test/a.js"></SCRIPT></mj-raw>', 'script'],
        ['an iframe', '<mj-raw><iframe src="https://x.test"></iframe></mj-raw>', 'iframe'],
        ['an event handler in mj-raw', '<mj-raw><img src=x onerror=alert(1)></mj-raw>', 'onerror'],
        ['an event handler after a slash', '<mj-raw><img/src="x"/OnError="alert(1)"></mj-raw>', 'OnError'],
        ['an event handler on an mj tag', '<mj-text onclick="alert(1)">x</mj-text>', 'onclick'],
        [
          'an event handler in mj-text HTML',
          '<mj-text><p onmouseover="alert(1)">x</p></mj-text>',
          'onmouseover',
        ],
        ['a javascript: button', '<mj-button href="javascript:alert(1)">x</mj-button>', 'javascript:'],
        [
          'an uppercase javascript: image link',
          '<mj-image src="https://x.test/a.png" href="JAVASCRIPT:alert(1)" />',
          'javascript:',
        ],
        [
          'a tab entity inside javascript:',
          '<mj-button href="java&#x09;script:alert(1)">x</mj-button>',
          'javascript:',
        ],
        [
          'named entities and leading spaces',
          '<mj-button href=" &#106;ava&Tab;script&colon;alert(1)">x</mj-button>',
          'javascript:',
        ],
        [
          'a javascript: link in mj-text HTML',
          "<mj-text><a href='jav\tascript:alert(1)'>x</a></mj-text>",
          'javascript:',
        ],
        ['a vbscript: link', '<mj-raw><a href="vbscript:msgbox(1)">x</a></mj-raw>', 'vbscript:'],
        [
          'javascript: in a style',
          '<mj-raw><div style="background:url(javascript:alert(1))">x</div></mj-raw>',
          'javascript:',
        ],
      ])('refuses %s, naming the line', async (_what, inner, named) => {
        const message = await layoutError(body(inner));
        expect(message).toContain('regel 5');
        expect(message).toContain(named);
      });

      it('refuses an mj-html-attribute that sets an event handler', async () => {
        const source =
          '<mjml>\n<mj-head>\n<mj-html-attributes>\n<mj-selector path=".x">\n<mj-html-attribute name="onclick">alert(1)</mj-html-attribute>\n</mj-selector>\n</mj-html-attributes>\n</mj-head>\n<mj-body>\n<mj-section>\n<mj-column>\n<mj-text css-class="x">{{content}}</mj-text>\n</mj-column>\n</mj-section>\n</mj-body>\n</mjml>';
        const message = await layoutError(source);
        expect(message).toContain('regel 5');
        expect(message).toContain('onclick');
      });

      it('accepts ordinary links, the built-in layouts and a layout written elsewhere', async () => {
        await validateLayout(
          mjml2html,
          body(
            '<mj-button href="https://stadsdorpen.nl/?a=1&amp;b=2">Lees meer</mj-button><mj-text><a href="mailto:coco@stadsdorpen.nl">Mail</a> over online javascript-cursussen</mj-text>',
          ),
        );
        for (const [, mjml] of builtins) await validateLayout(mjml2html, mjml);
        await validateLayout(mjml2html, external);
      });
    });

    describe('layout limits', () => {
      it('refuses more than 2,000 MJML elements before compiling', async () => {
        const many = Array.from({ length: 2001 }, () => '<mj-text>x</mj-text>').join('\n');
        const started = performance.now();
        const message = await layoutError(body(many));
        expect(performance.now() - started).toBeLessThan(250);
        expect(message).toContain('2.000');
      });

      it('refuses a layout over 200 kB before compiling', async () => {
        const message = await layoutError(body(`<mj-text>${'x'.repeat(MAX_LAYOUT_BYTES)}</mj-text>`));
        expect(message).toContain('200 kB');
      });
    });

    describe('slot placement and MJML errors in Dutch', () => {
      it('refuses a {{content}} slot outside mj-body, naming its line', async () => {
        const message = await layoutError(
          '<mjml>\n<mj-head>\n<mj-title>{{content}}</mj-title>\n</mj-head>\n<mj-body>\n<mj-section>\n<mj-column>\n<mj-text>Hallo</mj-text>\n</mj-column>\n</mj-section>\n</mj-body>\n</mjml>',
        );
        expect(message).toContain('regel 3');
        expect(message).toContain('{{content}}');
        expect(message).toContain('<mj-body>');
      });

      it('refuses {{content}} straight inside mj-section, naming the volunteer’s own tag and not the sample content', async () => {
        const message = await layoutError(
          '<mjml>\n<mj-body>\n<mj-section>\n{{content}}\n<mj-column><mj-text>x</mj-text></mj-column>\n</mj-section>\n</mj-body>\n</mjml>',
        );
        expect(message).toContain('regel 4');
        expect(message).toContain('<mj-section>');
        expect(message).not.toMatch(/\bh2\b|\bp\b/);
      });

      it('refuses {{content}} in a comment, and a second slot in the same tag', async () => {
        expect(await layoutError(body('<mj-text><!-- {{content}} --></mj-text>'))).toContain('commentaar');
        const message = await layoutError(
          body('<mj-button href="x" title="{{footer}}" name="{{content}}">x</mj-button>'),
        );
        expect(message).toContain('{{footer}} staat in een attribuut');
        expect(message).toContain('{{content}} staat in een attribuut');
      });

      it('refuses {{content}} inside an attribute', async () => {
        const message = await layoutError(body('<mj-button href="{{content}}">x</mj-button>'));
        expect(message).toContain('regel 5');
        expect(message).toContain('attribuut');
      });

      it('says in Dutch what is wrong with an unknown tag, an illegal attribute and a misplaced tag', async () => {
        const err = await issuesOf(
          '<mjml>\n<mj-body>\n<mj-section>\n<mj-column>\n<mj-txt>x</mj-txt>\n<mj-text colour="red">x</mj-text>\n</mj-column>\n</mj-section>\n<mj-column><mj-text>y</mj-text></mj-column>\n</mj-body>\n</mjml>',
        );
        expect(err.message).toContain('regel 5 (mj-txt): <mj-txt> bestaat niet in MJML');
        expect(err.message).toContain('regel 6 (mj-text): het attribuut colour hoort niet bij <mj-text>');
        expect(err.message).toContain('regel 9 (mj-column): <mj-column> mag niet in <mj-body> staan');
        expect(err.message).not.toMatch(/doesn't exist|illegal|cannot be used/);
      });
    });
  });
}
