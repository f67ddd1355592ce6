import { Footer } from './_components/footer.js';
import { Header } from './_components/header.js';
import { MailLayout } from './_components/layout.js';
import { CallToAction, Greeting, LinkFallback, Main, P } from './_components/parts.js';

/** Props of the mail that carries the link to erase one's own data. */
export type Props = {
  name: string | null;
  eraseUrl: string;
  hours: number;
  publicUrl: string;
};

/** EraseConfirm sends the link that erases the reader's data, asked for on their preference page. */
export function EraseConfirm({ name, eraseUrl, hours }: Props) {
  return (
    <MailLayout title="Uw gegevens wissen" preview="Met de link in deze mail wist u uw gegevens.">
      <Header title="Uw gegevens wissen" />
      <Main>
        <Greeting name={name} />
        <P>
          U heeft gevraagd om alles te wissen wat het Netwerk Amsterdamse Stadsdorpen over u bewaart. Klik op
          de knop en bevestig op de pagina die dan opent. Daarna ontvangt u niets meer van ons.
        </P>
        <CallToAction href={eraseUrl}>Mijn gegevens wissen</CallToAction>
        <LinkFallback href={eraseUrl} />
        <P>
          De link werkt {hours} uur. Heeft u dit niet zelf gevraagd? Dan kunt u deze mail negeren: er wordt
          niets gewist.
        </P>
      </Main>
      <Footer reason="u op uw voorkeurenpagina heeft gevraagd uw gegevens te wissen." />
    </MailLayout>
  );
}

EraseConfirm.PreviewProps = {
  name: 'Anna de Vries',
  eraseUrl: 'https://stadsdorpen.nl/wissen/voorbeeld-token',
  hours: 24,
  publicUrl: 'https://stadsdorpen.nl',
} satisfies Props;

export default EraseConfirm;
