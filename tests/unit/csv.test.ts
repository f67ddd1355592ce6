import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import {
  cleanCell,
  decodeCsv,
  detectSeparator,
  mapHeaders,
  parseSubscriberCsv,
} from '../../src/modules/csv/parse.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
const utf8 = (s: string) => Buffer.from(s, 'utf8');

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

describe('decoding a subscriber file', () => {
  it('reads an Excel NL export in Windows-1252 with every accent intact', () => {
    const csv = parseSubscriberCsv(fixture('excel-nl-cp1252.csv'));
    expect(csv.encoding).toBe('windows-1252');
    expect(csv.separator).toBe(';');
    expect(csv.rows.map((r) => r.name)).toEqual([
      'Renée de Vries',
      'Jürgen Müller',
      'Françoise van der Hoëvel',
      'IJsbrand Ørsted-Çelik',
    ]);
  });

  it('drops the UTF-8 byte order mark so the first header is still recognised', () => {
    const csv = parseSubscriberCsv(fixture('utf8-bom.csv'));
    expect(csv.encoding).toBe('utf-8');
    expect(csv.rows[0]).toMatchObject({
      email: 'zoe@example.nl',
      name: 'Zoë Çelik',
      stadsdorp: 'stadsdorp-zuid',
    });
    expect(csv.rows[1]!.name).toBe('Anaïs Ĳzerman');
  });

  it('reads Excel\'s UTF-16 "Unicode text" with tabs', () => {
    const csv = parseSubscriberCsv(fixture('excel-unicode-text.csv'));
    expect(csv).toMatchObject({ encoding: 'utf-16le', separator: '\t' });
    expect(csv.rows).toEqual([{ line: 2, email: 'soren@example.dk', name: 'Søren Ærø', stadsdorp: null }]);
  });

  it('keeps valid UTF-8 as UTF-8 even when the upload claims Windows-1252', () => {
    expect(decodeCsv(utf8('Naam\nRenée\n'), 'windows-1252')).toEqual({
      text: 'Naam\nRenée\n',
      encoding: 'utf-8',
    });
  });

  it('uses a declared charset for bytes that are not UTF-8', () => {
    const bytes = iconv.encode('Naam\nŁukasz\n', 'iso-8859-2');
    expect(decodeCsv(bytes, 'iso-8859-2').text).toBe('Naam\nŁukasz\n');
  });
});

describe('separators and quoting', () => {
  it('detects the separator from the header line', () => {
    expect(detectSeparator('E-mailadres;Naam;Stadsdorp\na,b;c')).toBe(';');
    expect(detectSeparator('Email,Name\n')).toBe(',');
    expect(detectSeparator('Email\tName\n')).toBe('\t');
    expect(detectSeparator('"Naam, voluit";E-mail\n')).toBe(';');
  });

  it('keeps separators, doubled quotes and line breaks inside quoted fields', () => {
    const csv = parseSubscriberCsv(fixture('quoted-multiline.csv'));
    expect(csv.rows).toEqual([
      { line: 2, email: 'anna@example.nl', name: 'Anna "Ans" de Wit; voorzitter', stadsdorp: null },
      { line: 3, email: 'kees@example.nl', name: 'Kees; penningmeester', stadsdorp: null },
      // The quoted line break above keeps this on row 4, as Excel shows it.
      { line: 4, email: 'geen-adres', name: 'Iemand', stadsdorp: null },
    ]);
  });

  it('ignores blank lines and empty Excel rows but keeps row numbers as Excel shows them', () => {
    const csv = parseSubscriberCsv(fixture('invalid-rows.csv'));
    expect(csv.rows.map((r) => r.line)).toEqual([2, 3, 5, 6]);
    const excel = parseSubscriberCsv(fixture('excel-nl-cp1252.csv'));
    expect(excel.rows.map((r) => r.line)).toEqual([2, 3, 4, 6]);
  });

  it('reads CRLF line ends without leaving carriage returns in cells', () => {
    const csv = parseSubscriberCsv(utf8('E-mail;Naam\r\njan@example.nl;Jan\r\n'));
    expect(csv.rows).toEqual([{ line: 2, email: 'jan@example.nl', name: 'Jan', stadsdorp: null }]);
  });

  it('tolerates a stray quote inside an unquoted field', () => {
    const csv = parseSubscriberCsv(utf8('E-mail,Naam\njan@example.nl,Jan "de Kapper" Smit\n'));
    expect(csv.rows[0]!.name).toBe('Jan "de Kapper" Smit');
  });
});

