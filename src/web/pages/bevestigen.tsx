/** @jsxImportSource hono/jsx */
import { Message } from '../layout.js';

/**
 * ConfirmAskPage asks for one press of a button before anything is confirmed: mail link
 * scanners open every link, and some run scripts, so the page has no script that posts.
 */
export function ConfirmAskPage(props: { token: string; listNames: string[] }) {
  return (
    <Message title="Bevestig uw aanmelding">
      <p>
        {props.listNames.length === 1
          ? 'U heeft zich aangemeld voor deze lijst van het Netwerk Amsterdamse Stadsdorpen:'
          : 'U heeft zich aangemeld voor deze lijsten van het Netwerk Amsterdamse Stadsdorpen:'}
      </p>
      <ul>
        {props.listNames.map((name) => (
          <li key={name}>
            <strong>{name}</strong>
          </li>
        ))}
      </ul>
      <p>Klik op de knop om uw aanmelding te bevestigen. Pas daarna sturen wij u berichten.</p>
      <form action={`/bevestigen/${props.token}`} method="post">
        <input type="hidden" name="actie" value="bevestigen" />
        <button type="submit">Ja, bevestig mijn aanmelding</button>
      </form>
      <p class="hint">
        Heeft u zich niet aangemeld? Dan hoeft u niets te doen: zonder bevestiging krijgt u van ons geen
        berichten.
      </p>
    </Message>
  );
}

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
        <input type="hidden" name="actie" value="nieuwe-link" />
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

/** UnknownActionPage answers a post to a confirmation link that says neither "confirm" nor "new link". */
export function UnknownActionPage(props: { token: string }) {
  return (
    <Message title="Dit verzoek begrijpen wij niet">
      <p>
        Er ging iets mis met het formulier: wij weten niet of u uw aanmelding wilt bevestigen of een nieuwe
        bevestigingslink wilt. Er is niets veranderd.
      </p>
      <p>
        <a href={`/bevestigen/${props.token}`}>Open de bevestigingspagina opnieuw</a> en klik daar op de knop.
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
