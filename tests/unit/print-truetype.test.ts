import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTrueType, subsetTrueType } from '../../src/modules/print/truetype.js';

const FONT = new URL('../../templates/print/fonts/AtkinsonHyperlegible-Regular.ttf', import.meta.url);

describe('the TrueType subsetter', () => {
  it('leaves the font it was given untouched, also when Node hands it over as a Buffer', () => {
    // readFileSync gives a Buffer, as the Node runtime's assets do; a Buffer's slice() is a view.
    const buffer = readFileSync(FONT);
    const before = Uint8Array.from(buffer);
    const fromBuffer = subsetTrueType(parseTrueType(buffer), [36, 37, 38]);
    expect(Buffer.compare(buffer, before)).toBe(0);
    // The second print from the same bytes is the same font as the first: the letters still draw.
    expect(subsetTrueType(parseTrueType(buffer), [36, 37, 38])).toEqual(fromBuffer);
    expect(subsetTrueType(parseTrueType(Uint8Array.from(before)), [36, 37, 38])).toEqual(fromBuffer);
  });
});
