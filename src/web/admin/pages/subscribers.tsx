/** @jsxImportSource hono/jsx */
// The CoCo's pages about subscribers: the table with search and filters, one person's page
// with its actions, adding a person by hand, and the erase confirm step.
import { raw } from 'hono/html';
import type { ReceivedMail } from '../../../modules/delivery/counts-repo.js';
import type { SubscriberDetail } from '../../../modules/subscribers/admin.js';
import type {
  ConsentEntry,
  MailingList,
  SubscriberItem,
  SubscriptionStatus,
} from '../../../modules/subscribers/schema.js';
import { ErrorSummary, type Errors, Field, SelectField, TextArea } from '../kit/field.js';
import { AdminLayout } from '../kit/layout.js';
import { dutchDateTime, dutchNumber, Flash, Table } from '../kit/parts.js';
import type { Frame } from './people.js';

/** StadsdorpOption is a stadsdorp as a choice in a form. */
export interface StadsdorpOption {
  slug: string;
  name: string;
}

/** STATUS_LABEL names each subscription status as the pages say it. */
export const STATUS_LABEL: Record<SubscriptionStatus, string> = {
  unconfirmed: 'Nog niet bevestigd',
  pending_approval: 'Wacht op goedkeuring',
  confirmed: 'Bevestigd',
  unsubscribed: 'Afgemeld',
  bounced: 'Onbestelbaar (bounce)',
  complained: 'Klacht (als spam gemarkeerd)',
};

const SOURCE_LABEL: Record<string, string> = {
  formulier: 'Aanmeldformulier of API',
  bron: 'Poster of link met bron',
  import: 'Import (CSV)',
  beheer: 'Toegevoegd in beheer',
};

const CONSENT_ACTION: Record<string, string> = {
  signup: 'Aangemeld',
  confirm: 'Bevestigd',
  approve: 'Goedgekeurd',
  reject: 'Afgewezen',
  unsubscribe: 'Afgemeld',
  import: 'Geïmporteerd',
  admin_edit: 'Gewijzigd in beheer',
  erase: 'Gewist',
  bounce: 'Onbestelbaar',
  complaint: 'Klacht',
};

const DELIVERY_STATUS: Record<string, string> = {
  queued: 'In de wachtrij',
  skipped: 'Overgeslagen',
  sent: 'Verstuurd',
  delivered: 'Afgeleverd',
  bounced: 'Onbestelbaar',
  complained: 'Klacht',
  failed: 'Mislukt',
  cancelled: 'Geannuleerd',
};

/** sourceLabel writes a consent log source as a volunteer reads it. */
function sourceLabel(source: string): string {
  const [kind, rest = ''] = [source.slice(0, source.indexOf(':')), source.slice(source.indexOf(':') + 1)];
  switch (kind) {
    case 'form':
      return rest.startsWith('aanmelden')
        ? 'Aanmeldformulier'
        : rest.startsWith('voorkeuren')
          ? 'Voorkeurenpagina'
          : 'Wisformulier';
    case 'api':
      return 'API';
    case 'link':
      return rest.startsWith('bevestigen') ? 'Bevestigingslink' : 'Afmeldlink';
    case 'one-click':
      return 'Afmelden in het mailprogramma';
    case 'import':
      return `Import ${rest}`;
    case 'user':
      return `${rest} (beheer)`;
    case 'webhook':
      return 'Mailprovider';
    default:
      return source;
  }
}

// Small additions to the kit's styles for these pages: the filter form in columns, boxes in a row.
const css = `
.filters { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: 0 1rem; align-items: end; }
.filters .veld { margin-bottom: .75rem; }
.filters .veld:first-child { grid-column: 1 / -1; max-width: 36rem; }
.filters .knoppen { margin-bottom: .75rem; }
.vakjes label { font-weight: 400; display: flex; gap: .5rem; align-items: center; margin: .3rem 0; }
.vakjes input { width: 1.25rem; height: 1.25rem; }
dl.gegevens { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0 0 1.5rem; }
dl.gegevens dt { font-weight: 600; }
dl.gegevens dd { margin: 0; overflow-wrap: anywhere; }
@media (max-width: 40rem) { dl.gegevens { grid-template-columns: 1fr; } dl.gegevens dd { margin-bottom: .4rem; } }
`;
const Styles = () => <style>{raw(css)}</style>;

