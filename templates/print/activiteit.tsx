import { View } from '@react-pdf/renderer';
import { z } from 'zod';
import { text } from './_kit/fields.js';
import { Fitted } from './_kit/frame.js';
import {
  INFO_LABEL_WIDTH,
  InfoRow,
  POSTER_BOXES,
  POSTER_WIDTH,
  PosterLayout,
  posterTemplate,
} from './_kit/poster.js';
import { scaleOf } from './_kit/theme.js';
import type { TemplateProps, TextBox } from './_kit/types.js';

const VALUE = POSTER_WIDTH - INFO_LABEL_WIDTH;

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

const boxes: Record<keyof typeof fields.shape, TextBox> = {
  titel: POSTER_BOXES.titel,
  ondertitel: POSTER_BOXES.ondertitel,
  qrTekst: POSTER_BOXES.qrTekst,
  datum: value(26, 20),
  tijd: value(26, 20),
  plaats: value(46, 18),
  tekst: { width: POSTER_WIDTH, height: 64, face: 'regular', maxSize: 13, minSize: 8.5, lineHeight: 1.3 },
  praktisch: { width: POSTER_WIDTH, height: 18, face: 'italic', maxSize: 12, minSize: 8, lineHeight: 1.2 },
};

function Pages(p: TemplateProps) {
  const s = scaleOf(p.size);
  return (
    <PosterLayout p={p} kicker="Activiteit">
      <InfoRow label="Wanneer" p={p} field="datum" height={boxes.datum.height + 6} />
      <InfoRow label="Hoe laat" p={p} field="tijd" height={boxes.tijd.height + 6} />
      <InfoRow label="Waar" p={p} field="plaats" height={boxes.plaats.height + 6} />
      <View style={{ height: 1 * s, backgroundColor: p.brand.tint, marginVertical: 6 * s }} />
      <View style={{ height: boxes.tekst.height * s }}>
        <Fitted text={p.texts.tekst} face="regular" scale={s} color="#1D2326" />
      </View>
      <View style={{ marginTop: 4 * s }}>
        <Fitted text={p.texts.praktisch} face="italic" scale={s} color="#1D2326" />
      </View>
    </PosterLayout>
  );
}

/** activiteit is the poster that announces one activity with its date, time and place. */
export const activiteit = posterTemplate({
  slug: 'activiteit',
  title: 'Poster: activiteit',
  description: 'Kondig een activiteit aan: wat, wanneer, hoe laat en waar.',
  fields,
  boxes,
  Pages,
});
