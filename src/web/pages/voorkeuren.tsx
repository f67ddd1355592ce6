/** @jsxImportSource hono/jsx */
import { Layout } from '../layout.js';
import { type FormList, type FormStadsdorp, ListChoices, NameField, StadsdorpSelect } from './aanmelden.js';

/** PREFERENCES_MARKER is the hidden field that tells a post of this form from any other post to its address. */
export const PREFERENCES_MARKER = { name: 'formulier', value: 'voorkeuren' } as const;

/** PreferencesValues are the form's values: stored ones, or the typed ones after an error. */
export interface PreferencesValues {
  name: string;
  lists: string[];
  stadsdorp: string;
}

/** PreferencesPage lets a person change name, lists and stadsdorp, and download their data. */
export function PreferencesPage(props: {
  token: string;
  email: string;
  lists: (FormList & { status: string | null })[];
  stadsdorpen: FormStadsdorp[];
  values: PreferencesValues;
  errors: Record<string, string>;
  saved: boolean;
}) {
  const { values, errors } = props;
  const pending = props.lists.filter((l) => l.status === 'pending_approval').map((l) => l.name);
  return (
    <Layout title="Uw voorkeuren">
      <h1>Uw voorkeuren</h1>
      <p>
        Voor <strong>{props.email}</strong>.
      </p>
      {props.saved ? (
        <div class="melding" role="status">
          Uw voorkeuren zijn opgeslagen.
        </div>
      ) : null}
      {Object.keys(errors).length > 0 ? (
        <div class="melding fout" role="alert">
          {errors._ ?? 'Uw voorkeuren zijn nog niet opgeslagen. Kijk bij de velden hieronder wat er mist.'}
        </div>
      ) : null}
      {pending.length > 0 ? (
        <p class="hint">Wacht op goedkeuring door de CoCo: {pending.join(', ')}.</p>
      ) : null}
      <form action={`/voorkeuren/${props.token}`} method="post">
        {/* Only this form sends the marker: a post without it (empty, or from elsewhere) changes nothing. */}
        <input type="hidden" name={PREFERENCES_MARKER.name} value={PREFERENCES_MARKER.value} />
        <NameField label="Naam" value={values.name} error={errors.name} />
        <ListChoices
          lists={props.lists}
          checked={values.lists}
          error={errors.lists}
          legend="Ik ontvang graag"
        />
        <StadsdorpSelect
          stadsdorpen={props.stadsdorpen}
          selected={values.stadsdorp}
          error={errors.stadsdorp}
          hint="Verplicht als u bestuurslid bent en de besturenlijst wilt ontvangen."
        />
        <button type="submit">Opslaan</button>
      </form>
      <h2>Uw gegevens</h2>
      <p>
        <a href={`/voorkeuren/${props.token}/gegevens`}>Download alles wat wij over u bewaren</a> (een
        JSON-bestand, met de geschiedenis van uw aan- en afmeldingen).
      </p>
      <p>
        <a href={`/voorkeuren/${props.token}/wissen`}>Wis al mijn gegevens</a>: u ontvangt dan niets meer van
        ons en wij bewaren uw adres en naam niet meer.
      </p>
    </Layout>
  );
}
