import { Footer } from './_components/footer.js';
import { Header } from './_components/header.js';
import { MailLayout } from './_components/layout.js';
import { CallToAction, Greeting, LinkFallback, Main, P } from './_components/parts.js';

/** Props of the mail with a one-time link into beheer: a login, or an invitation to a new account. */
export type Props = {
  name: string | null;
  loginUrl: string;
  /** invite: the CoCo made an account for the reader; login: the reader asked to log in. */
  purpose: 'login' | 'invite';
  /** How long the link works, as the mail says it: "15 minuten", "7 dagen". */
  validFor: string;
  publicUrl: string;
};

/** LoginLink sends the one-time link that logs a CoCo member or an editor into beheer. */
export function LoginLink({ name, loginUrl, purpose, validFor }: Props) {
  const invite = purpose === 'invite';
  const title = invite ? 'U bent uitgenodigd voor beheer' : 'Inloggen bij beheer';
  return (
    <MailLayout
      title={title}
      preview={invite ? 'Met de link in deze mail komt u in beheer.' : 'Uw link om in te loggen.'}
    >
      <Header title={title} />
      <Main>
        <Greeting name={name} />
        <P>
          {invite
            ? 'De CoCo van het Netwerk Amsterdamse Stadsdorpen heeft een account voor u gemaakt in beheer, de plek waar de CoCo en de stadsdorpen hun lijsten, nieuwsbrieven en posters maken. Klik op de knop en bevestig op de pagina die dan opent.'
            : 'U vroeg om in te loggen bij beheer van het Netwerk Amsterdamse Stadsdorpen. Klik op de knop en bevestig op de pagina die dan opent.'}
        </P>
        <CallToAction href={loginUrl}>{invite ? 'Account openen' : 'Inloggen'}</CallToAction>
        <LinkFallback href={loginUrl} />
        <P>
          {`De link werkt ${validFor} en maar één keer. Heeft u dit niet zelf gevraagd? Dan kunt u deze mail negeren: zonder de link kan niemand inloggen.`}
        </P>
      </Main>
      <Footer
        reason={
          invite ? 'de CoCo u uitnodigde voor beheer.' : 'iemand met dit adres wilde inloggen bij beheer.'
        }
      />
    </MailLayout>
  );
}

LoginLink.PreviewProps = {
  name: 'Anna de Vries',
  loginUrl: 'https://stadsdorpen.nl/beheer/link/voorbeeld-token',
  purpose: 'login',
  validFor: '15 minuten',
  publicUrl: 'https://stadsdorpen.nl',
} satisfies Props;

export default LoginLink;
