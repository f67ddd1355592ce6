import { Text, View } from '@react-pdf/renderer';
import { z } from 'zod';
import { text } from './_kit/fields.js';
import { Fitted } from './_kit/frame.js';
import { POSTER_BOXES, POSTER_WIDTH, PosterLayout, posterTemplate } from './_kit/poster.js';
import { faceStyle, scaleOf } from './_kit/theme.js';
import type { TemplateProps, TextBox } from './_kit/types.js';

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

const boxes: Record<keyof typeof fields.shape, TextBox> = {
  titel: POSTER_BOXES.titel,
  ondertitel: POSTER_BOXES.ondertitel,
  qrTekst: POSTER_BOXES.qrTekst,
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
};

function Pages(p: TemplateProps) {
  const s = scaleOf(p.size);
  return (
    <PosterLayout p={p} kicker="Nieuw in de buurt? Maak kennis">
      <View style={{ flexDirection: 'row', justifyContent: 'space-between' }}>
        <View style={{ width: LEFT * s }}>
          <Fitted text={p.texts.tekst} face="regular" scale={s} color="#1D2326" />
        </View>
        <View style={{ width: RIGHT * s }}>
          <Text
            style={{ ...faceStyle('bold'), fontSize: 15 * s, color: p.brand.accent, marginBottom: 8 * s }}
          >
            Wat we doen
          </Text>
          <Fitted
            text={p.texts.activiteiten}
            face="regular"
            scale={s}
            color="#1D2326"
            bulletColor={p.brand.accent}
          />
        </View>
      </View>
    </PosterLayout>
  );
}

/** kennismaking is the poster that introduces a stadsdorp to its neighbourhood. */
export const kennismaking = posterTemplate({
  slug: 'kennismaking',
  title: 'Poster: kennismaking',
  description: 'Stel uw stadsdorp voor aan de buurt: wie u bent, wat u doet en hoe buren meedoen.',
  fields,
  boxes,
  Pages,
});
