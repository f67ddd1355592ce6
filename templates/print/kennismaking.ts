import { z } from 'zod';
import { text } from './_kit/fields.js';
import { fittedHeight } from './_kit/frame.js';
import {
  drawHeadedList,
  HEADED_LIST_TOP,
  headedListHeight,
  POSTER_MARGIN,
  POSTER_WIDTH,
  posterTemplate,
} from './_kit/poster.js';
import { INK } from './_kit/theme.js';
import type { TextBox } from './_kit/types.js';

// Layout, in A4 points: two columns under the title band, "Over ons" left and the
// activities as a bulleted list right, under a heading in the brand colour.
const LEFT = 300;
const GUTTER = 24;
const RIGHT = POSTER_WIDTH - LEFT - GUTTER;

const fields = z.object({
  titel: text({ label: 'Titel', maxLength: 60, required: true, default: 'Kent u uw buren al?' }),
  ondertitel: text({
    label: 'Ondertitel',
    maxLength: 110,
    default: '{stadsdorp} is er voor en door buurtbewoners. Iedereen is welkom.',
  }),
  tekst: text({
    label: 'Over ons',
    maxLength: 420,
    multiline: true,
    default:
      'Een stadsdorp is een netwerk van buren die elkaar kennen en een handje helpen. Samen organiseren we activiteiten, zodat iedereen prettig en zo lang mogelijk zelfstandig in de eigen buurt kan blijven wonen.\n\nU bepaalt zelf hoeveel u meedoet: af en toe een kop koffie, of een vaste taak als vrijwilliger.',
  }),
  activiteiten: text({
    label: 'Wat we doen (één activiteit per regel)',
    maxLength: 240,
    multiline: true,
    default:
      'Koffieochtenden en buurtborrels\nWandelen, fietsen en samen eten\nLezingen en museumbezoek\nBurenhulp bij klusjes en boodschappen',
  }),
  qrTekst: text({
    label: 'Tekst bij de QR-code',
    maxLength: 90,
    default: 'Scan de code en meld u aan voor het nieuws van {stadsdorp}.',
  }),
});

const bodyBoxes = {
  tekst: {
    width: LEFT,
    height: 196,
    face: 'regular',
    maxSize: 14,
    minSize: 8.5,
    lineHeight: 1.35,
    paragraphGap: 0.6,
  },
  activiteiten: {
    width: RIGHT,
    height: 166,
    face: 'regular',
    maxSize: 13.5,
    minSize: 8.5,
    lineHeight: 1.25,
    bullets: true,
    paragraphGap: 0.4,
  },
} satisfies Record<string, TextBox>;

/** kennismaking is the poster that introduces a stadsdorp to its neighbourhood. */
export const kennismaking = posterTemplate({
  slug: 'kennismaking',
  title: 'Poster: kennismaking',
  description: 'Stel uw stadsdorp voor aan de buurt: wie u bent, wat u doet en hoe buren meedoen.',
  kicker: 'Nieuw in de buurt? Maak kennis',
  shortCode: 'k',
  fields,
  bodyBoxes,
  bodyMaxHeight: Math.max(bodyBoxes.tekst.height, HEADED_LIST_TOP + bodyBoxes.activiteiten.height),
  bodyHeight: (t) => Math.max(fittedHeight(t.tekst, 1), headedListHeight(t.activiteiten)),
  drawBody: (c, p, top) => {
    const s = c.s;
    const x = POSTER_MARGIN * s;
    c.fitted(p.texts.tekst, x, top, { face: 'regular', color: INK });
    drawHeadedList(c, p, 'Wat we doen', 'activiteiten', x + (LEFT + GUTTER) * s, top);
  },
});
