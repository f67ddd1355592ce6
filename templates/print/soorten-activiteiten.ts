import { handoutTemplate } from './_kit/handout.js';

/** soortenActiviteiten is the handout on the kinds of activities a stadsdorp organises. */
export const soortenActiviteiten = handoutTemplate({
  slug: 'soorten-activiteiten',
  title: 'Handout: Soorten activiteiten',
  description: 'Twee pagina’s A4 over de soorten activiteiten in stadsdorpen, met tips uit de praktijk.',
  kicker: 'Handout voor vrijwilligers',
  runningTitle: 'Soorten activiteiten (vervolg)',
  titel: 'Soorten activiteiten',
  inleiding:
    'Een stadsdorp leeft van activiteiten die buren zelf bedenken en trekken. Er is geen vast programma: wat werkt, hangt af van de buurt en van wie er meedoet. Op deze handout vindt u de soorten activiteiten die in de Amsterdamse stadsdorpen het meest voorkomen, met tips uit de praktijk. Gebruik ze als inspiratie voor het gesprek in uw stadsdorp.',
  first: [
    {
      field: 'ontmoeten',
      heading: 'Ontmoeten',
      text: 'Koffieochtenden, buurtborrels, eettafels en een nieuwjaarsreceptie. Laagdrempelig en vaak het begin van alles: hier leren buren elkaar kennen. Zorg voor een vaste plek en tijd, iemand die nieuwe gezichten verwelkomt en naambordjes. Vraag nieuwkomers wat zij graag zouden doen.',
    },
    {
      field: 'bewegen',
      heading: 'Bewegen',
      text: 'Wandelgroepen, fietstochten, jeu de boules, stoelyoga of samen zwemmen. Goed voor lijf en humeur, en onderweg praat het makkelijk. Kies routes met rustpunten en een toilet, spreek een vast vertrekpunt af en zorg dat iedereen in het eigen tempo mee kan.',
    },
    {
      field: 'cultuur',
      heading: 'Leren en cultuur',
      text: 'Lezingen door buurtbewoners, een leesclub, samen naar een museum of concert, een taal- of computercafé. Veel buren hebben kennis en ervaring die ze graag delen. Vraag sprekers uit de eigen buurt: dat kost weinig en brengt mensen samen.',
    },
  ],
  second: [
    {
      field: 'helpen',
      heading: 'Elkaar helpen',
      text: 'Burenhulp bij klusjes, boodschappen, een lift naar het ziekenhuis of hulp met de computer. Het principe is indirecte wederkerigheid: u helpt de een, een ander helpt u. Houd bij wie hulp vraagt en wie wil helpen, en spreek af wie de vragen verdeelt.',
    },
    {
      field: 'zorgEnWonen',
      heading: 'Zorg en wonen',
      text: 'Informatieavonden over wonen, zorg en veiligheid, een aanspreekpunt voor mantelzorgers en omzien naar buren die alleen zijn. Werk samen met de wijkverpleging, het buurtteam en de huisarts: zij kennen de weg en de regels.',
    },
    {
      field: 'buurt',
      heading: 'Samen met de buurt',
      text: 'Een buurtfeest, geveltuinen, een opschoondag of een bijeenkomst met het buurthuis en de bibliotheek. Zo wordt het stadsdorp zichtbaar voor nieuwe en jongere bewoners, en vindt u partners voor ruimte, geld en publiciteit.',
    },
  ],
  tip: {
    label: 'Tip',
    heading: 'Tip uit de praktijk',
    text: "Begin niet met een programma, maar met een vraag: wat willen buren zelf doen, en wie wil het trekken? Een activiteit met een enthousiaste trekker houdt het langer vol dan een activiteit die 'moet'. Deel uw ervaringen met andere stadsdorpen op de bijeenkomsten van het Netwerk.",
  },
});
