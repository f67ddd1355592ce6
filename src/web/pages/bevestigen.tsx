/** @jsxImportSource hono/jsx */
import { Message } from '../layout.js';

/** ConfirmedPage thanks the person and shows where each list stands; it is the same on every visit. */
export function ConfirmedPage(props: {
  name: string | null;
  subscriptions: { listName: string; status: string }[];
  preferencesUrl: string;
}) {
  const waiting = props.subscriptions.some((s) => s.status === 'pending_approval');
  return (
    <Message title="Uw aanmelding is bevestigd">
      <p>{props.name ? `Dank u wel, ${props.name}.` : 'Dank u wel.'} Uw e-mailadres is bevestigd.</p>
      <ul>
        {props.subscriptions.map((s) => (
          <li key={s.listName}>
            <strong>{s.listName}</strong>:{' '}
            {s.status === 'pending_approval'
              ? 'wacht op goedkeuring door de Coördinatiecommissie (CoCo)'
              : s.status === 'confirmed'
                ? 'u bent aangemeld'
                : 'niet actief'}
          </li>
        ))}
      </ul>
      {waiting ? (
        <p>
          Aanmeldingen voor de besturenlijst keurt de CoCo met de hand goed, omdat Netwerkmails alleen voor
          besturen zijn. U hoort het als dat gebeurd is.
        </p>
      ) : null}
      <p>
        U kunt uw gegevens en lijsten altijd aanpassen op{' '}
        <a href={props.preferencesUrl}>uw voorkeurenpagina</a>.
      </p>
    </Message>
  );
}

/** ExpiredPage explains an expired confirmation link and offers a new one with a plain form post. */
export function ExpiredPage(props: { token: string }) {
  return (
    <Message title="Deze bevestigingslink is verlopen">
      <p>
        Een bevestigingslink is een week geldig. Vraag hieronder een nieuwe aan; u krijgt die meteen per
        e-mail.
      </p>
      <form action={`/bevestigen/${props.token}`} method="post">
        <button type="submit">Stuur mij een nieuwe bevestigingslink</button>
      </form>
    </Message>
  );
}

/** NewLinkSentPage confirms that a new confirmation mail is on its way. */
export function NewLinkSentPage() {
  return (
    <Message title="Check uw mail">
      <p>
        Als uw aanmelding nog bevestigd moet worden, hebben we u een nieuwe bevestigingslink gestuurd. Die is
        een week geldig.
      </p>
    </Message>
  );
}

/** InvalidLinkPage answers a link that is damaged, forged, or of a person who is no longer in our lists. */
export function InvalidLinkPage() {
  return (
    <Message title="Deze link werkt niet">
      <p>
        De link is niet (meer) geldig. Misschien is hij bij het kopiëren afgebroken. Kopieer de hele link uit
        de e-mail, of meld u opnieuw aan via <a href="/aanmelden">het aanmeldformulier</a>.
      </p>
    </Message>
  );
}
