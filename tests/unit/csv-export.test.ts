import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, excelDateTime, exportFileName } from '../../src/modules/csv/export.js';
import { importSource } from '../../src/modules/csv/import.js';

describe('export cells', () => {
  it('leaves plain values as they are, accents included', () => {
    expect(csvCell('Renée de Vries')).toBe('Renée de Vries');
    expect(csvCell(null)).toBe('');
  });

  it('quotes values holding the separator, quotes, line breaks or outer spaces', () => {
    expect(csvCell('Kees; penningmeester')).toBe('"Kees; penningmeester"');
    expect(csvCell('Anna "Ans"')).toBe('"Anna ""Ans"""');
    expect(csvCell('regel een\nregel twee')).toBe('"regel een\nregel twee"');
    expect(csvCell(' Jan')).toBe('" Jan"');
  });

  it('guards cells that Excel would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://kwaad.example","klik")')).toBe(
      `"'=HYPERLINK(""http://kwaad.example"",""klik"")"`,
    );
    expect(csvCell('+31 6 1234')).toBe("'+31 6 1234");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('ends each line with CRLF and separates with ;', () => {
    expect(csvLine(['a@example.nl', 'A', null])).toBe('a@example.nl;A;\r\n');
  });
});

describe('export names and dates', () => {
  it('writes dates as Dutch Excel reads them, in Amsterdam time', () => {
    expect(excelDateTime('2026-11-28T10:05:00.000Z')).toBe('28-11-2026 11:05');
    expect(excelDateTime('2026-07-01T22:30:00.000Z')).toBe('02-07-2026 00:30');
  });

  it('names the file after the list and the Amsterdam date', () => {
    expect(exportFileName('besturen', new Date('2026-11-28T23:30:00Z'))).toBe('besturen-2026-11-29.csv');
  });

  it('records the file name, without path or control characters, as the consent source', () => {
    expect(importSource('C:\\Users\\coco\\leden 2026.csv')).toBe('import:leden 2026.csv');
    expect(importSource(undefined)).toBe('import:api');
    expect(importSource('a\nb.csv')).toBe('import:ab.csv');
  });
});
