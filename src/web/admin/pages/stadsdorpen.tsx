/** @jsxImportSource hono/jsx */
// The CoCo's stadsdorpen: all of them by gebied, each with its editors and board members.
import type { Account } from '../../../modules/accounts/schema.js';
import { Gebied, type Stadsdorp } from '../../../modules/stadsdorpen/schema.js';
import type { SubscriberItem } from '../../../modules/subscribers/schema.js';
import { ErrorSummary, type Errors, Field, SelectField } from '../kit/field.js';
import { AdminLayout } from '../kit/layout.js';
import { dutchDateTime, dutchNumber, Flash, Table } from '../kit/parts.js';
import type { Frame } from './people.js';

/** StadsdorpValues are the stadsdorp form as typed. */
export interface StadsdorpValues {
  name: string;
  gebied: string;
  website: string;
}

const LABELS = { name: 'Naam', gebied: 'Gebied', website: 'Website' };

function StadsdorpFields(props: { values: StadsdorpValues; errors: Errors }) {
  return (
    <>
      <Field
        name="name"
        label="Naam"
        value={props.values.name}
        error={props.errors.name}
        autocomplete="off"
      />
      <SelectField
        name="gebied"
        label="Gebied"
        hint="Het stadsdeel, of Regio Amsterdam voor een buurgemeente."
        value={props.values.gebied}
        error={props.errors.gebied}
        options={[
          { value: '', label: 'Kies een gebied' },
          ...Gebied.options.map((g) => ({ value: g, label: g })),
        ]}
      />
      <Field
        name="website"
        label="Website (niet verplicht)"
        hint="Het volledige adres, beginnend met https://."
        type="url"
        value={props.values.website}
        error={props.errors.website}
      />
    </>
  );
}

/** StadsdorpenPage lists every stadsdorp by gebied, with its editors and board members, and the form to add one. */
export function StadsdorpenPage(
  props: Frame & {
    stadsdorpen: Stadsdorp[];
    editors: Account[];
    boardCounts: Map<number, number>;
    values: StadsdorpValues;
    errors: Errors;
  },
) {
  const groups = Gebied.options
    .map((g) => ({ gebied: g, items: props.stadsdorpen.filter((s) => s.gebied === g) }))
    .filter((g) => g.items.length > 0);
  return (
    <AdminLayout title="Stadsdorpen" who={props.who} nav={props.nav} current="/beheer/stadsdorpen">
      <h1>Stadsdorpen ({dutchNumber(props.stadsdorpen.length)})</h1>
      <Flash message={props.flash} />
      <ErrorSummary errors={props.errors} labels={LABELS} />
      <p>
        Per gebied, met hun redacteuren en hun bestuursleden op de besturenlijst.{' '}
        <a href="#toevoegen">Een stadsdorp toevoegen</a>
      </p>
      {groups.map((g) => (
        <section key={g.gebied} aria-labelledby={`gebied-${g.gebied}`}>
          <h2 id={`gebied-${g.gebied}`}>
            {g.gebied} ({g.items.length})
          </h2>
          <Table
            caption={`Stadsdorpen in ${g.gebied}`}
            columns={[
              { label: 'Stadsdorp' },
              { label: 'Website' },
              { label: 'Redacteuren' },
              { label: 'Bestuursleden', numeric: true },
            ]}
            rows={g.items.map((s) => {
              const editors = props.editors.filter((a) => a.stadsdorpId === s.id);
              return [
                <a key="naam" href={`/beheer/stadsdorpen/${s.slug}`}>
                  {s.name}
                  {s.isExample ? ' (voorbeeld)' : ''}
                </a>,
                s.website ? (
                  <a key="web" href={s.website}>
                    {s.website.replace(/^https?:\/\//, '')}
                  </a>
                ) : (
                  '—'
                ),
                editors.length ? editors.map((a) => a.name).join(', ') : '—',
                dutchNumber(props.boardCounts.get(s.id) ?? 0),
              ];
            })}
          />
        </section>
      ))}
      <h2 id="toevoegen">Een stadsdorp toevoegen</h2>
      <form method="post" action="/beheer/stadsdorpen" novalidate>
        <StadsdorpFields values={props.values} errors={props.errors} />
        <button type="submit">Stadsdorp toevoegen</button>
      </form>
    </AdminLayout>
  );
}

const STATUS: Record<string, string> = {
  confirmed: 'Bevestigd',
  pending_approval: 'Wacht op goedkeuring',
};

/** StadsdorpPage is one stadsdorp: its details to change, its editors and its board members. */
export function StadsdorpPage(
  props: Frame & {
    stadsdorp: Stadsdorp;
    editors: Account[];
    board: SubscriberItem[];
    values: StadsdorpValues;
    errors: Errors;
  },
) {
  const s = props.stadsdorp;
  const statusOf = (p: SubscriberItem) =>
    STATUS[p.subscriptions.find((x) => x.list === 'besturen')?.status ?? ''] ?? '—';
  return (
    <AdminLayout title={s.name} who={props.who} nav={props.nav} current="/beheer/stadsdorpen">
      <p>
        <a href="/beheer/stadsdorpen">← Alle stadsdorpen</a>
      </p>
      <h1>{s.name}</h1>
      <Flash message={props.flash} />
      <ErrorSummary errors={props.errors} labels={LABELS} />
      <p>
        Korte naam in links en QR-codes: <strong>{s.slug}</strong>.{' '}
        <a href={`/beheer/stadsdorpen/${s.slug}/profiel`}>Profiel en logo voor de posters</a>
      </p>
      <p>
        <a class="knop" href={`/beheer/stadsdorpen/${s.slug}/posters`}>
          Posters en handouts van {s.name}
        </a>
      </p>
      <h2 id="redacteuren">Redacteuren ({props.editors.length})</h2>
      <Table
        caption={`Wie voor ${s.name} in beheer werkt`}
        columns={[{ label: 'Naam' }, { label: 'E-mailadres' }, { label: 'Laatst ingelogd' }]}
        rows={props.editors.map((a) => [
          a.name,
          a.email,
          a.disabledAt
            ? 'Uitgeschakeld'
            : a.lastLoginAt
              ? dutchDateTime(a.lastLoginAt)
              : 'Nog nooit (uitgenodigd)',
        ])}
        empty="Dit stadsdorp heeft nog geen redacteur."
      />
      <p>
        <a href="/beheer/accounts">Een redacteur uitnodigen</a>
      </p>
      <h2 id="bestuur">Bestuursleden op de besturenlijst ({props.board.length})</h2>
      <Table
        caption={`Bestuursleden van ${s.name}`}
        columns={[{ label: 'Naam' }, { label: 'E-mailadres' }, { label: 'Status' }]}
        rows={props.board.map((p) => [p.name ?? '—', p.email, statusOf(p)])}
        empty="Nog geen bestuurslid op de besturenlijst."
      />
      <h2 id="wijzigen">Gegevens wijzigen</h2>
      <form method="post" action={`/beheer/stadsdorpen/${s.slug}`} novalidate>
        <StadsdorpFields values={props.values} errors={props.errors} />
        <button type="submit">Gegevens opslaan</button>
      </form>
    </AdminLayout>
  );
}
