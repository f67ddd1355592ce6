import { Footer } from './_components/footer.js';
import { Header } from './_components/header.js';
import { MailLayout } from './_components/layout.js';
import { CallToAction, Greeting, LinkFallback, Main, P } from './_components/parts.js';

/** Props of the mail that tells an editor the CoCo declined their contribution, and why. */
export type Props = {
  name: string | null;
  /** The title of the news or agenda item. */
  title: string;
  /** The CoCo's reason, as they wrote it. */
  reason: string;
  /** The editor's page of contributions in beheer. */
  contributionsUrl: string;
  publicUrl: string;
};

/** ContributionDeclined tells an editor that the CoCo will not take their item into a Nieuwsbrief, with the reason. */
export function ContributionDeclined({ name, title, reason, contributionsUrl }: Props) {
  return (
    <MailLayout title="Uw inzending is niet overgenomen" preview={`"${title}" komt niet in de Nieuwsbrief.`}>
      <Header title="Uw inzending is niet overgenomen" />
      <Main>
        <Greeting name={name} />
        <P>
          De CoCo neemt uw inzending "{title}" niet op in de Nieuwsbrief. Dit is de reden die de CoCo erbij
          schreef:
        </P>
        <P>{reason}</P>
        <P>U kunt de inzending verbeteren en opnieuw insturen, of de CoCo een mail sturen.</P>
        <CallToAction href={contributionsUrl}>Naar uw inzendingen</CallToAction>
        <LinkFallback href={contributionsUrl} />
      </Main>
      <Footer reason="u voor uw stadsdorp iets voor de Nieuwsbrief instuurde." />
    </MailLayout>
  );
}

ContributionDeclined.PreviewProps = {
  name: 'Piet Jansen',
  title: 'Burendag in de Pijp',
  reason: 'Deze datum valt na de volgende Nieuwsbrief. Stuur het gerust in voor de Nieuwsbrief van januari.',
  contributionsUrl: 'https://stadsdorpen.nl/beheer/bijdragen',
  publicUrl: 'https://stadsdorpen.nl',
} satisfies Props;

export default ContributionDeclined;
