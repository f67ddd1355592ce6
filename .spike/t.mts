import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
for (const f of ['Regular','Bold','Italic','BoldItalic']) {
const bytes = readFileSync(`templates/print/fonts/AtkinsonHyperlegible-${f}.ttf`);
const font = fontkit.create(bytes) as any;
console.log(f, bytes.length, font.numGlyphs, Object.keys(font.directory.tables).join(','), font.postscriptName, font.unitsPerEm, font.head.indexToLocFormat, font.hhea.numberOfMetrics, font.availableFeatures.join(','));
const r = font.layout('AVATAR fi fl Tw. To, Yo “quote” € – · ë ï');
console.log(r.glyphs.map((g: any) => g.id + ':' + g.codePoints.join('/')).join(' '), r.positions.map((p: any) => p.xAdvance + (p.xOffset? '+'+p.xOffset:'')).join(' '));
}
