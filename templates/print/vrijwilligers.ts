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

// Layout, in A4 points: the tasks as a bulleted list left, under a heading; right why to
// join, and the contact line beside a bar in the brand colour.
const LEFT = 262;
const GUTTER = 24;
const RIGHT = POSTER_WIDTH - LEFT - GUTTER;
const CONTACT_GAP = 10;

const fields = z.object({
  titel: text({ label: 'Titel', maxLength: 60, required: true, default: 'Heeft u een uurtje over?' }),
  ondertitel: text({
    label: 'Ondertitel',
    maxLength: 110,
    default: '{stadsdorp} zoekt buren die willen meehelpen. Elke bijdrage telt, groot of klein.',
  }),
  taken: text({
    label: 'Waarmee u kunt helpen (één taak per regel)',
    maxLength: 260,
    multiline: true,
    default:
      'Koffie schenken bij de inloopochtend\nBoodschappen doen voor een buur\nEen wandeling of fietstocht leiden\nMeedenken over nieuwe activiteiten\nDe nieuwsbrief rondbrengen',
  }),
  tekst: text({
    label: 'Waarom meedoen',
    maxLength: 300,
    multiline: true,
    default:
      'U leert uw buren kennen, u doet iets nuttigs en u bepaalt zelf hoeveel tijd u geeft. Ervaring is niet nodig: we werken u graag in en u staat er nooit alleen voor.',
  }),
  contactpersoon: text({
    label: 'Contactpersoon',
    maxLength: 100,
    default: 'Interesse? Spreek een van onze vrijwilligers aan of neem contact met ons op.',
  }),
  qrTekst: text({
    label: 'Tekst bij de QR-code',
    maxLength: 90,
    default: 'Scan de code, meld u aan en we nemen contact met u op.',
  }),
});

const bodyBoxes = {
  taken: {
    width: LEFT,
    height: 170,
    face: 'regular',
    maxSize: 13.5,
    minSize: 8.5,
    lineHeight: 1.25,
    bullets: true,
    paragraphGap: 0.4,
  },
  tekst: { width: RIGHT, height: 130, face: 'regular', maxSize: 13.5, minSize: 8.5, lineHeight: 1.35 },
  contactpersoon: {
    width: RIGHT - 12,
    height: 52,
    face: 'bold',
    maxSize: 13,
    minSize: 8.5,
    lineHeight: 1.25,
  },
} satisfies Record<string, TextBox>;

/** vrijwilligers is the poster that asks neighbours to volunteer. */
export const vrijwilligers = posterTemplate({
  slug: 'vrijwilligers',
  title: 'Poster: vrijwilligers gezocht',
  description: 'Vraag buren om mee te helpen: welke taken er zijn en waarom het de moeite waard is.',
  kicker: 'Vrijwilligers gezocht',
  shortCode: 'v',
  fields,
  bodyBoxes,
  bodyMaxHeight: Math.max(
    HEADED_LIST_TOP + bodyBoxes.taken.height,
    bodyBoxes.tekst.height + CONTACT_GAP + bodyBoxes.contactpersoon.height,
  ),
  bodyHeight: (t) =>
    Math.max(
      headedListHeight(t.taken),
      fittedHeight(t.tekst, 1) +
        (t.contactpersoon?.paragraphs.length ? CONTACT_GAP + fittedHeight(t.contactpersoon, 1) : 0),
    ),
  drawBody: (c, p, top) => {
    const s = c.s;
    const x = POSTER_MARGIN * s;
    drawHeadedList(c, p, 'Hier zoeken we hulp bij', 'taken', x, top);
    const right = x + (LEFT + GUTTER) * s;
    const y = top + c.fitted(p.texts.tekst, right, top, { face: 'regular', color: INK }) + CONTACT_GAP * s;
    const contact = fittedHeight(p.texts.contactpersoon, s);
    if (!contact) return;
    c.rect(right, y, 3 * s, contact, p.brand.colour);
    c.fitted(p.texts.contactpersoon, right + 11 * s, y, { face: 'bold', color: INK });
  },
});
