/** @jsxImportSource hono/jsx */
import type { LinkState } from '../../../modules/accounts/service.js';
import { ErrorSummary, type Errors, Field } from '../kit/field.js';
import { AdminLayout } from '../kit/layout.js';

/** LoginPage asks for the address to mail a login link to. */
export function LoginPage(props: { email: string; next: string | null; errors: Errors; message?: string }) {
  return (
    <AdminLayout title="Inloggen">
      <h1>Inloggen bij beheer</h1>
      <ErrorSummary errors={props.errors} labels={{ email: 'E-mailadres' }} />
      {props.message ? <div class="melding">{props.message}</div> : null}
      <p>
        Vul uw e-mailadres in. U krijgt een mail met een link waarmee u inlogt; u heeft geen wachtwoord nodig.
      </p>
      <form method="post" action="/beheer/inloggen" novalidate>
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <Field
          name="email"
          type="email"
          label="E-mailadres"
          hint="Het adres waarmee de CoCo u heeft uitgenodigd."
          autocomplete="email"
          value={props.email}
          error={props.errors.email}
        />
        <button type="submit">Stuur mij een inloglink</button>
      </form>
    </AdminLayout>
  );
}

/** LoginSentPage is the one answer to every login request, known address or not. */
export function LoginSentPage(props: { minutes: number }) {
  return (
    <AdminLayout title="Kijk in uw mail">
      <h1>Kijk in uw mail</h1>
      <p>
        Als dit adres een account heeft, krijgt u binnen een minuut een mail met een link om in te loggen. De
        link werkt {props.minutes} minuten en maar één keer.
      </p>
      <p>
        Geen mail gekregen? Kijk ook bij ongewenste mail, of{' '}
        <a href="/beheer/inloggen">vraag een nieuwe link aan</a>.
      </p>
    </AdminLayout>
  );
}

/** LinkPage shows a button behind a mailed link: opening the link alone logs nobody in. */
export function LinkPage(props: { token: string; state: LinkState }) {
  const s = props.state;
  if (s.status !== 'valid') {
    const why =
      s.status === 'used'
        ? 'Deze link is al gebruikt. Een link werkt maar één keer.'
        : s.status === 'expired'
          ? 'Deze link is verlopen.'
          : 'Deze link klopt niet of werkt niet meer.';
    return (
      <AdminLayout title="Link werkt niet">
        <h1>Deze link werkt niet</h1>
        <p>{why}</p>
        <p>
          <a class="knop" href="/beheer/inloggen">
            Vraag een nieuwe inloglink aan
          </a>
        </p>
      </AdminLayout>
    );
  }
  const invite = s.purpose === 'invite';
  return (
    <AdminLayout title={invite ? 'Account openen' : 'Inloggen'}>
      <h1>{invite ? 'Welkom bij beheer' : 'Inloggen bij beheer'}</h1>
      <p>
        {s.account ? `U logt in als ${s.account.name} (${s.account.email}).` : null} Druk op de knop om verder
        te gaan.
      </p>
      <form method="post" action={`/beheer/link/${props.token}`}>
        <button type="submit">{invite ? 'Account openen en inloggen' : 'Inloggen'}</button>
      </form>
    </AdminLayout>
  );
}

/** FirstAccountPage makes the very first CoCo account, from the link printed at start-up. */
export function FirstAccountPage(props: {
  token: string;
  values: { name: string; email: string };
  errors: Errors;
}) {
  return (
    <AdminLayout title="Eerste account">
      <h1>Het eerste CoCo-account maken</h1>
      <ErrorSummary errors={props.errors} labels={{ name: 'Naam', email: 'E-mailadres' }} />
      <p>
        Er is nog geen account. Met dit formulier maakt u het eerste account van de CoCo; daarna nodigt u
        vanuit beheer de anderen uit.
      </p>
      <form method="post" action={`/beheer/link/${props.token}`} novalidate>
        <FirstAccountFields values={props.values} errors={props.errors} />
        <button type="submit">Account maken en inloggen</button>
      </form>
    </AdminLayout>
  );
}

/** ErrorPage is a short Dutch page for a refused or failed request. */
export function ErrorPage(props: { title: string; text: string; loggedIn?: boolean }) {
  return (
    <AdminLayout title={props.title}>
      <h1>{props.title}</h1>
      <p>{props.text}</p>
      <p>
        <a href={props.loggedIn === false ? '/beheer/inloggen' : '/beheer'}>
          {props.loggedIn === false ? 'Naar inloggen' : 'Naar de startpagina van beheer'}
        </a>
      </p>
    </AdminLayout>
  );
}

/**
 * SetupPage makes the first CoCo account with the setup secret (SETUP_SECRET), for a server
 * without a terminal; once a CoCo account is active, or without the secret, it only says so.
 */
export function SetupPage(props: {
  state: 'off' | 'done' | 'open';
  values: { name: string; email: string };
  errors: Errors;
}) {
  if (props.state !== 'open') {
    return (
      <AdminLayout title="Eerste account">
        <h1>Het eerste CoCo-account maken</h1>
        <p>
          {props.state === 'done'
            ? 'Er is al een CoCo-account. Deze pagina doet niets meer: log in, of vraag een CoCo-lid om een uitnodiging. Verwijder nu ook de instelcode (SETUP_SECRET).'
            : 'Deze pagina staat uit: er is geen instelcode (SETUP_SECRET) ingesteld.'}
        </p>
        <p>
          <a class="knop" href="/beheer/inloggen">
            Naar inloggen
          </a>
        </p>
      </AdminLayout>
    );
  }
  return (
    <AdminLayout title="Eerste account">
      <h1>Het eerste CoCo-account maken</h1>
      <ErrorSummary
        errors={props.errors}
        labels={{ secret: 'Instelcode', name: 'Naam', email: 'E-mailadres' }}
      />
      <p>
        Er is nog geen CoCo-account. Met de instelcode die bij de installatie is gekozen (SETUP_SECRET) maakt
        u het eerste account van de CoCo en logt u meteen in; daarna nodigt u vanuit beheer de anderen uit.
      </p>
      <form method="post" action="/beheer/eerste-account" novalidate>
        <Field
          name="secret"
          type="password"
          label="Instelcode"
          hint="De waarde van SETUP_SECRET, precies zoals die is ingesteld."
          autocomplete="off"
          value=""
          error={props.errors.secret}
        />
        <FirstAccountFields values={props.values} errors={props.errors} />
        <button type="submit">Account maken en inloggen</button>
      </form>
    </AdminLayout>
  );
}

/** FirstAccountFields asks the first CoCo account's name and address (by link or by setup secret). */
function FirstAccountFields(props: { values: { name: string; email: string }; errors: Errors }) {
  return (
    <>
      <Field
        name="name"
        label="Naam"
        autocomplete="name"
        value={props.values.name}
        error={props.errors.name}
      />
      <Field
        name="email"
        type="email"
        label="E-mailadres"
        hint="Hiermee logt u voortaan in."
        autocomplete="email"
        value={props.values.email}
        error={props.errors.email}
      />
    </>
  );
}
