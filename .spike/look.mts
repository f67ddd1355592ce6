import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { changeProfile, printPdf, stadsdorpFor, uploadLogo } from '../src/modules/print/service.js';
import { fieldMeta } from '../templates/print/_kit/fields.js';
import { TEMPLATES } from '../templates/print/index.js';
import { longText } from '../tests/fixtures/print/inspect.js';
import { addStadsdorp, makeDeps } from '../tests/support/app.js';
const out = process.argv[2] ?? '/tmp/look';
mkdirSync(out, { recursive: true });
const { deps } = await makeDeps();
await addStadsdorp(deps, { slug: 'jordaan', name: 'Stadsdorp Jordaan' });
const s = await stadsdorpFor(deps, { tokenId: 1, name: 'c', role: 'coco', stadsdorpId: null }, 'jordaan');
await changeProfile(deps, s, { brandColour: '#0B5D8C', website: 'www.stadsdorpjordaan.nl', contact: 'info@stadsdorpjordaan.nl · 020 123 45 67' });
if (!process.argv.includes('--nologo')) await uploadLogo(deps, s, readFileSync('tests/fixtures/print/logo.png'));
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
for (const t of TEMPLATES) {
  if (only && !t.slug.startsWith(only)) continue;
  const longest = Object.fromEntries(Object.entries(t.fields.shape).map(([n, sc]) => [n, longText(fieldMeta(sc).maxLength)]));
  const shortest = Object.fromEntries(Object.entries(t.fields.shape).map(([n, sc]) => [n, fieldMeta(sc).required ? 'Kom!' : '']));
  for (const size of t.sizes) for (const bleed of [false, true]) for (const [name, fields] of [['default', {}], ['long', longest], ['short', shortest]] as const) {
    const { pdf } = await printPdf(deps, s, t.slug, { fields, size, bleed });
    const base = `${out}/${t.slug}-${size}-${bleed ? 'bleed' : 'nobleed'}-${name}`;
    writeFileSync(`${base}.pdf`, pdf);
    execFileSync('pdftoppm', ['-r', '40', '-png', `${base}.pdf`, base]);
  }
}
