import { z } from 'zod';
import { text } from './_kit/fields.js';
import { fittedHeight } from './_kit/frame.js';
import { INFO_LABEL_WIDTH, infoRow, POSTER_MARGIN, POSTER_WIDTH, posterTemplate } from './_kit/poster.js';
import { INK } from './_kit/theme.js';
import type { FittedText, TextBox } from './_kit/types.js';

// Layout, in A4 points: Wanneer, Hoe laat and Waar as labelled rows, a rule, then the
// description and the practical line in italics.
const VALUE = POSTER_WIDTH - INFO_LABEL_WIDTH;
const ROW_GAP = 6;
const LABEL_HEIGHT = 5 + 12 * 1.2;
const RULE = 6 + 1 + 6;
const NOTE_GAP = 4;

const fields = z.object({
  titel: text({
    label: 'Naam van de activiteit',
    maxLength: 60,
    required: true,
    default: 'Samen eten in de buurt',
  }),
  ondertitel: text({
    label: 'Ondertitel',
    maxLength: 110,
    default: 'Schuif aan bij de buurtmaaltijd van {stadsdorp}. Nieuwe gezichten zijn van harte welkom!',
  }),
  datum: text({
    label: 'Datum',
    maxLength: 50,
    required: true,
    default: 'Elke tweede donderdag van de maand',
  }),
  tijd: text({ label: 'Tijd', maxLength: 40, required: true, default: '17.30 – 19.30 uur' }),
  plaats: text({
    label: 'Plaats',
    maxLength: 90,
    required: true,
    default: 'Buurthuis De Boom, Lindengracht 12 (rolstoeltoegankelijk)',
  }),
  tekst: text({
    label: 'Omschrijving',
    maxLength: 280,
    multiline: true,
    default:
      'Een warme maaltijd met drie gangen, gekookt door buurtgenoten. Iedereen is welkom, ook als u nog niemand kent. Eet u vegetarisch of heeft u een dieet? Laat het ons weten, dan houden we er rekening mee.',
  }),
  praktisch: text({
    label: 'Praktisch (kosten, aanmelden)',
    maxLength: 100,
    default: 'Kosten € 7,50. Graag aanmelden vóór de dinsdag ervoor.',
  }),
  qrTekst: text({
    label: 'Tekst bij de QR-code',
    maxLength: 90,
    default: 'Nooit meer een activiteit missen? Scan de code voor het nieuws van {stadsdorp}.',
  }),
});

const value = (height: number, maxSize: number): TextBox => ({
  width: VALUE,
  height,
  face: 'bold',
  maxSize,
  minSize: 10,
  lineHeight: 1.15,
});

const bodyBoxes = {
  datum: value(26, 20),
  tijd: value(26, 20),
  plaats: value(46, 18),
  tekst: { width: POSTER_WIDTH, height: 64, face: 'regular', maxSize: 13, minSize: 8.5, lineHeight: 1.3 },
  praktisch: { width: POSTER_WIDTH, height: 18, face: 'italic', maxSize: 12, minSize: 8, lineHeight: 1.2 },
} satisfies Record<string, TextBox>;

const rowHeight = (t: FittedText | undefined) => Math.max(LABEL_HEIGHT, fittedHeight(t, 1)) + ROW_GAP;

/** activiteit is the poster that announces one activity with its date, time and place. */
export const activiteit = posterTemplate({
  slug: 'activiteit',
  title: 'Poster: activiteit',
  description: 'Kondig een activiteit aan: wat, wanneer, hoe laat en waar.',
  kicker: 'Activiteit',
  shortCode: 'a',
  fields,
  bodyBoxes,
  bodyMaxHeight:
    bodyBoxes.datum.height +
    bodyBoxes.tijd.height +
    bodyBoxes.plaats.height +
    3 * ROW_GAP +
    RULE +
    bodyBoxes.tekst.height +
    NOTE_GAP +
    bodyBoxes.praktisch.height,
  bodyHeight: (t) =>
    rowHeight(t.datum) +
    rowHeight(t.tijd) +
    rowHeight(t.plaats) +
    RULE +
    fittedHeight(t.tekst, 1) +
    NOTE_GAP +
    fittedHeight(t.praktisch, 1),
  drawBody: (c, p, top) => {
    const s = c.s;
    const x = POSTER_MARGIN * s;
    let y = top;
    for (const [label, field] of [
      ['Wanneer', 'datum'],
      ['Hoe laat', 'tijd'],
      ['Waar', 'plaats'],
    ] as const) {
      infoRow(c, p, label, field, x, y);
      y += rowHeight(p.texts[field]) * s;
    }
    c.rect(x, y + 6 * s, POSTER_WIDTH * s, 1 * s, p.brand.tint);
    y += RULE * s;
    y += c.fitted(p.texts.tekst, x, y, { face: 'regular', color: INK }) + NOTE_GAP * s;
    c.fitted(p.texts.praktisch, x, y, { face: 'italic', color: INK });
  },
});