describe('header names', () => {
  it('recognises Dutch and English names in any case, with or without accents and dashes', () => {
    for (const h of [
      'E-mailadres',
      'e-mail',
      'EMAIL',
      'Emailadres',
      'Mail',
      'E-mail Address',
      'E-mailádres',
    ]) {
      expect(mapHeaders([h]).email, h).toBe(0);
    }
    expect(mapHeaders(['x', 'Volledige naam']).name).toBe(1);
    expect(mapHeaders(['Name']).name).toBe(0);
    expect(mapHeaders(['STADSDORP']).stadsdorp).toBe(0);
  });

  it("reads Google Contacts' numbered address columns and name parts", () => {
    const csv = parseSubscriberCsv(
      utf8('Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value\nInês,Brouwer,* Home,ines@example.nl\n'),
    );
    expect(csv.rows).toEqual([{ line: 2, email: 'ines@example.nl', name: 'Inês Brouwer', stadsdorp: null }]);
  });

  it('joins Voornaam, Tussenvoegsel and Achternaam into one name', () => {
    const csv = parseSubscriberCsv(fixture('excel-nl-cp1252.csv'));
    expect(csv.rows[3]!.name).toBe('IJsbrand Ørsted-Çelik');
    const en = parseSubscriberCsv(fixture('english-headers.csv'));
    expect(en.rows.map((r) => r.name)).toEqual(['José Núñez', 'Björk Guðmundsdóttir']);
  });

  it('prefers a filled Naam column over the name parts', () => {
    const csv = parseSubscriberCsv(
      utf8('Voornaam;Naam;E-mail\nJan;Jan Smit;jan@example.nl\nKim;;kim@example.nl\n'),
    );
    expect(csv.rows.map((r) => r.name)).toEqual(['Jan Smit', 'Kim']);
  });

  it('names the accepted headers when there is no email column', () => {
    const err = errorOf(() => parseSubscriberCsv(utf8('Naam;Telefoon\nJan;0612345678\n')));
    expect(err.code).toBe('validation');
    expect(err.message).toContain('E-mailadres');
    expect(err.message).toContain('"Naam", "Telefoon"');
    expect(err.fields).toHaveProperty('file');
  });

  it('asks for a header line when the first line already holds an address', () => {
    const err = errorOf(() => parseSubscriberCsv(fixture('no-header.csv')));
    expect(err.message).toContain('De eerste regel moet de kolomnamen bevatten');
  });

  it('calls an empty or whitespace-only file empty', () => {
    expect(errorOf(() => parseSubscriberCsv(new Uint8Array())).message).toContain('leeg');
    expect(errorOf(() => parseSubscriberCsv(utf8('\uFEFF \r\n\r\n'))).message).toContain('leeg');
  });
});

describe('cells', () => {
  it('trims and folds whitespace', () => {
    expect(cleanCell('  Jan \n  Smit ')).toBe('Jan Smit');
  });

  it("removes the export's guard quote in front of a formula character", () => {
    expect(cleanCell("'=SOM(A1)")).toBe('=SOM(A1)');
    expect(cleanCell("'-Jan")).toBe('-Jan');
    expect(cleanCell("'t Hart")).toBe("'t Hart");
  });

  it('keeps duplicates as separate rows (the import merges them)', () => {
    const csv = parseSubscriberCsv(fixture('duplicates.csv'));
    expect(csv.rows.map((r) => r.email)).toEqual([
      'Piet@Example.nl',
      'piet@example.nl',
      'PIET@EXAMPLE.NL',
      'marie@example.nl',
    ]);
  });
});

describe('the refused-rows column Fout and chosen columns', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);

  it('reads a file with a Fout column as if it were not there', () => {
    const csv = parseSubscriberCsv(
      bytes('Fout;E-mailadres;Naam\r\nGeen e-mailadres ingevuld.;a@example.nl;A\r\n'),
    );
    expect(csv.columns).toEqual({ email: 1, name: 2 });
    expect(csv.rows).toEqual([{ line: 2, email: 'a@example.nl', name: 'A', stadsdorp: null }]);
  });

  it('follows the columns a volunteer chose, and refuses the Fout column or one column twice', () => {
    const file = bytes('Adres;Wie;Fout\r\nb@example.nl;B;oud\r\n');
    expect(parseSubscriberCsv(file, undefined, { email: 0, name: 1 }).rows).toEqual([
      { line: 2, email: 'b@example.nl', name: 'B', stadsdorp: null },
    ]);
    expect(() => parseSubscriberCsv(file, undefined, { email: 2 })).toThrow(
      'Kolom 3 kan niet worden gebruikt',
    );
    expect(() => parseSubscriberCsv(file, undefined, { email: 0, name: 0 })).toThrow(
      'Kolom "Adres" is voor twee velden gekozen',
    );
  });
});
