import { NetwerkmailBody } from './_components/campaign-parts.js';
import type { NetwerkmailContent } from './_components/content.js';
import { Footer } from './_components/footer.js';
import { Header } from './_components/header.js';
import { MailLayout } from './_components/layout.js';
import { Greeting, Main } from './_components/parts.js';

/** Props of a Netwerkmail. */
export type Props = {
  subject: string;
  preheader?: string | null;
  /** The recipient's name, or null for "Beste lezer,". */
  name: string | null;
  content: NetwerkmailContent;
  /** Completes "U ontvangt deze mail omdat ...". */
  reason: string;
  unsubscribeUrl: string;
  preferencesUrl: string;
  webVersionUrl?: string;
};

/** Netwerkmail is a short announcement from the CoCo to the besturen. */
export function Netwerkmail({ subject, preheader, name, content, reason, ...links }: Props) {
  return (
    <MailLayout title={subject} preview={preheader ?? undefined}>
      <Header title={subject} />
      <Main>
        <Greeting name={name} />
        <NetwerkmailBody content={content} />
      </Main>
      <Footer reason={reason} {...links} />
    </MailLayout>
  );
}

Netwerkmail.PreviewProps = {
  subject: 'Uitnodiging Netwerkbijeenkomst 15 januari',
  preheader: 'Meld u vóór 5 januari aan.',
  name: 'Pieter Jansen',
  reason: 'u als bestuurslid van een stadsdorp op de besturenlijst staat.',
  unsubscribeUrl: 'https://stadsdorpen.nl/afmelden/voorbeeld-token',
  preferencesUrl: 'https://stadsdorpen.nl/voorkeuren/voorbeeld-token',
  content: {
    body: 'Graag nodigen wij alle besturen uit voor de **Netwerkbijeenkomst** op donderdag 15 januari, 19:30 uur.\n\nWe bespreken de subsidieaanvraag voor 2027.',
    signature: 'Met vriendelijke groet,\nde Coördinatiecommissie',
    button: {
      label: 'Aanmelden voor de bijeenkomst',
      url: 'https://netwerkamsterdamsestadsdorpen.nl/aanmelden',
    },
  },
} satisfies Props;

export default Netwerkmail;
