import { Footer } from './_components/footer.js';
import { Header } from './_components/header.js';
import { MailLayout } from './_components/layout.js';
import { CallToAction, Greeting, LinkFallback, listPhrase, Main, P } from './_components/parts.js';

/** Props of the double opt-in mail. */
export type Props = {
  name: string | null;
  confirmUrl: string;
  listNames: string[];
  /** Already formatted in Dutch, e.g. "5 december 2026". */
  expiresOn: string;
  publicUrl: string;
};

/** ConfirmSignup asks a new subscriber to confirm the address (double opt-in). */
export function ConfirmSignup({ name, confirmUrl, listNames, expiresOn, publicUrl }: Props) {
  return (
    <MailLayout title="Bevestig uw aanmelding" preview="Nog één stap: bevestig uw aanmelding.">
      <Header title="Bevestig uw aanmelding" />
      <Main>
        <Greeting name={name} />
        <P>
          U heeft zich aangemeld voor {listPhrase(listNames)} van het Netwerk Amsterdamse Stadsdorpen. Klik op
          de knop en bevestig op de pagina die dan opent.
        </P>
        <CallToAction href={confirmUrl}>Aanmelding bevestigen</CallToAction>
        <LinkFallback href={confirmUrl} />
        <P>De link is geldig tot {expiresOn}. Heeft u zich niet aangemeld? Dan kunt u deze mail negeren.</P>
      </Main>
      <Footer
        reason={`iemand dit adres heeft opgegeven op ${publicUrl.replace(/^https?:\/\//, '')}. Zonder bevestiging ontvangt u niets meer van ons.`}
      />
    </MailLayout>
  );
}

ConfirmSignup.PreviewProps = {
  name: 'Anna de Vries',
  confirmUrl: 'https://stadsdorpen.nl/bevestigen/voorbeeld-token',
  listNames: ['de Netwerk Nieuwsbrief'],
  expiresOn: '5 december 2026',
  publicUrl: 'https://stadsdorpen.nl',
} satisfies Props;

export default ConfirmSignup;
