import { describe, expect, it } from 'vitest';
import { lenientContent } from '../../src/modules/campaigns/draft-preview.js';

describe('the composer preview of half-typed content', () => {
  it('keeps what passes, drops what does not yet, and says what it left out', () => {
    const { content, omitted } = lenientContent('nieuwsbrief', {
      intro: '',
      articles: [
        { title: 'Klaar', body: 'Tekst', link: 'www.zonder-https.nl' },
        { title: 'Foto zonder beschrijving', body: 'Tekst', imageUrl: 'https://stadsdorpen.nl/a.jpg' },
        { title: 'Nog zonder tekst' },
      ],
      agenda: [{ date: '10 december', title: 'Borrel' }],
      kennisbank: [],
    });
    expect(content).toEqual({
      intro: '…',
      articles: [
        { title: 'Klaar', body: 'Tekst' },
        { title: 'Foto zonder beschrijving', body: 'Tekst' },
      ],
      agenda: [],
      kennisbank: [],
    });
    expect(omitted).toEqual([
      'Vul een inleiding in.',
      'Artikel 1: De link moet een volledige http(s)-link zijn.',
      'Artikel 2: Beschrijf de afbeelding (alt-tekst): lezers met een schermlezer zien hem niet.',
      'Artikel 3: Vul de tekst van het artikel in.',
      'Agendapunt 1: Gebruik een datum als 2026-12-10.',
    ]);
  });

  it('drops a half-filled button of a Netwerkmail', () => {
    const { content, omitted } = lenientContent('netwerkmail', {
      body: 'Kom allen',
      button: { label: 'Aanmelden', url: '' },
    });
    expect(content).toEqual({ body: 'Kom allen' });
    expect(omitted).toHaveLength(1);
  });
});
