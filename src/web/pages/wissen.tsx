/** @jsxImportSource hono/jsx */
import { Message } from '../layout.js';

/** EraseAskPage says what erasing removes and what stays; only the button's POST acts. */
export function EraseAskPage(props: { token: string; email: string }) {
  return (
    <Message title="Uw gegevens wissen">
      <p>
        U kunt alles wissen wat wij over <strong>{props.email}</strong> bewaren: uw naam, uw stadsdorp, uw
        aanmeldingen en de berichten die wij u nog moeten sturen. U ontvangt daarna niets meer van het Netwerk
        Amsterdamse Stadsdorpen, en de links in eerdere e-mails werken niet meer.
      </p>
      <p>
        Wat blijft: de wet (AVG) vraagt ons te kunnen laten zien wanneer iemand toestemming gaf. Daarvoor
        bewaren wij alleen een onleesbare code van uw e-mailadres (een versleutelde hash) met de data van uw
        aan- en afmeldingen, zonder uw adres of naam.
      </p>
      <p>Wilt u alleen minder berichten? Ga dan terug naar uw voorkeuren.</p>
      <form action={`/voorkeuren/${props.token}/wissen`} method="post">
        <button type="submit">Ja, wis mijn gegevens</button>
      </form>
      <p>
        <a href={`/voorkeuren/${props.token}`}>Terug naar mijn voorkeuren</a>
      </p>
    </Message>
  );
}

/** ErasedPage confirms the erase. */
export function ErasedPage() {
  return (
    <Message title="Uw gegevens zijn gewist">
      <p>
        Wij bewaren uw e-mailadres, naam en aanmeldingen niet meer, en u ontvangt niets meer van ons. Wilt u
        later weer berichten ontvangen? Dan kunt u zich opnieuw aanmelden via{' '}
        <a href="/aanmelden">de aanmeldpagina</a>.
      </p>
    </Message>
  );
}