/** TableFilters are the table page's search and filters as typed (query parameters). */
export interface TableFilters {
  zoek: string;
  lijst: string;
  status: string;
  stadsdorp: string;
  bron: string;
}

/** filterQuery writes filters (and a cursor) back as the page's query string. */
export function filterQuery(f: TableFilters, after?: number | null): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  if (after) q.set('na', String(after));
  const s = q.toString();
  return s ? `?${s}` : '';
}

function statusCell(item: SubscriberItem, lists: MailingList[]): string {
  if (item.subscriptions.length === 0) return 'Geen lijst';
  return item.subscriptions
    .map(
      (s) =>
        `${lists.find((l) => l.slug === s.list)?.name ?? s.list}: ${STATUS_LABEL[s.status].toLowerCase()}`,
    )
    .join('; ');
}

function captionOf(f: TableFilters, lists: MailingList[], stadsdorpen: StadsdorpOption[]): string {
  const parts: string[] = [];
  if (f.lijst) parts.push(`op ${lists.find((l) => l.slug === f.lijst)?.name ?? f.lijst}`);
  if (f.status)
    parts.push(`status ${STATUS_LABEL[f.status as SubscriptionStatus]?.toLowerCase() ?? f.status}`);
  if (f.stadsdorp) parts.push(`uit ${stadsdorpen.find((s) => s.slug === f.stadsdorp)?.name ?? f.stadsdorp}`);
  if (f.bron) parts.push(`bron: ${SOURCE_LABEL[f.bron]?.toLowerCase() ?? f.bron}`);
  if (f.zoek) parts.push(`met “${f.zoek}” in naam of adres`);
  return `Abonnees${parts.length ? ` ${parts.join(', ')}` : ''}, oudste aanmelding eerst`;
}

/** SubscribersPage is the table of subscribers with search, filters and keyset pages. */
export function SubscribersPage(
  props: Frame & {
    filters: TableFilters;
    errors: Errors;
    items: SubscriberItem[];
    nextAfter: number | null;
    paged: boolean;
    lists: MailingList[];
    stadsdorpen: StadsdorpOption[];
  },
) {
  const f = props.filters;
  return (
    <AdminLayout title="Abonnees" who={props.who} nav={props.nav} current="/beheer/abonnees">
      <Styles />
      <h1>Abonnees</h1>
      <Flash message={props.flash} />
      <ErrorSummary errors={props.errors} />
      <p>
        <a class="knop secundair" href="/beheer/abonnees/nieuw">
          Iemand toevoegen
        </a>
      </p>
      <search aria-label="Abonnees zoeken">
        <form method="get" action="/beheer/abonnees">
          <div class="filters">
            <Field
              name="zoek"
              label="Zoek op naam of e-mailadres"
              value={f.zoek}
              error={props.errors.zoek}
              autocomplete="off"
            />
            <SelectField
              name="lijst"
              label="Lijst"
              value={f.lijst}
              error={props.errors.lijst}
              options={[
                { value: '', label: 'Alle lijsten' },
                ...props.lists.map((l) => ({ value: l.slug, label: l.name })),
              ]}
            />
            <SelectField
              name="status"
              label="Status"
              value={f.status}
              error={props.errors.status}
              options={[
                { value: '', label: 'Elke status' },
                ...Object.entries(STATUS_LABEL).map(([value, label]) => ({ value, label })),
              ]}
            />
            <SelectField
              name="stadsdorp"
              label="Stadsdorp"
              value={f.stadsdorp}
              error={props.errors.stadsdorp}
              options={[
                { value: '', label: 'Alle stadsdorpen' },
                ...props.stadsdorpen.map((s) => ({ value: s.slug, label: s.name })),
              ]}
            />
            <SelectField
              name="bron"
              label="Bron"
              value={f.bron}
              error={props.errors.bron}
              options={[
                { value: '', label: 'Elke bron' },
                ...Object.entries(SOURCE_LABEL).map(([value, label]) => ({ value, label })),
              ]}
            />
            <div class="knoppen">
              <button type="submit">Zoeken</button>
              <a href="/beheer/abonnees">Alles tonen</a>
            </div>
          </div>
        </form>
      </search>
      <Table
        caption={captionOf(f, props.lists, props.stadsdorpen)}
        columns={[
          { label: 'Naam' },
          { label: 'E-mailadres' },
          { label: 'Stadsdorp' },
          { label: 'Lijsten' },
          { label: 'Aangemeld' },
        ]}
        empty="Niemand gevonden met deze zoekopdracht."
        rows={props.items.map((s) => [
          <a key="naam" href={`/beheer/abonnees/${s.id}`}>
            {s.name ?? '(geen naam)'}
            <span class="verborgen"> {s.email}</span>
          </a>,
          s.email,
          s.stadsdorp?.name ?? '—',
          `${statusCell(s, props.lists)}${s.suppressed ? ' (geblokkeerd)' : ''}`,
          dutchDateTime(s.createdAt),
        ])}
      />
      {props.paged || props.nextAfter ? (
        <nav class="paginas" aria-label="Pagina's">
          {props.paged ? <a href={`/beheer/abonnees${filterQuery(f)}`}>Naar het begin</a> : null}
          {props.nextAfter ? (
            <a href={`/beheer/abonnees${filterQuery(f, props.nextAfter)}`}>Volgende {props.items.length}</a>
          ) : null}
        </nav>
      ) : null}
    </AdminLayout>
  );
}

