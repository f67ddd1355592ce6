import { Footer } from './_components/footer.js';
import { Header } from './_components/header.js';
import { MailLayout } from './_components/layout.js';
import { CallToAction, Greeting, LinkFallback, Main, P } from './_components/parts.js';

/** One waiting contribution as the digest lists it. */
export type DigestItem = { stadsdorp: string; kind: 'news' | 'agenda'; title: string };

/** Props of the CoCo's daily digest of contributions waiting for them. */
export type Props = {
  name: string | null;
  items: DigestItem[];
  /** How many wait in all (the list shows at most the first 20). */
  waiting: number;
  /** The CoCo's page of contributions in beheer. */
  contributionsUrl: string;
  publicUrl: string;
};

const KIND = { news: 'Nieuws', agenda: 'Agenda' } as const;

/** ContributionsDigest lists, at most once a day, the contributions of the stadsdorpen that wait for the CoCo. */
export function ContributionsDigest({ name, items, waiting, contributionsUrl }: Props) {
  const title =
    waiting === 1
      ? 'Er wacht een inzending voor de Nieuwsbrief'
      : 'Er wachten inzendingen voor de Nieuwsbrief';
  return (
    <MailLayout
      title={title}
      preview={`${waiting} ${waiting === 1 ? 'inzending wacht' : 'inzendingen wachten'} op de CoCo.`}
    >
      <Header title={title} />
      <Main>
        <Greeting name={name} />
        <P>
          {waiting === 1
            ? 'Er wacht 1 inzending van een stadsdorp op overnemen of afwijzen:'
            : `Er wachten ${waiting} inzendingen van stadsdorpen op overnemen of afwijzen:`}
        </P>
        <ul>
          {items.map((i) => (
            <li key={`${i.stadsdorp}-${i.title}`}>
              {KIND[i.kind]}: "{i.title}" ({i.stadsdorp})
            </li>
          ))}
        </ul>
        {waiting > items.length ? <P>{`En nog ${waiting - items.length} meer.`}</P> : null}
        <CallToAction href={contributionsUrl}>Inzendingen bekijken</CallToAction>
        <LinkFallback href={contributionsUrl} />
        <P>U krijgt deze mail hoogstens één keer per dag, zolang er inzendingen wachten.</P>
      </Main>
      <Footer reason="u in de CoCo zit en er inzendingen van stadsdorpen wachten." />
    </MailLayout>
  );
}

ContributionsDigest.PreviewProps = {
  name: 'Anna de Vries',
  items: [
    { stadsdorp: 'Stadsdorp De Pijp', kind: 'news', title: 'Burendag was een succes' },
    { stadsdorp: 'Stadsdorp Zuid', kind: 'agenda', title: 'Netwerkborrel' },
  ],
  waiting: 2,
  contributionsUrl: 'https://stadsdorpen.nl/beheer/bijdragen',
  publicUrl: 'https://stadsdorpen.nl',
} satisfies Props;

export default ContributionsDigest;
