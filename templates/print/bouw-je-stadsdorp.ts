import { handoutTemplate } from './_kit/handout.js';

/** bouwJeStadsdorp is the handout on starting and keeping up a stadsdorp, in six steps. */
export const bouwJeStadsdorp = handoutTemplate({
  slug: 'bouw-je-stadsdorp',
  title: 'Handout: Bouw je stadsdorp',
  description: 'Twee pagina’s A4 in zes stappen: van het eerste gesprek tot een stadsdorp dat jaren meegaat.',
  kicker: 'Handout voor initiatiefnemers',
  runningTitle: 'Bouw je stadsdorp (vervolg)',
  titel: 'Bouw je stadsdorp',
  inleiding:
    'Een stadsdorp begint met een paar buren die willen dat iedereen prettig in de eigen buurt kan blijven wonen, ook als je ouder wordt. Er is geen blauwdruk: elk stadsdorp groeit op zijn eigen manier. Deze zes stappen helpen u op weg, van het eerste gesprek tot een stadsdorp dat jaren meegaat.',
  first: [
    {
      field: 'stap1',
      heading: '1. Begin klein',
      text: 'Zoek drie tot vijf buren die het idee delen. Spreek af over welk gebied het gaat: een paar straten, een buurt of een wijk. Een klein begin is overzichtelijk en groeien kan altijd. Vraag een stadsdorp in de buurt hoe zij begonnen zijn.',
    },
    {
      field: 'stap2',
      heading: '2. Ontdek wat er leeft',
      text: 'Organiseer een buurtgesprek of loop huis aan huis met een korte vragenlijst. Vraag wat buren missen, wat ze graag zouden doen en wat ze zelf willen bijdragen. Zo weet u waar de energie zit en wie er wil meehelpen.',
    },
    {
      field: 'stap3',
      heading: '3. Organiseer een eerste activiteit',
      text: 'Kies iets eenvoudigs dat veel buren aanspreekt, zoals een koffieochtend of een wandeling. Nodig persoonlijk uit, hang posters op en doe een briefje in de bus. Schrijf op wie er komt, wie op de hoogte wil blijven en wie wil helpen.',
    },
  ],
  second: [
    {
      field: 'stap4',
      heading: '4. Vorm een kerngroep',
      text: 'Verdeel de taken: voorzitter, penningmeester, secretaris, contact met vrijwilligers. Kies een rechtsvorm (vereniging of stichting), open een bankrekening en regel een vrijwilligersverzekering. In de Kennisbank van het Netwerk vindt u voorbeelden van statuten en begrotingen.',
    },
    {
      field: 'stap5',
      heading: '5. Vertel het de buurt',
      text: 'Een nieuwsbrief, een eenvoudige website en posters in de buurt maken uw stadsdorp zichtbaar. Houd een ledenlijst bij, met toestemming van de leden, en vraag een kleine bijdrage per jaar. Zo heeft u een vaste basis voor uw activiteiten.',
    },
    {
      field: 'stap6',
      heading: '6. Houd het vol',
      text: 'Waardeer uw vrijwilligers, verdeel het werk over veel schouders en zorg op tijd voor opvolging in het bestuur. Blijf vragen wat buren willen en durf te stoppen met wat niet meer werkt. Kom naar de Netwerkbijeenkomsten om van andere stadsdorpen te leren.',
    },
  ],
  tip: {
    label: 'Het Netwerk helpt',
    heading: 'Het Netwerk helpt',
    text: 'U hoeft het wiel niet opnieuw uit te vinden: 37 stadsdorpen gingen u voor. Het Netwerk Amsterdamse Stadsdorpen organiseert bijeenkomsten, themamiddagen, trainingen en workshops, en deelt praktische kennis over verzekeringen, subsidies en samenwerken met de gemeente.',
  },
});
