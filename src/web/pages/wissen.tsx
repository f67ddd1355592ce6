/** @jsxImportSource hono/jsx */
import { Message } from '../layout.js';

/** EraseAskPage says what erasing removes and what stays; its button mails the link that erases. */
export function EraseAskPage(props: { token: string; email: string }) {
  return (
    <Message title="Uw gegevens wissen">
      <p>
        U kunt alles laten wissen wat wij over <strong>{props.email}</strong> bewaren: uw naam, uw stadsdorp,
        uw aanmeldingen en de berichten die wij u nog moeten sturen. U ontvangt daarna niets meer van het
        Netwerk Amsterdamse Stadsdorpen, en de links in eerdere e-mails werken niet meer.
      </p>
      <p>
        Wat blijft: de wet (AVG) vraagt ons te kunnen laten zien wanneer iemand toestemming gaf. Daarvoor
        bewaren wij alleen een onleesbare code van uw e-mailadres (een versleutelde hash) met de data van uw
        aan- en afmeldingen, zonder uw adres of naam.
      </p>
      <p>
        Omdat wissen niet ongedaan kan worden, sturen wij eerst een e-mail naar dit adres met de link die het
        doet. Zo kan niemand anders, bijvoorbeeld iemand aan wie u een nieuwsbrief doorstuurde, uw gegevens
        wissen.
      </p>
      <form action={`/voorkeuren/${props.token}/wissen`} method="post">
        <button type="submit">Stuur mij de link om te wissen</button>
      </form>
      <p>
        Wilt u alleen minder berichten? <a href={`/voorkeuren/${props.token}`}>Terug naar mijn voorkeuren</a>.
      </p>
    </Message>
  );
}

/** EraseMailSentPage says the erase link is on its way. */
export function EraseMailSentPage(props: { email: string }) {
  return (
    <Message title="Kijk in uw mail">
      <p>
        Wij hebben een e-mail gestuurd naar <strong>{props.email}</strong> met de link die uw gegevens wist.
        De link werkt 24 uur. Tot u die gebruikt, verandert er niets.
      </p>
    </Message>
  );
}

/** EraseConfirmPage is where the mailed link lands: one more button, since only the POST acts. */
export function EraseConfirmPage(props: { token: string; email: string }) {
  return (
    <Message title="Uw gegevens wissen">
      <p>
        Wilt u alles wissen wat wij over <strong>{props.email}</strong> bewaren? Dit kan niet ongedaan worden
        gemaakt.
      </p>
      <form action={`/wissen/${props.token}`} method="post">
        <button type="submit">Ja, wis mijn gegevens</button>
      </form>
    </Message>
  );
}

/** EraseExpiredPage explains an erase link older than its 24 hours. */
export function EraseExpiredPage() {
  return (
    <Message title="Deze link is verlopen">
      <p>
        Er is niets gewist. Wilt u uw gegevens nog steeds laten wissen? Vraag dan een nieuwe link aan via de
        link "Voorkeuren wijzigen" onderaan een van onze e-mails.
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