/** EditValues is the detail page's form as typed: name, stadsdorp and a status per list slug. */
export interface EditValues {
  name: string;
  stadsdorp: string;
  statuses: Record<string, string>;
}

/** editValuesOf is the form as a person is now. */
export function editValuesOf(d: SubscriberDetail): EditValues {
  return {
    name: d.item.name ?? '',
    stadsdorp: d.item.stadsdorp?.slug ?? '',
    statuses: Object.fromEntries(d.subscriptions.map((s) => [s.list, s.status])),
  };
}

const HAND_SET: SubscriptionStatus[] = ['unconfirmed', 'pending_approval', 'confirmed', 'unsubscribed'];

function statusOptions(current: string | undefined) {
  const options = current ? [] : [{ value: '', label: 'Niet op deze lijst' }];
  if (current === 'bounced' || current === 'complained')
    options.push({ value: current, label: `${STATUS_LABEL[current]} (blijft zo)` });
  return [...options, ...HAND_SET.map((s) => ({ value: s, label: STATUS_LABEL[s] }))];
}

function ConsentTable(props: { log: ConsentEntry[]; lists: MailingList[] }) {
  return (
    <Table
      caption="Elke wijziging van toestemming, oudste eerst"
      columns={[
        { label: 'Wanneer' },
        { label: 'Lijst' },
        { label: 'Wat' },
        { label: 'Via' },
        { label: 'Toelichting' },
      ]}
      rows={props.log.map((e) => [
        dutchDateTime(e.createdAt),
        e.list ? (props.lists.find((l) => l.slug === e.list)?.name ?? e.list) : '—',
        CONSENT_ACTION[e.action] ?? e.action,
        sourceLabel(e.source),
        e.detail ?? '—',
      ])}
    />
  );
}

