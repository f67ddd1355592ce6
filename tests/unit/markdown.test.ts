import { describe, expect, it } from 'vitest';
import { markdownToHtml, safeHref } from '../../src/mail/markdown.js';

describe('markdownToHtml', () => {
  it('renders emphasis, lists and links', () => {
    const html = markdownToHtml(
      '**Vet** en *schuin*\n\n- een\n- twee\n\n[Kennisbank](https://netwerkamsterdamsestadsdorpen.nl/kennisbank)',
    );
    expect(html).toContain('<strong>Vet</strong>');
    expect(html).toContain('<li>een</li>');
    expect(html).toContain('<a href="https://netwerkamsterdamsestadsdorpen.nl/kennisbank">Kennisbank</a>');
  });

  it('shows raw HTML as text instead of rendering it', () => {
    const html = markdownToHtml(
      'Hallo <script>alert(1)</script>\n\n<div onclick="x">blok</div>\n\n<img src=x onerror=alert(1)>',
    );
    expect(html).not.toMatch(/<script|<div|<img/);
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain('&#60;div onclick=&#34;x&#34;&#62;blok&#60;/div&#62;');
  });

  it('drops unsafe link schemes but keeps the label', () => {
    const html = markdownToHtml('[klik](javascript:alert(1)) [data](data:text/html,x) [rel](/pad)');
    expect(html).not.toContain('href');
    expect(html).toContain('klik');
    expect(html).toContain('data');
  });

  it('keeps mailto and escapes quotes in hrefs', () => {
    const html = markdownToHtml('[mail](mailto:coco@stadsdorpen.nl) [q](https://a.nl/?x="1"&y=2)');
    expect(html).toContain('href="mailto:coco@stadsdorpen.nl"');
    expect(html).toContain('href="https://a.nl/?x=%221%22&#38;y=2"');
  });

  it('turns a single newline into a line break, as volunteers expect', () => {
    expect(markdownToHtml('Met groet,\nde CoCo')).toContain('Met groet,<br>de CoCo');
  });
});

describe('safeHref', () => {
  it('allows only http, https and mailto', () => {
    expect(safeHref('https://x.nl')).toBe('https://x.nl/');
    expect(safeHref('mailto:a@b.nl')).toBe('mailto:a@b.nl');
    expect(safeHref('JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeHref('ftp://x.nl')).toBeNull();
    expect(safeHref('x.nl')).toBeNull();
  });
});
