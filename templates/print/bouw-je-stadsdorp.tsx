import { z } from 'zod';
import { text } from './_kit/fields.js';
import { HANDOUT_BOXES, HANDOUT_FIXED_BOXES, HandoutLayout, type HandoutSection } from './_kit/handout.js';
import type { PrintTemplate, TemplateProps, TextBox } from './_kit/types.js';

const step = (label: string, value: string) =>
  text({ label, maxLength: 450, multiline: true, default: value });

const fields = z.object({
  titel: text({ label: 'Titel', maxLength: 50, required: true, default: 'Bouw je stadsdorp' }),
  inleiding: text({
    label: 'Inleiding',
    maxLength: 500,
    multiline: true,
    default:
      'Een stadsdorp begint met een paar buren die willen dat iedereen prettig in de eigen buurt kan blijven wonen, ook als je ouder wordt. Er is geen blauwdruk: elk stadsdorp groeit op zijn eigen manier. Deze zes stappen helpen u op weg, van het eerste gesprek tot een stadsdorp dat jaren meegaat.',
  }),
  stap1: step(
    '1. Begin klein',
    'Zoek drie tot vijf buren die het idee delen. Spreek af over welk gebied het gaat: een paar straten, een buurt of een wijk. Een klein begin is overzichtelijk en groeien kan altijd. Vraag een stadsdorp in de buurt hoe zij begonnen zijn.',
  ),
  stap2: step(
    '2. Ontdek wat er leeft',
    'Organiseer een buurtgesprek of loop huis aan huis met een korte vragenlijst. Vraag wat buren missen, wat ze graag zouden doen en wat ze zelf willen bijdragen. Zo weet u waar de energie zit en wie er wil meehelpen.',
  ),
  stap3: step(
    '3. Organiseer een eerste activiteit',
    'Kies iets eenvoudigs dat veel buren aanspreekt, zoals een koffieochtend of een wandeling. Nodig persoonlijk uit, hang posters op en doe een briefje in de bus. Schrijf op wie er komt, wie op de hoogte wil blijven en wie wil helpen.',
  ),
  stap4: step(
    '4. Vorm een kerngroep',
    'Verdeel de taken: voorzitter, penningmeester, secretaris, contact met vrijwilligers. Kies een rechtsvorm (vereniging of stichting), open een bankrekening en regel een vrijwilligersverzekering. In de Kennisbank van het Netwerk vindt u voorbeelden van statuten en begrotingen.',
  ),
  stap5: step(
    '5. Vertel het de buurt',
    'Een nieuwsbrief, een eenvoudige website en posters in de buurt maken uw stadsdorp zichtbaar. Houd een ledenlijst bij, met toestemming van de leden, en vraag een kleine bijdrage per jaar. Zo heeft u een vaste basis voor uw activiteiten.',
  ),
  stap6: step(
    '6. Houd het vol',
    'Waardeer uw vrijwilligers, verdeel het werk over veel schouders en zorg op tijd voor opvolging in het bestuur. Blijf vragen wat buren willen en durf te stoppen met wat niet meer werkt. Kom naar de Netwerkbijeenkomsten om van andere stadsdorpen te leren.',
  ),
  tip: text({
    label: 'Het Netwerk helpt',
    maxLength: 400,
    multiline: true,
    default:
      'U hoeft het wiel niet opnieuw uit te vinden: 37 stadsdorpen gingen u voor. Het Netwerk Amsterdamse Stadsdorpen organiseert bijeenkomsten, themamiddagen, trainingen en workshops, en deelt praktische kennis over verzekeringen, subsidies en samenwerken met de gemeente.',
  }),
});

const first: HandoutSection[] = [
  { field: 'stap1', heading: '1. Begin klein' },
  { field: 'stap2', heading: '2. Ontdek wat er leeft' },
  { field: 'stap3', heading: '3. Organiseer een eerste activiteit' },
];
const second: HandoutSection[] = [
  { field: 'stap4', heading: '4. Vorm een kerngroep' },
  { field: 'stap5', heading: '5. Vertel het de buurt' },
  { field: 'stap6', heading: '6. Houd het vol' },
];

const boxes: Record<keyof typeof fields.shape, TextBox> = {
  titel: HANDOUT_BOXES.titel,
  inleiding: HANDOUT_BOXES.inleiding,
  tip: HANDOUT_BOXES.tip,
  stap1: HANDOUT_BOXES.section,
  stap2: HANDOUT_BOXES.section,
  stap3: HANDOUT_BOXES.section,
  stap4: HANDOUT_BOXES.section,
  stap5: HANDOUT_BOXES.section,
  stap6: HANDOUT_BOXES.section,
};

function Pages(p: TemplateProps) {
  return (
    <HandoutLayout
      p={p}
      kicker="Handout voor initiatiefnemers"
      runningTitle="Bouw je stadsdorp (vervolg)"
      first={first}
      second={second}
      tipHeading="Het Netwerk helpt"
    />
  );
}

/** bouwJeStadsdorp is the handout on starting and keeping up a stadsdorp, in six steps. */
export const bouwJeStadsdorp: PrintTemplate = {
  slug: 'bouw-je-stadsdorp',
  title: 'Handout: Bouw je stadsdorp',
  kind: 'handout',
  description: 'Twee pagina’s A4 in zes stappen: van het eerste gesprek tot een stadsdorp dat jaren meegaat.',
  sizes: ['A4'],
  fields,
  boxes,
  fixedBoxes: HANDOUT_FIXED_BOXES,
  hasQr: false,
  Pages,
};
