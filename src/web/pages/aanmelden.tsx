/** @jsxImportSource hono/jsx */
import { Layout, Message } from '../layout.js';

/** FormList is a list as the signup and preference forms offer it. */
export interface FormList {
  slug: string;
  name: string;
  description: string;
  requiresStadsdorp: boolean;
}

/** FormStadsdorp is a stadsdorp as the select shows it. */
export interface FormStadsdorp {
  slug: string;
  name: string;
  gebied: string;
}

/** SignupValues are the typed values, kept when the form comes back with errors. */
export interface SignupValues {
  email: string;
  name: string;
  lists: string[];
  stadsdorp: string;
  bron: string;
}

/** FieldError shows one field's error next to it; its id is what the field's aria-describedby names. */
export function FieldError(props: { id: string; message?: string }) {
  return props.message ? (
    <p class="fout" id={props.id}>
      {props.message}
    </p>
  ) : null;
}

/** NameField is the name input with its message, on the signup form and the preference page. */
export function NameField(props: { label: string; value: string; error?: string }) {
  return (
    <div class="veld">
      <label for="name">{props.label}</label>
      <input
        type="text"
        id="name"
        name="name"
        value={props.value}
        autocomplete="name"
        aria-describedby={props.error ? 'name-fout' : undefined}
      />
      <FieldError id="name-fout" message={props.error} />
    </div>
  );
}

/** StadsdorpSelect is the stadsdorp choice, grouped by gebied. */
export function StadsdorpSelect(props: {
  stadsdorpen: FormStadsdorp[];
  selected: string;
  error?: string;
  hint: string;
}) {
  const gebieden = [...new Set(props.stadsdorpen.map((s) => s.gebied))].sort();
  const describedBy = ['stadsdorp-hint', props.error ? 'stadsdorp-fout' : ''].filter(Boolean).join(' ');
  return (
    <div class="veld">
      <label for="stadsdorp">Stadsdorp</label>
      <select
        id="stadsdorp"
        name="stadsdorp"
        aria-describedby={describedBy}
        aria-invalid={props.error ? 'true' : undefined}
      >
        <option value="">Kies uw stadsdorp (als u bij een stadsdorp hoort)</option>
        {gebieden.map((g) => (
          <optgroup key={g} label={g}>
            {props.stadsdorpen
              .filter((s) => s.gebied === g)
              .map((s) => (
                <option key={s.slug} value={s.slug} selected={s.slug === props.selected}>
                  {s.name}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
      <p class="hint" id="stadsdorp-hint">
        {props.hint}
      </p>
      <FieldError id="stadsdorp-fout" message={props.error} />
    </div>
  );
}

/** ListChoices are the list checkboxes of a form. */
export function ListChoices(props: { lists: FormList[]; checked: string[]; error?: string; legend: string }) {
  return (
    <fieldset aria-describedby={props.error ? 'lists-fout' : undefined}>
      <legend>{props.legend}</legend>
      {props.lists.map((l) => (
        <div class="keuze" key={l.slug}>
          <input
            type="checkbox"
            id={`lijst-${l.slug}`}
            name="lists"
            value={l.slug}
            checked={props.checked.includes(l.slug)}
            aria-describedby={`lijst-${l.slug}-uitleg`}
          />
          <label for={`lijst-${l.slug}`}>
            <strong>{l.name}</strong>
            <span class="hint" id={`lijst-${l.slug}-uitleg`} style="display:block">
              {l.description}
            </span>
          </label>
        </div>
      ))}
      <FieldError id="lists-fout" message={props.error} />
    </fieldset>
  );
}

/** SignupPage is the signup form at /aanmelden; it works without JavaScript and can be posted to from any site. */
export function SignupPage(props: {
  lists: FormList[];
  stadsdorpen: FormStadsdorp[];
  values: SignupValues;
  errors: Record<string, string>;
}) {
  const { values, errors } = props;
  const hasErrors = Object.keys(errors).length > 0;
  const needsStadsdorp = props.lists.filter((l) => l.requiresStadsdorp).map((l) => l.name);
  return (
    <Layout title={hasErrors ? 'Aanmelden (controleer het formulier)' : 'Aanmelden'}>
      <h1>Aanmelden voor de Netwerk Nieuwsbrief</h1>
      <p>
        Blijf op de hoogte van het nieuws, de bijeenkomsten en de kennis van de stadsdorpen in en rond
        Amsterdam. Na het aanmelden krijgt u een e-mail om uw aanmelding te bevestigen.
      </p>
      {hasErrors ? (
        <div class="melding fout" role="alert">
          Het formulier is nog niet goed ingevuld. Kijk bij de velden hieronder wat er mist.
          {errors._ ? <p>{errors._}</p> : null}
        </div>
      ) : null}
      <form action="/aanmelden" method="post" novalidate>
        <input type="hidden" name="bron" value={values.bron} />
        <div class="veld">
          <label for="email">E-mailadres</label>
          <input
            type="email"
            id="email"
            name="email"
            value={values.email}
            autocomplete="email"
            required
            aria-invalid={errors.email ? 'true' : undefined}
            aria-describedby={errors.email ? 'email-fout' : undefined}
          />
          <FieldError id="email-fout" message={errors.email} />
        </div>
        <NameField label="Naam (niet verplicht)" value={values.name} error={errors.name} />
        <ListChoices
          lists={props.lists}
          checked={values.lists}
          error={errors.lists}
          legend="Waarvoor wilt u zich aanmelden?"
        />
        <StadsdorpSelect
          stadsdorpen={props.stadsdorpen}
          selected={values.stadsdorp}
          error={errors.stadsdorp}
          hint={
            needsStadsdorp.length
              ? `Verplicht voor ${needsStadsdorp.join(' en ')}; de CoCo keurt die aanmelding goed.`
              : 'Niet verplicht.'
          }
        />
        <button type="submit">Aanmelden</button>
      </form>
      <p class="hint apart">
        <a href="/beheer/inloggen">Inloggen voor vrijwilligers</a>
      </p>
    </Layout>
  );
}

/** CheckMailPage is shown after a signup, whatever the address: it reveals nothing about who is subscribed. */
export function CheckMailPage(props: { email: string }) {
  return (
    <Message title="Check uw mail">
      <p>
        Bedankt voor uw aanmelding. Als <strong>{props.email}</strong> nog bevestigd moet worden, ontvangt u
        binnen enkele minuten een e-mail met een bevestigingslink.
      </p>
      <p>
        Klik op de link in die e-mail om uw aanmelding af te ronden. Geen mail? Kijk ook in de map met
        ongewenste post.
      </p>
    </Message>
  );
}

/** TooManyPage answers a client that made too many signups this minute. */
export function TooManyPage() {
  return (
    <Message title="Even geduld">
      <p>
        Er zijn vanaf uw adres te veel aanmeldingen in korte tijd gedaan. Probeer het over een minuut opnieuw.
      </p>
    </Message>
  );
}
