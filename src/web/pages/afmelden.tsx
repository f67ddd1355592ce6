/** @jsxImportSource hono/jsx */
import { Message } from '../layout.js';

/** UnsubscribeAskPage shows what the button will do; only the POST acts, so link scanners unsubscribe nobody. */
export function UnsubscribeAskPage(props: { token: string; listName: string | null }) {
  return (
    <Message title="Afmelden">
      <p>
        {props.listName
          ? `Wilt u zich afmelden voor de lijst ${props.listName}?`
          : 'Wilt u zich afmelden voor alle berichten van het Netwerk Amsterdamse Stadsdorpen?'}
      </p>
      <form action={`/afmelden/${props.token}`} method="post">
        <button type="submit">Ja, meld mij af</button>
      </form>
    </Message>
  );
}

/** UnsubscribedPage confirms the unsubscribe; it answers 200 for one-click posts too, never a redirect. */
export function UnsubscribedPage(props: {
  listNames: string[];
  all: boolean;
  preferencesUrl: string | null;
}) {
  return (
    <Message title="U bent afgemeld">
      <p>
        {props.all || props.listNames.length === 0
          ? 'U ontvangt geen berichten meer van het Netwerk Amsterdamse Stadsdorpen.'
          : `U ontvangt geen berichten meer van de lijst ${props.listNames.join(' en ')}.`}
      </p>
      {props.preferencesUrl ? (
        <p>
          Per ongeluk afgemeld of wilt u toch iets blijven ontvangen? Ga naar{' '}
          <a href={props.preferencesUrl}>uw voorkeurenpagina</a>.
        </p>
      ) : null}
    </Message>
  );
}
