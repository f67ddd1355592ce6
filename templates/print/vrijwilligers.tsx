import { Text, View } from '@react-pdf/renderer';
import { z } from 'zod';
import { text } from './_kit/fields.js';
import { Fitted } from './_kit/frame.js';
import { POSTER_BOXES, POSTER_WIDTH, PosterLayout, posterTemplate } from './_kit/poster.js';
import { faceStyle, scaleOf } from './_kit/theme.js';
import type { TemplateProps, TextBox } from './_kit/types.js';

const LEFT = 262;
const GUTTER = 24;
const RIGHT = POSTER_WIDTH - LEFT - GUTTER;

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

const boxes: Record<keyof typeof fields.shape, TextBox> = {
  titel: POSTER_BOXES.titel,
  ondertitel: POSTER_BOXES.ondertitel,
  qrTekst: POSTER_BOXES.qrTekst,
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
};

function Pages(p: TemplateProps) {
  const s = scaleOf(p.size);
  return (
    <PosterLayout p={p} kicker="Vrijwilligers gezocht">
      <View style={{ flexDirection: 'row', justifyContent: 'space-between' }}>
        <View style={{ width: LEFT * s }}>
          <Text
            style={{ ...faceStyle('bold'), fontSize: 15 * s, color: p.brand.accent, marginBottom: 8 * s }}
          >
            Hier zoeken we hulp bij
          </Text>
          <Fitted
            text={p.texts.taken}
            face="regular"
            scale={s}
            color="#1D2326"
            bulletColor={p.brand.accent}
          />
        </View>
        <View style={{ width: RIGHT * s }}>
          <View style={{ height: boxes.tekst.height * s }}>
            <Fitted text={p.texts.tekst} face="regular" scale={s} color="#1D2326" />
          </View>
          <View
            style={{
              marginTop: 8 * s,
              borderLeftWidth: 3 * s,
              borderLeftColor: p.brand.colour,
              paddingLeft: 0,
            }}
          >
            <View style={{ marginLeft: 8 * s }}>
              <Fitted text={p.texts.contactpersoon} face="bold" scale={s} color="#1D2326" />
            </View>
          </View>
        </View>
      </View>
    </PosterLayout>
  );
}

/** vrijwilligers is the poster that asks neighbours to volunteer. */
export const vrijwilligers = posterTemplate({
  slug: 'vrijwilligers',
  title: 'Poster: vrijwilligers gezocht',
  description: 'Vraag buren om mee te helpen: welke taken er zijn en waarom het de moeite waard is.',
  fields,
  boxes,
  Pages,
});
