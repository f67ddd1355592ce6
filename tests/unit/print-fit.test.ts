import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { excessChars, fitText, layoutAt, widthEm } from '../../src/modules/print/fit.js';
import { type FontSet, loadFonts } from '../../src/modules/print/fonts.js';
import { resolveFields } from '../../src/modules/print/service.js';
import { POSTER_BOXES } from '../../templates/print/_kit/poster.js';
import type { TextBox } from '../../templates/print/_kit/types.js';
import { kennismaking } from '../../templates/print/kennismaking.js';
import { testAssets } from '../support/print-assets.js';

let fonts: FontSet;
beforeAll(async () => {
  fonts = await loadFonts(testAssets);
});

const box: TextBox = { width: 200, height: 60, face: 'regular', maxSize: 20, minSize: 10, lineHeight: 1.2 };

describe('fitting text into its box', () => {
  it('keeps a short text at the largest size', () => {
    expect(fitText(fonts, 'Kom ook', box)?.fontSize).toBe(20);
  });

  it('shrinks a longer text in half points until it fits, and never below the minimum', () => {
    const text = 'Buurtbewoners ontmoeten elkaar bij de koffieochtend en helpen met boodschappen.';
    const fitted = fitText(fonts, text, box)!;
    expect(fitted.fontSize).toBeLessThan(20);
    expect(fitted.fontSize).toBeGreaterThanOrEqual(10);
    expect((fitted.fontSize * 2) % 1).toBe(0);
    expect(layoutAt(fonts, text, box, fitted.fontSize).height).toBeLessThanOrEqual(box.height);
    expect(layoutAt(fonts, text, box, fitted.fontSize + 0.5).height).toBeGreaterThan(box.height);
  });

  it('breaks lines no wider than the box, measured with the font’s advance widths', () => {
    const fitted = fitText(
      fonts,
      'Een stadsdorp is een netwerk van buren die elkaar kennen en helpen.',
      box,
    )!;
    for (const line of fitted.paragraphs.flat()) {
      expect(widthEm(fonts, 'regular', line) * fitted.fontSize).toBeLessThanOrEqual(box.width);
    }
  });

  it('gives up below the minimum size and estimates how many characters to cut', () => {
    const text = 'Buurtbewoners helpen elkaar. '.repeat(12).trim();
    expect(fitText(fonts, text, box)).toBeNull();
    const cut = excessChars(fonts, text, box);
    expect(cut).toBeGreaterThan(0);
    expect(fitText(fonts, text.slice(0, text.length - cut), box)).not.toBeNull();
  });

  it('is deterministic: the same text always breaks the same way', () => {
    const text = 'Samen werken aan nabuurschap in de stad, met buren die elkaar kennen.';
    expect(fitText(fonts, text, box)).toEqual(fitText(fonts, text, box));
  });

  it('balances a title so that no word is left alone on its last line', () => {
    const fitted = fitText(fonts, 'Kent u uw buren al?', POSTER_BOXES.titel)!;
    expect(fitted.paragraphs).toEqual([['Kent u uw', 'buren al?']]);
  });

  it('treats each line of a bullet field as one item, indented behind its bullet', () => {
    const fitted = fitText(fonts, 'Koffieochtenden\nWandelen\n\nLezingen', {
      ...box,
      bullets: true,
      height: 200,
    })!;
    expect(fitted.bullets).toBe(true);
    expect(fitted.paragraphs).toEqual([['Koffieochtenden'], ['Wandelen'], ['Lezingen']]);
  });

  it('breaks a word longer than the box inside the word rather than overflowing', () => {
    const fitted = fitText(fonts, 'https://www.stadsdorp-frederik-hendrikbuurt-en-omstreken.nl/aanmelden', {
      ...box,
      width: 80,
      height: 200,
    })!;
    expect(fitted.paragraphs[0]!.length).toBeGreaterThan(1);
  });
});

describe('which text a field gets', () => {
  it('takes the editor’s text first, then the stadsdorp’s default, then the template’s', () => {
    const values = resolveFields(
      kennismaking,
      { titel: 'Welkom, buren!' },
      { titel: 'Niet deze', ondertitel: 'Van het profiel' },
    );
    expect(values.titel).toBe('Welkom, buren!');
    expect(values.ondertitel).toBe('Van het profiel');
    expect(values.qrTekst).toContain('Scan de code');
  });

  it('refuses a field the template does not have, naming the fields it does have', () => {
    try {
      resolveFields(kennismaking, { kop: 'x' }, {});
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).fields).toHaveProperty('fields.kop');
      expect((err as AppError).message).toContain('titel');
    }
  });

  it('refuses an empty required field and a text over its limit, by their Dutch labels', () => {
    expect(() => resolveFields(kennismaking, { titel: '  ' }, {})).toThrow("'Titel' is verplicht.");
    expect(() => resolveFields(kennismaking, { titel: 'x'.repeat(61) }, {})).toThrow(
      "'Titel' mag hoogstens 60 tekens hebben.",
    );
  });
});
