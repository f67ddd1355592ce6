import { Footer } from './_components/footer.js';
import { Header } from './_components/header.js';
import { MailLayout } from './_components/layout.js';
import { CallToAction, Greeting, LinkFallback, Main, P } from './_components/parts.js';

/** Props of the CoCo's daily notice about board requests waiting for approval. */
export type Props = {
  name: string | null;
  /** How many board requests wait, however long. */
  waiting: number;
  /** The date the oldest request came in, as a mail writes it: "3 december 2026". */
  oldestSince: string;
  /** The CoCo's start page in beheer, where requests are approved or rejected. */
  startUrl: string;
  publicUrl: string;
};

/**
 * BoardRequestsNotice tells a CoCo member that board requests have waited a day or longer.
 * It names no one: whoever asked is in beheer, behind the login, not in a mailbox.
 */
export function BoardRequestsNotice({ name, waiting, oldestSince, startUrl }: Props) {
  const one = waiting === 1;
  const title = one
    ? 'Er wacht een aanvraag voor de besturenlijst'
    : 'Er wachten aanvragen voor de besturenlijst';
  return (
    <MailLayout
      title={title}
      preview={`${waiting} ${one ? 'aanvraag wacht' : 'aanvragen wachten'} op goedkeuring door de CoCo.`}
    >
      <Header title={title} />
      <Main>
        <Greeting name={name} />
        <P>
          {one
            ? `Er wacht 1 aanvraag voor de besturenlijst op goedkeuring, sinds ${oldestSince}.`
            : `Er wachten ${waiting} aanvragen voor de besturenlijst op goedkeuring, de oudste sinds ${oldestSince}.`}{' '}
          Netwerkmails zijn alleen voor besturen: pas na uw goedkeuring krijgt iemand ze.
        </P>
        <CallToAction href={startUrl}>{one ? 'Aanvraag bekijken' : 'Aanvragen bekijken'}</CallToAction>
        <LinkFallback href={startUrl} />
        <P>
          U krijgt deze herinnering hoogstens één keer per dag, zolang er een aanvraag langer dan een dag
          wacht.
        </P>
      </Main>
      <Footer reason="u in de CoCo zit en er aanvragen voor de besturenlijst wachten." />
    </MailLayout>
  );
}

BoardRequestsNotice.PreviewProps = {
  name: 'Anna de Vries',
  waiting: 3,
  oldestSince: '3 december 2026',
  startUrl: 'https://stadsdorpen.nl/beheer',
  publicUrl: 'https://stadsdorpen.nl',
} satisfies Props;

export default BoardRequestsNotice;
