/** @jsxImportSource hono/jsx */
// The CoCo's lists: who is on each, and adding and describing lists.
import type { ListCounts } from '../../../modules/overview/service.js';
import type { MailingList } from '../../../modules/subscribers/schema.js';
import { ErrorSummary, type Errors, Field, TextArea } from '../kit/field.js';
import { AdminLayout } from '../kit/layout.js';
import { dutchNumber, Flash, Table } from '../kit/parts.js';
import type { Frame } from './people.js';

/** ListValues are the list form as typed. */
export interface ListValues {
  name: string;
  slug: string;
  description: string;
  requiresApproval: boolean;
  requiresStadsdorp: boolean;
}

const LABELS = {
  name: 'Naam',
  slug: 'Korte naam',
  description: 'Beschrijving',
  requiresApproval: 'Goedkeuring',
  requiresStadsdorp: 'Stadsdorp',
};

function rulesOf(l: MailingList): string {
  const rules = [
    l.requiresApproval ? 'goedkeuring door de CoCo' : '',
    l.requiresStadsdorp ? 'stadsdorp verplicht' : '',
  ].filter(Boolean);
  return rules.length ? rules.join(', ') : 'open voor iedereen';
}

function Check(props: { name: string; label: string; hint: string; checked: boolean }) {
  return (
    <div style="display:flex;gap:.6rem;align-items:flex-start;margin:.4rem 0">
      <input
        type="checkbox"
        id={props.name}
        name={props.name}
        value="ja"
        checked={props.checked}
        aria-describedby={`${props.name}-hint`}
        style="width:1.35rem;height:1.35rem;margin-top:.2rem;flex:none"
      />
      <div>
        <label for={props.name} style="margin:0">
          {props.label}
        </label>
        <p class="hint" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      </div>
    </div>
  );
}

/** ListsPage is every list with its counts, and the form to add one. */
export function ListsPage(
  props: Frame & { lists: MailingList[]; counts: ListCounts[]; values: ListValues; errors: Errors },
) {
  const count = (slug: string, status: string) =>
    dutchNumber(props.counts.find((c) => c.list === slug)?.byStatus[status] ?? 0);
  return (
    <AdminLayout title="Lijsten" who={props.who} nav={props.nav} current="/beheer/lijsten">
      <h1>Lijsten</h1>
      <Flash message={props.flash} />
      <ErrorSummary errors={props.errors} labels={LABELS} />
      <Table
        caption="Alle lijsten met het aantal mensen per status"
        columns={[
          { label: 'Lijst' },
          { label: 'Beschrijving' },
          { label: 'Aanmelden vraagt' },
          { label: 'Bevestigd', numeric: true },
          { label: 'Wacht op goedkeuring', numeric: true },
          { label: 'Nog niet bevestigd', numeric: true },
          { label: 'Afgemeld', numeric: true },
        ]}
        rows={props.lists.map((l) => [
          <span key="naam">
            <a href={`/beheer/lijsten/${l.slug}`}>{l.name}</a>
            <br />
            <span class="klein">{l.slug}</span>
          </span>,
          l.description || '—',
          rulesOf(l),
          count(l.slug, 'confirmed'),
          count(l.slug, 'pending_approval'),
          count(l.slug, 'unconfirmed'),
          count(l.slug, 'unsubscribed'),
        ])}
      />
      <h2 id="toevoegen">Een lijst toevoegen</h2>
      <form method="post" action="/beheer/lijsten" novalidate>
        <Field
          name="name"
          label="Naam"
          hint="Zoals lezers hem zien, bijvoorbeeld Werkgroep Zorg."
          value={props.values.name}
          error={props.errors.name}
        />
        <Field
          name="slug"
          label="Korte naam"
          hint="Voor in links en bestanden: kleine letters, cijfers en streepjes, bijvoorbeeld werkgroep-zorg. Kan later niet meer veranderen."
          value={props.values.slug}
          error={props.errors.slug}
        />
        <TextArea
          name="description"
          label="Beschrijving"
          hint="Waarvoor de lijst is; de lezer ziet dit bij het aanmelden."
          value={props.values.description}
          error={props.errors.description}
        />
        <fieldset>
          <legend>Wat aanmelden vraagt</legend>
          <Check
            name="requiresApproval"
            label="De CoCo keurt elke aanmelding goed"
            hint="Zoals bij de besturenlijst: pas na goedkeuring krijgt iemand de mails."
            checked={props.values.requiresApproval}
          />
          <Check
            name="requiresStadsdorp"
            label="Wie zich aanmeldt kiest een stadsdorp"
            hint="Verplicht bij het aanmelden."
            checked={props.values.requiresStadsdorp}
          />
        </fieldset>
        <button type="submit">Lijst toevoegen</button>
      </form>
    </AdminLayout>
  );
}

/** ListEditPage changes a list's name and description. */
export function ListEditPage(
  props: Frame & { list: MailingList; values: { name: string; description: string }; errors: Errors },
) {
  const l = props.list;
  return (
    <AdminLayout title={`Lijst ${l.name}`} who={props.who} nav={props.nav} current="/beheer/lijsten">
      <p>
        <a href="/beheer/lijsten">← Terug naar de lijsten</a>
      </p>
      <h1>Lijst {l.name}</h1>
      <Flash message={props.flash} />
      <ErrorSummary errors={props.errors} labels={LABELS} />
      <p>
        Korte naam: <strong>{l.slug}</strong>. Aanmelden vraagt: {rulesOf(l)}. Die blijven zoals ze zijn.
      </p>
      <form method="post" action={`/beheer/lijsten/${l.slug}`} novalidate>
        <Field name="name" label="Naam" value={props.values.name} error={props.errors.name} />
        <TextArea
          name="description"
          label="Beschrijving"
          hint="Waarvoor de lijst is; de lezer ziet dit bij het aanmelden."
          value={props.values.description}
          error={props.errors.description}
        />
        <button type="submit">Lijst opslaan</button>
      </form>
    </AdminLayout>
  );
}
