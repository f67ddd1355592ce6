import { NieuwsbriefBody } from './_components/campaign-parts.js';
import type { NieuwsbriefContent } from './_components/content.js';
import { Footer } from './_components/footer.js';
import { Header } from './_components/header.js';
import { MailLayout } from './_components/layout.js';
import { Greeting, Main } from './_components/parts.js';

/** Props of the Netwerk Nieuwsbrief. */
export type Props = {
  subject: string;
  preheader?: string | null;
  /** The recipient's name, or null for "Beste lezer,". */
  name: string | null;
  content: NieuwsbriefContent;
  /** Completes "U ontvangt deze mail omdat ...". */
  reason: string;
  unsubscribeUrl: string;
  preferencesUrl: string;
  /** The archive address; absent when the Nieuwsbrief is not public. */
  webVersionUrl?: string;
};

/** Nieuwsbrief is the periodic newsletter: intro, articles, agenda, Kennisbank links and a closing word. */
export function Nieuwsbrief({ subject, preheader, name, content, reason, ...links }: Props) {
  return (
    <MailLayout title={subject} preview={preheader ?? undefined}>
      <Header title={subject} />
      <Main>
        <Greeting name={name} />
        <NieuwsbriefBody content={content} />
      </Main>
      <Footer reason={reason} {...links} />
    </MailLayout>
  );
}

Nieuwsbrief.PreviewProps = {
  subject: 'Netwerk Nieuwsbrief november 2026',
  preheader: 'Netwerkbijeenkomst over zorg en wonen, nieuwe stadsdorpen en de agenda voor december.',
  name: 'Anna de Vries',
  reason: 'u bent aangemeld voor de Netwerk Nieuwsbrief.',
  unsubscribeUrl: 'https://stadsdorpen.nl/afmelden/voorbeeld-token',
  preferencesUrl: 'https://stadsdorpen.nl/voorkeuren/voorbeeld-token',
  webVersionUrl: 'https://stadsdorpen.nl/archief/2026-11-netwerk-nieuwsbrief-november-2026',
  content: {
    intro:
      'Het jaar loopt ten einde, maar in de stadsdorpen is het **drukker dan ooit**. In deze Nieuwsbrief leest u over de Netwerkbijeenkomst en de nieuwe Kennisbank-artikelen.',
    articles: [
      {
        title: 'Terugblik op de Netwerkbijeenkomst',
        body: 'Ruim zestig bestuursleden uit 25 stadsdorpen kwamen bijeen in de Tolhuistuin. Het thema was *zorg en wonen*.\n\n- Drie werkgroepen gestart\n- Nieuwe afspraken met de gemeente',
        imageUrl: 'https://stadsdorpen.nl/static/bijeenkomst.jpg',
        imageAlt: 'Bestuursleden in gesprek aan lange tafels in een zonnige zaal',
        link: 'https://netwerkamsterdamsestadsdorpen.nl/nieuws/netwerkbijeenkomst',
      },
      {
        title: 'Welkom aan Stadsdorp Buikslotermeer',
        body: 'Het eerste stadsdorp in Noord is een feit. Wilt u de initiatiefnemers helpen? Mail naar de CoCo.',
      },
    ],
    agenda: [
      { date: '2026-12-10', time: '19:30-21:30', title: 'Themamiddag Diversiteit', place: 'OBA Oosterdok' },
      { date: '2026-12-17', title: 'Netwerkborrel', place: 'Café De Ysbreeker' },
    ],
    kennisbank: [
      {
        title: 'Verzekeringen voor vrijwilligers',
        url: 'https://netwerkamsterdamsestadsdorpen.nl/kennisbank/verzekeringen',
      },
    ],
    closing: 'Met hartelijke groet,\nde Coördinatiecommissie',
  },
} satisfies Props;

export default Nieuwsbrief;
