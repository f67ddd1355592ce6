import { Footer } from './_components/footer.js';
import { Header } from './_components/header.js';
import { MailLayout } from './_components/layout.js';
import { CallToAction, Greeting, listPhrase, Main, P } from './_components/parts.js';

/** Props of the mail that confirms an unsubscribe. */
export type Props = {
  name: string | null;
  listNames: string[];
  preferencesUrl: string;
  publicUrl: string;
};

/** Unsubscribed confirms that the reader is off the lists, and how to come back. */
export function Unsubscribed({ name, listNames, preferencesUrl }: Props) {
  return (
    <MailLayout title="U bent afgemeld" preview="U bent afgemeld.">
      <Header title="U bent afgemeld" />
      <Main>
        <Greeting name={name} />
        <P>U bent afgemeld voor {listPhrase(listNames)}. U ontvangt daarvan geen mail meer.</P>
        <P>Was dit een vergissing, of wilt u toch iets blijven ontvangen? Pas dan uw voorkeuren aan.</P>
        <CallToAction href={preferencesUrl}>Voorkeuren aanpassen</CallToAction>
      </Main>
      <Footer
        reason={`u zich heeft afgemeld voor ${listPhrase(listNames)}. Dit is de laatste mail daarover.`}
      />
    </MailLayout>
  );
}

Unsubscribed.PreviewProps = {
  name: 'Anna de Vries',
  listNames: ['de Netwerk Nieuwsbrief'],
  preferencesUrl: 'https://stadsdorpen.nl/voorkeuren/voorbeeld-token',
  publicUrl: 'https://stadsdorpen.nl',
} satisfies Props;

export default Unsubscribed;
