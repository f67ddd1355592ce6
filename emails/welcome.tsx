import { Footer } from './_components/footer.js';
import { Header } from './_components/header.js';
import { MailLayout } from './_components/layout.js';
import { Greeting, listPhrase, Main, P } from './_components/parts.js';

/** Props of the welcome mail after confirming. */
export type Props = {
  name: string | null;
  listNames: string[];
  /** True when a list (besturen) still waits for the CoCo's approval. */
  pendingApproval: boolean;
  /** True when this mail tells that the CoCo approved a board request (instead of a confirmed address). */
  approved?: boolean;
  preferencesUrl: string;
  unsubscribeUrl: string;
  publicUrl: string;
};

/** Welcome confirms the subscription and says what comes next. */
export function Welcome({
  name,
  listNames,
  pendingApproval,
  approved,
  preferencesUrl,
  unsubscribeUrl,
}: Props) {
  return (
    <MailLayout title="Welkom bij het Netwerk Amsterdamse Stadsdorpen" preview="Uw aanmelding is bevestigd.">
      <Header title="Welkom!" />
      <Main>
        <Greeting name={name} />
        {approved ? (
          <P>
            De Coördinatiecommissie (CoCo) heeft uw aanmelding goedgekeurd. U bent nu aangemeld voor{' '}
            {listPhrase(listNames)} en ontvangt voortaan de Netwerkmails voor besturen.
          </P>
        ) : (
          <P>Bedankt voor uw bevestiging. U bent aangemeld voor {listPhrase(listNames)}.</P>
        )}
        {pendingApproval ? (
          <P>
            Aanmeldingen voor de besturenlijst worden eerst door de Coördinatiecommissie (CoCo) bekeken, omdat
            Netwerkmails alleen voor besturen van stadsdorpen zijn. U hoort van ons zodra dat gebeurd is.
          </P>
        ) : null}
        <P>
          De Netwerk Nieuwsbrief brengt nieuws uit de stadsdorpen, de agenda van bijeenkomsten, trainingen en
          workshops, en tips uit de Kennisbank.
        </P>
      </Main>
      <Footer
        reason={`u zich heeft aangemeld voor ${listPhrase(listNames)}.`}
        unsubscribeUrl={unsubscribeUrl}
        preferencesUrl={preferencesUrl}
      />
    </MailLayout>
  );
}

Welcome.PreviewProps = {
  name: 'Anna de Vries',
  listNames: ['de Netwerk Nieuwsbrief', 'de besturenlijst'],
  pendingApproval: true,
  preferencesUrl: 'https://stadsdorpen.nl/voorkeuren/voorbeeld-token',
  unsubscribeUrl: 'https://stadsdorpen.nl/afmelden/voorbeeld-token',
  publicUrl: 'https://stadsdorpen.nl',
} satisfies Props;

export default Welcome;
