import { z } from 'zod';
import { text } from './_kit/fields.js';
import { HANDOUT_BOXES, HANDOUT_FIXED_BOXES, HandoutLayout, type HandoutSection } from './_kit/handout.js';
import type { PrintTemplate, TemplateProps, TextBox } from './_kit/types.js';

const section = (label: string, value: string) =>
  text({ label, maxLength: 450, multiline: true, default: value });

const fields = z.object({
  titel: text({ label: 'Titel', maxLength: 50, required: true, default: 'Soorten activiteiten' }),
  inleiding: text({
    label: 'Inleiding',
    maxLength: 500,
    multiline: true,
    default:
      'Een stadsdorp leeft van activiteiten die buren zelf bedenken en trekken. Er is geen vast programma: wat werkt, hangt af van de buurt en van wie er meedoet. Op deze handout vindt u de soorten activiteiten die in de Amsterdamse stadsdorpen het meest voorkomen, met tips uit de praktijk. Gebruik ze als inspiratie voor het gesprek in uw stadsdorp.',
  }),
  ontmoeten: section(
    'Ontmoeten',
    'Koffieochtenden, buurtborrels, eettafels en een nieuwjaarsreceptie. Laagdrempelig en vaak het begin van alles: hier leren buren elkaar kennen. Zorg voor een vaste plek en tijd, iemand die nieuwe gezichten verwelkomt en naambordjes. Vraag nieuwkomers wat zij graag zouden doen.',
  ),
  bewegen: section(
    'Bewegen',
    'Wandelgroepen, fietstochten, jeu de boules, stoelyoga of samen zwemmen. Goed voor lijf en humeur, en onderweg praat het makkelijk. Kies routes met rustpunten en een toilet, spreek een vast vertrekpunt af en zorg dat iedereen in het eigen tempo mee kan.',
  ),
  cultuur: section(
    'Leren en cultuur',
    'Lezingen door buurtbewoners, een leesclub, samen naar een museum of concert, een taal- of computercafé. Veel buren hebben kennis en ervaring die ze graag delen. Vraag sprekers uit de eigen buurt: dat kost weinig en brengt mensen samen.',
  ),
  helpen: section(
    'Elkaar helpen',
    'Burenhulp bij klusjes, boodschappen, een lift naar het ziekenhuis of hulp met de computer. Het principe is indirecte wederkerigheid: u helpt de een, een ander helpt u. Houd bij wie hulp vraagt en wie wil helpen, en spreek af wie de vragen verdeelt.',
  ),
  zorgEnWonen: section(
    'Zorg en wonen',
    'Informatieavonden over wonen, zorg en veiligheid, een aanspreekpunt voor mantelzorgers en omzien naar buren die alleen zijn. Werk samen met de wijkverpleging, het buurtteam en de huisarts: zij kennen de weg en de regels.',
  ),
  buurt: section(
    'Samen met de buurt',
    'Een buurtfeest, geveltuinen, een opschoondag of een bijeenkomst met het buurthuis en de bibliotheek. Zo wordt het stadsdorp zichtbaar voor nieuwe en jongere bewoners, en vindt u partners voor ruimte, geld en publiciteit.',
  ),
  tip: text({
    label: 'Tip',
    maxLength: 400,
    multiline: true,
    default:
      "Begin niet met een programma, maar met een vraag: wat willen buren zelf doen, en wie wil het trekken? Een activiteit met een enthousiaste trekker houdt het langer vol dan een activiteit die 'moet'. Deel uw ervaringen met andere stadsdorpen op de bijeenkomsten van het Netwerk.",
  }),
});

const first: HandoutSection[] = [
  { field: 'ontmoeten', heading: 'Ontmoeten' },
  { field: 'bewegen', heading: 'Bewegen' },
  { field: 'cultuur', heading: 'Leren en cultuur' },
];
const second: HandoutSection[] = [
  { field: 'helpen', heading: 'Elkaar helpen' },
  { field: 'zorgEnWonen', heading: 'Zorg en wonen' },
  { field: 'buurt', heading: 'Samen met de buurt' },
];

const boxes: Record<keyof typeof fields.shape, TextBox> = {
  titel: HANDOUT_BOXES.titel,
  inleiding: HANDOUT_BOXES.inleiding,
  tip: HANDOUT_BOXES.tip,
  ontmoeten: HANDOUT_BOXES.section,
  bewegen: HANDOUT_BOXES.section,
  cultuur: HANDOUT_BOXES.section,
  helpen: HANDOUT_BOXES.section,
  zorgEnWonen: HANDOUT_BOXES.section,
  buurt: HANDOUT_BOXES.section,
};

function Pages(p: TemplateProps) {
  return (
    <HandoutLayout
      p={p}
      kicker="Handout voor vrijwilligers"
      runningTitle="Soorten activiteiten (vervolg)"
      first={first}
      second={second}
      tipHeading="Tip uit de praktijk"
    />
  );
}

/** soortenActiviteiten is the handout on the kinds of activities a stadsdorp organises. */
export const soortenActiviteiten: PrintTemplate = {
  slug: 'soorten-activiteiten',
  title: 'Handout: Soorten activiteiten',
  kind: 'handout',
  description: 'Twee pagina’s A4 over de soorten activiteiten in stadsdorpen, met tips uit de praktijk.',
  sizes: ['A4'],
  fields,
  boxes,
  fixedBoxes: HANDOUT_FIXED_BOXES,
  hasQr: false,
  Pages,
};
