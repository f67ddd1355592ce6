import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parsePlainRecords, type Separator } from '../../src/modules/subscribers/csv.js';

function reference(text: string, separator: Separator): string[][] | 'throws' {
  try {
    return parse(text, {
      delimiter: separator,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch {
    return 'throws';
  }
}

// A small deterministic generator, so a failure can be reproduced.
function rng(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x / 0x7fffffff;
  };
}

const PIECES = [
  'a',
  'bc',
  ' ',
  'é',
  '"',
  '""',
  ';',
  ',',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '"x;y"',
  '"a""b"',
  '"l\nr"',
  '@',
];

describe('the fast path of the CSV reader', () => {
  it('reads exactly what csv-parse reads, or leaves the file to it', () => {
    const random = rng(42);
    let fast = 0;
    for (let n = 0; n < 40_000; n++) {
      const separator = ([';', ',', '\t'] as const)[n % 3]!;
      const crlf = random() < 0.5;
      let text = '';
      const len = Math.floor(random() * 30);
      for (let k = 0; k < len; k++) {
        let p = PIECES[Math.floor(random() * PIECES.length)]!;
        if (p === '\n' || p === '\r\n') p = crlf ? '\r\n' : '\n';
        text += p;
      }
      const got = parsePlainRecords(text, separator);
      if (got === null) continue;
      fast++;
      expect([text, got]).toEqual([text, reference(text, separator)]);
    }
    // The generator must reach the fast path often, or this test proves little.
    expect(fast).toBeGreaterThan(4_000);
  });

  it('reads a typical Excel file itself', () => {
    const text =
      'E-mailadres;Naam;Stadsdorp\r\na@b.nl;"Jansen; bestuur";Oost\r\n\r\nc@d.nl;"Zeg ""hoi""";\r\n';
    expect(parsePlainRecords(text, ';')).toEqual(reference(text, ';'));
    expect(parsePlainRecords(text, ';')).toHaveLength(4);
  });
});