/** DetailPage is one person: who, lists and statuses, consent history, mails received, and the actions. */
export function DetailPage(
  props: Frame & {
    detail: SubscriberDetail;
    mails: ReceivedMail[];
    lists: MailingList[];
    stadsdorpen: StadsdorpOption[];
    values: EditValues;
    errors: Errors;
    /** The version and values the form was opened with; what another person changed is told against them. */
    version: string;
    was: EditValues;
    changed?: string[];
    blockError?: string;
    blockReason?: string;
  },
) {
  const d = props.detail;
  const item = d.item;
  const base = `/beheer/abonnees/${item.id}`;
  const title = item.name ?? item.email;
  const pending = d.subscriptions.filter((s) => s.status === 'pending_approval');
  const active = d.subscriptions.filter((s) =>
    ['unconfirmed', 'pending_approval', 'confirmed'].includes(s.status),
  );
  const labels: Record<string, string> = { name: 'Naam', stadsdorp: 'Stadsdorp', lijsten: 'Lijsten' };
  return (
    <AdminLayout title={title} who={props.who} nav={props.nav} current="/beheer/abonnees">
      <Styles />
      <p>
        <a href="/beheer/abonnees">Terug naar alle abonnees</a>
      </p>
      <h1>{title}</h1>
      <Flash message={props.flash} />
      {props.changed ? (
        <div class="melding fout" role="alert">
          <p>
            <strong>Iemand anders heeft deze persoon gewijzigd terwijl u het formulier invulde.</strong> Uw
            wijzigingen zijn niet opgeslagen. Hieronder staat hoe het nu is; kijk het na en sla opnieuw op.
          </p>
          {props.changed.length > 0 ? (
            <ul>
              {props.changed.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : (
        <ErrorSummary errors={props.errors} labels={labels} />
      )}
      <dl class="gegevens">
        <dt>E-mailadres</dt>
        <dd>{item.email}</dd>
        <dt>Naam</dt>
        <dd>{item.name ?? '—'}</dd>
        <dt>Stadsdorp</dt>
        <dd>{item.stadsdorp?.name ?? '—'}</dd>
        <dt>In de lijst sinds</dt>
        <dd>{dutchDateTime(item.createdAt)}</dd>
        <dt>Blokkade</dt>
        <dd>
          {d.suppressedAt
            ? `Geblokkeerd sinds ${dutchDateTime(d.suppressedAt)}${d.suppressionReason ? ` (${d.suppressionReason})` : ''}: er gaat geen mail meer naar dit adres.`
            : 'Geen'}
        </dd>
      </dl>

      {pending.length > 0 ? (
        <section aria-labelledby="aanvraag">
          <h2 id="aanvraag">Aanvraag voor {pending.map((p) => p.listName).join(' en ')}</h2>
          <p>Controleer of deze persoon in het bestuur van {item.stadsdorp?.name ?? 'een stadsdorp'} zit.</p>
          <div class="knoppen">
            <form method="post" action={`${base}/goedkeuren`}>
              <button type="submit">Aanvraag goedkeuren</button>
            </form>
            <form method="post" action={`${base}/afwijzen`}>
              <button type="submit" class="secundair">
                Aanvraag afwijzen
              </button>
            </form>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="lijsten-kop">
        <h2 id="lijsten-kop">Lijsten</h2>
        <Table
          caption="Waar deze persoon op staat"
          columns={[{ label: 'Lijst' }, { label: 'Status' }, { label: 'Sinds' }]}
          empty="Deze persoon staat op geen enkele lijst."
          rows={d.subscriptions.map((s) => [s.listName, STATUS_LABEL[s.status], dutchDateTime(s.updatedAt)])}
        />
      </section>

      <section aria-labelledby="wijzigen">
        <h2 id="wijzigen">Gegevens en lijsten wijzigen</h2>
        <form method="post" action={base} novalidate>
          <input type="hidden" name="versie" value={props.version} />
          <input type="hidden" name="was.name" value={props.was.name} />
          <input type="hidden" name="was.stadsdorp" value={props.was.stadsdorp} />
          {props.lists.map((l) => (
            <input
              key={l.slug}
              type="hidden"
              name={`was.lijst.${l.slug}`}
              value={props.was.statuses[l.slug] ?? ''}
            />
          ))}
          <Field
            name="name"
            label="Naam"
            value={props.values.name}
            error={props.errors.name}
            autocomplete="off"
          />
          <SelectField
            name="stadsdorp"
            label="Stadsdorp"
            hint="Nodig voor de besturenlijst."
            value={props.values.stadsdorp}
            error={props.errors.stadsdorp}
            options={[
              { value: '', label: 'Geen stadsdorp' },
              ...props.stadsdorpen.map((s) => ({ value: s.slug, label: s.name })),
            ]}
          />
          <fieldset id="lijsten" aria-describedby={props.errors.lijsten ? 'lijsten-fout' : undefined}>
            <legend>Status per lijst</legend>
            {props.errors.lijsten ? (
              <p class="fout" id="lijsten-fout">
                {props.errors.lijsten}
              </p>
            ) : null}
            {props.lists.map((l) => (
              <SelectField
                key={l.slug}
                name={`lijst-${l.slug}`}
                label={l.name}
                value={props.values.statuses[l.slug] ?? ''}
                options={statusOptions(d.subscriptions.find((s) => s.list === l.slug)?.status)}
              />
            ))}
          </fieldset>
          <button type="submit">Wijzigingen opslaan</button>
        </form>
      </section>

      <section aria-labelledby="toestemming">
        <h2 id="toestemming">Toestemmingsgeschiedenis</h2>
        <ConsentTable log={d.consentLog} lists={props.lists} />
      </section>

      <section aria-labelledby="mails">
        <h2 id="mails">Ontvangen mails</h2>
        <Table
          caption="Nieuwsbrieven en Netwerkmails aan deze persoon, nieuwste eerst"
          columns={[{ label: 'Onderwerp' }, { label: 'Soort' }, { label: 'Status' }, { label: 'Verstuurd' }]}
          empty="Deze persoon heeft nog geen nieuwsbrief of Netwerkmail gekregen."
          rows={props.mails.map((m) => [
            m.subject,
            m.kind === 'netwerkmail' ? 'Netwerkmail' : 'Nieuwsbrief',
            `${DELIVERY_STATUS[m.status] ?? m.status}${m.error ? ` (${m.error})` : ''}`,
            dutchDateTime(m.sentAt),
          ])}
        />
      </section>

      <section aria-labelledby="acties">
        <h2 id="acties">Acties</h2>
        <h3>Afmelden</h3>
        {active.length > 0 ? (
          <form method="post" action={`${base}/afmelden`}>
            <p>
              Meldt deze persoon af voor {active.map((s) => s.listName).join(' en ')}. De toestemming blijft
              in de geschiedenis.
            </p>
            <button type="submit" class="secundair">
              Afmelden voor alle lijsten
            </button>
          </form>
        ) : (
          <p>Deze persoon staat op geen enkele lijst.</p>
        )}
        <h3>Blokkade</h3>
        {d.suppressedAt ? (
          <form method="post" action={`${base}/deblokkeren`}>
            <p>
              Hef de blokkade alleen op als de persoon daar zelf om vraagt of het adres weer werkt. Lijsten
              met een bounce of klacht blijven zo tot u ze hierboven wijzigt.
            </p>
            <button type="submit" class="secundair">
              Blokkade opheffen
            </button>
          </form>
        ) : (
          <form method="post" action={`${base}/blokkeren`} novalidate>
            <Field
              name="reden"
              label="Reden van de blokkade"
              hint="Bijvoorbeeld: adres bestaat niet meer, of de persoon wil nooit meer mail."
              value={props.blockReason ?? ''}
              error={props.blockError}
              autocomplete="off"
            />
            <button type="submit" class="secundair">
              Adres blokkeren voor alle mail
            </button>
          </form>
        )}
        <h3>Gegevens</h3>
        <div class="knoppen">
          <a class="knop secundair" href={`${base}/gegevens`} download={`abonnee-${item.id}.json`}>
            Gegevens downloaden (AVG)
          </a>
          <a class="knop secundair" href={`${base}/wissen`}>
            Persoon wissen…
          </a>
        </div>
      </section>
    </AdminLayout>
  );
}

/** EraseConfirmPage names what an erase loses and asks to type the address. */
export function EraseConfirmPage(
  props: Frame & { detail: SubscriberDetail; mails: number; typed: string; error?: string },
) {
  const d = props.detail;
  const item = d.item;
  const base = `/beheer/abonnees/${item.id}`;
  return (
    <AdminLayout title="Persoon wissen" who={props.who} nav={props.nav} current="/beheer/abonnees">
      <h1>{item.name ?? item.email} voorgoed wissen?</h1>
      <ErrorSummary
        errors={props.error ? { bevestiging: props.error } : {}}
        labels={{ bevestiging: 'E-mailadres' }}
      />
      <div class="melding fout">
        <p>Dit kunt u niet terugdraaien. Weg zijn dan:</p>
        <ul>
          <li>het e-mailadres {item.email}</li>
          <li>
            de naam{item.name ? ` (${item.name})` : ''} en het stadsdorp
            {item.stadsdorp ? ` (${item.stadsdorp.name})` : ''}
          </li>
          <li>
            {d.subscriptions.length === 1
              ? 'de inschrijving op 1 lijst'
              : `de inschrijvingen op ${dutchNumber(d.subscriptions.length)} lijsten`}
            {d.subscriptions.length ? ` (${d.subscriptions.map((s) => s.listName).join(', ')})` : ''}
          </li>
          <li>
            de {dutchNumber(d.consentLog.length)} regels toestemmingsgeschiedenis: daar blijft alleen een
            onleesbare code (een gezouten hash) over, waarmee we kunnen aantonen wanneer dit adres toestemming
            gaf
          </li>
          <li>het adres bij {dutchNumber(props.mails)} ontvangen mails, en mails die nog wachten</li>
        </ul>
        <p>Download eerst de gegevens als de persoon die wil hebben.</p>
      </div>
      <form method="post" action={`${base}/wissen`} novalidate>
        <Field
          name="bevestiging"
          type="email"
          label="Typ het e-mailadres van deze persoon om te bevestigen"
          hint={`Typ: ${item.email}`}
          value={props.typed}
          error={props.error}
          autocomplete="off"
        />
        <div class="knoppen">
          <button type="submit" class="gevaar">
            Ja, wis deze persoon voorgoed
          </button>
          <a class="knop secundair" href={base}>
            Nee, terug
          </a>
        </div>
      </form>
    </AdminLayout>
  );
}

/** AddValues is the add-a-person form as typed. */
export interface AddValues {
  email: string;
  name: string;
  stadsdorp: string;
  lists: string[];
  consent: string;
  consentNote: string;
}

/** AddPage adds one person by hand, asking how they gave consent. */
export function AddPage(
  props: Frame & { values: AddValues; errors: Errors; lists: MailingList[]; stadsdorpen: StadsdorpOption[] },
) {
  const v = props.values;
  return (
    <AdminLayout title="Iemand toevoegen" who={props.who} nav={props.nav} current="/beheer/abonnees">
      <Styles />
      <p>
        <a href="/beheer/abonnees">Terug naar alle abonnees</a>
      </p>
      <h1>Iemand toevoegen</h1>
      <ErrorSummary
        errors={props.errors}
        labels={{
          email: 'E-mailadres',
          name: 'Naam',
          stadsdorp: 'Stadsdorp',
          lists: 'Lijsten',
          consent: 'Toestemming',
          consentNote: 'Toelichting',
        }}
      />
      <p>
        Voeg alleen iemand toe die u toestemming gaf om te mailen. De persoon staat meteen op de gekozen
        lijsten en krijgt een welkomstmail met links om voorkeuren te wijzigen of af te melden.
      </p>
      <form method="post" action="/beheer/abonnees/nieuw" novalidate>
        <Field
          name="email"
          type="email"
          label="E-mailadres"
          value={v.email}
          error={props.errors.email}
          autocomplete="off"
        />
        <Field
          name="name"
          label="Naam"
          hint="Mag leeg blijven."
          value={v.name}
          error={props.errors.name}
          autocomplete="off"
        />
        <SelectField
          name="stadsdorp"
          label="Stadsdorp"
          hint="Nodig voor de besturenlijst."
          value={v.stadsdorp}
          error={props.errors.stadsdorp}
          options={[
            { value: '', label: 'Geen stadsdorp' },
            ...props.stadsdorpen.map((s) => ({ value: s.slug, label: s.name })),
          ]}
        />
        <fieldset id="lists" class="vakjes" aria-describedby={props.errors.lists ? 'lists-fout' : undefined}>
          <legend>Lijsten</legend>
          {props.errors.lists ? (
            <p class="fout" id="lists-fout">
              {props.errors.lists}
            </p>
          ) : null}
          {props.lists.map((l) => (
            <label key={l.slug} for={`lists-${l.slug}`}>
              <input
                type="checkbox"
                id={`lists-${l.slug}`}
                name="lists"
                value={l.slug}
                checked={v.lists.includes(l.slug)}
              />
              {l.name}
            </label>
          ))}
        </fieldset>
        <SelectField
          name="consent"
          label="Hoe gaf deze persoon toestemming?"
          hint="Dit komt in de toestemmingsgeschiedenis, met uw naam."
          value={v.consent}
          error={props.errors.consent}
          options={[
            { value: '', label: 'Kies hoe' },
            { value: 'mondeling', label: 'Mondeling (bijvoorbeeld op een bijeenkomst of aan de telefoon)' },
            { value: 'schriftelijk', label: 'Schriftelijk, met handtekening' },
            { value: 'e-mail', label: 'Per e-mail' },
            { value: 'formulier-op-papier', label: 'Op een papieren aanmeldformulier' },
          ]}
        />
        <TextArea
          name="consentNote"
          label="Toelichting (mag leeg blijven)"
          hint="Bijvoorbeeld: op de Netwerkbijeenkomst van 12 maart."
          value={v.consentNote}
          error={props.errors.consentNote}
        />
        <button type="submit">Toevoegen en welkomstmail sturen</button>
      </form>
    </AdminLayout>
  );
}
