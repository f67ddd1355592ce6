/** @jsxImportSource hono/jsx */
import { raw } from 'hono/html';
// The CoCo's import in three steps (choose a file, check it, import it) and the export of a list.
import type { ImportLineError, ImportProgress, ImportReport } from '../../../modules/csv/import.js';
import { type Field as CsvField, isErrorColumn } from '../../../modules/csv/parse.js';
import type { ImportOutcome, UploadPreview } from '../../../modules/csv/uploads.js';
import { ErrorSummary, type Errors, Field, SelectField } from '../kit/field.js';
import { AdminLayout } from '../kit/layout.js';
import { dutchDateTime, dutchNumber, Flash, Table } from '../kit/parts.js';
import type { Frame } from './people.js';

/** ListOption is a list as the forms offer it. */
export interface ListOption {
  slug: string;
  name: string;
}

const CURRENT = '/beheer/import';

const FIELD_LABEL: Record<CsvField, string> = {
  email: 'E-mailadres',
  name: 'Naam',
  firstName: 'Voornaam',
  infix: 'Tussenvoegsel',
  lastName: 'Achternaam',
  stadsdorp: 'Stadsdorp',
};

const SEPARATOR_LABEL: Record<string, string> = {
  ';': 'puntkomma (;)',
  ',': 'komma (,)',
  '\t': 'tab',
};

const ENCODING_LABEL: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (Excel "Unicode-tekst")',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252 (Excel "CSV (gescheiden door lijstscheidingsteken)")',
};

function Steps(props: { at: 1 | 2 | 3 }) {
  const names = ['Bestand kiezen', 'Controleren', 'Importeren'];
  return (
    <ol class="stappen" aria-label="Stappen van de import">
      {names.map((n, i) => (
        <li key={n} aria-current={i + 1 === props.at ? 'step' : undefined}>
          Stap {i + 1}: {n}
        </li>
      ))}
    </ol>
  );
}

// A few rules of its own; the kit's stylesheet has the rest.
const css = `
.stappen { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; padding: 0; margin: 0 0 1.25rem; color: #4a554e; }
.stappen li[aria-current=step] { color: #1b1b1b; font-weight: 700; text-decoration: underline; text-underline-offset: .3em; }
.sleepvak { border: 2px dashed #6b7a70; border-radius: .4rem; padding: 1rem 1rem .25rem; margin-bottom: 1.25rem; max-width: 36rem; background: #fff; }
.sleepvak.erboven { border-color: #1f5c3a; background: #eef5f0; }
.tellingen { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .75rem; margin: 0 0 1.5rem; padding: 0; }
.tellingen div { background: #fff; border: 1px solid #c9d3cc; border-radius: .4rem; padding: .5rem .8rem; }
.tellingen dt { font-size: .95rem; color: #4a554e; }
.tellingen dd { margin: 0; font-size: 1.5rem; font-weight: 700; font-variant-numeric: tabular-nums; }
progress { width: 100%; max-width: 36rem; height: 1.25rem; }
`;

function Style() {
  return <style>{raw(css)}</style>;
}

/** ImportUploadPage is step 1: the file and the list. */
export function ImportUploadPage(
  props: Frame & { lists: ListOption[]; values: { list: string }; errors: Errors },
) {
  return (
    <AdminLayout title="Importeren" who={props.who} nav={props.nav} current={CURRENT}>
      <Style />
      <h1>Importeren</h1>
      <Steps at={1} />
      <Flash message={props.flash} />
      <ErrorSummary errors={props.errors} labels={{ file: 'CSV-bestand', list: 'Lijst' }} />
      <p>
        Kies een CSV-bestand met één persoon per regel en een kopregel, bijvoorbeeld{' '}
        <code>E-mailadres;Naam;Stadsdorp</code>. U ziet eerst wat de import zou doen; er wordt pas iets
        opgeslagen als u op de laatste knop drukt. Het bestand wordt een uur bewaard en alleen u kunt het
        zien.
      </p>
      <form method="post" action="/beheer/import" enctype="multipart/form-data" novalidate>
        <div class="sleepvak" data-sleepvak>
          <Field
            name="file"
            type="file"
            label="CSV-bestand"
            hint="Uit Excel, Google Spreadsheets of een adresboek; hoogstens 10 MB. U kunt het bestand ook hierheen slepen."
            accept=".csv,.txt,text/csv"
            error={props.errors.file}
          />
          <p class="klein" data-sleepvak-naam aria-live="polite" />
        </div>
        <SelectField
          name="list"
          label="Lijst"
          hint="De lijst waarop de mensen uit het bestand komen."
          value={props.values.list}
          error={props.errors.list}
          options={[
            { value: '', label: 'Kies een lijst' },
            ...props.lists.map((l) => ({ value: l.slug, label: l.name })),
          ]}
        />
        <button type="submit">Bestand controleren</button>
      </form>
      <h2>Exporteren</h2>
      <p>
        <a href="/beheer/export">Een lijst exporteren als CSV voor Excel</a>
      </p>
      <script src="/beheer/static/import.js" defer />
    </AdminLayout>
  );
}

function Counts(props: { report: ImportReport; refused: number; future: boolean }) {
  const r = props.report;
  const items: [string, number][] = [
    [props.future ? 'Worden toegevoegd' : 'Toegevoegd', r.imported],
    [props.future ? 'Worden bijgewerkt' : 'Bijgewerkt', r.updated],
    [props.future ? 'Worden overgeslagen' : 'Overgeslagen', r.skipped - props.refused],
    ['Geweigerd', props.refused],
  ];
  return (
    <dl class="tellingen">
      {items.map(([label, n]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{dutchNumber(n)}</dd>
        </div>
      ))}
    </dl>
  );
}

function RowTable(props: { caption: string; rows: ImportLineError[] }) {
  return (
    <Table
      caption={props.caption}
      columns={[{ label: 'Regel in Excel', numeric: true }, { label: 'Reden' }]}
      rows={props.rows.map((e) => [String(e.line), e.message])}
    />
  );
}

function Refused(props: {
  id: string;
  refused: ImportLineError[];
  skippedWithReason: ImportLineError[];
  done: boolean;
}) {
  return (
    <>
      {props.refused.length > 0 ? (
        <section aria-labelledby="geweigerd">
          <h2 id="geweigerd">Geweigerde regels ({dutchNumber(props.refused.length)})</h2>
          <p>
            Deze regels {props.done ? 'zijn' : 'worden'} niet geïmporteerd. Download ze, verbeter ze in Excel
            en upload dat bestand opnieuw: de laatste kolom, Fout, zegt wat er mis is en wordt bij de import
            overgeslagen.
          </p>
          <p>
            <a class="knop secundair" href={`/beheer/import/${props.id}/fouten.csv`} download>
              Geweigerde regels downloaden (CSV voor Excel)
            </a>
          </p>
          <RowTable caption="Geweigerde regels met de reden" rows={props.refused} />
        </section>
      ) : null}
      {props.skippedWithReason.length > 0 ? (
        <section aria-labelledby="overgeslagen">
          <h2 id="overgeslagen">
            Overgeslagen met een reden ({dutchNumber(props.skippedWithReason.length)})
          </h2>
          <p>Wie zich afmeldde of wiens mail onbestelbaar was, meldt de import nooit opnieuw aan.</p>
          <RowTable caption="Overgeslagen regels met de reden" rows={props.skippedWithReason} />
        </section>
      ) : null}
    </>
  );
}

/** ImportPreviewPage is step 2: how the file was read, the columns (changeable), what the import would do. */
export function ImportPreviewPage(
  props: Frame & {
    id: string;
    fileName: string;
    expiresAt: string;
    listSlug: string;
    lists: ListOption[];
    preview: UploadPreview;
    /** The columns as the form came back with them (after an error), else the preview's. */
    chosen?: string[];
    examples: string[];
    errors: Errors;
  },
) {
  const p = props.preview;
  const d = p.details;
  const list = props.lists.find((l) => l.slug === props.listSlug);
  const toWrite = d ? d.report.imported + d.report.updated : 0;
  const options = [
    { value: '', label: 'Niet gebruiken' },
    ...Object.entries(FIELD_LABEL).map(([value, label]) => ({ value, label })),
  ];
  const labels: Record<string, string> = { list: 'Lijst' };
  p.header.forEach((h, i) => {
    labels[`kolom.${i}`] = `Kolom ${i + 1} (${h || 'zonder naam'})`;
  });
  return (
    <AdminLayout title={`Controleren: ${props.fileName}`} who={props.who} nav={props.nav} current={CURRENT}>
      <Style />
      <h1>Controleren: {props.fileName}</h1>
      <Steps at={2} />
      <Flash message={props.flash} />
      <ErrorSummary errors={props.errors} labels={labels} />
      <p>
        Gelezen als <strong>{ENCODING_LABEL[p.encoding] ?? p.encoding}</strong>, met als scheidingsteken de{' '}
        <strong>{SEPARATOR_LABEL[p.separator]}</strong>. Er is nog niets opgeslagen. Het bestand wordt bewaard
        tot {dutchDateTime(props.expiresAt)}.
      </p>
      {d ? (
        <>
          <h2>Wat de import zou doen op de lijst {list?.name ?? props.listSlug}</h2>
          <Counts report={d.report} refused={d.refused.length} future />
          <Refused id={props.id} refused={d.refused} skippedWithReason={d.skippedWithReason} done={false} />
        </>
      ) : (
        <div class="melding fout" role="alert">
          Geen kolom met e-mailadressen gevonden. Kies hieronder bij de kolom met de e-mailadressen
          “E-mailadres” en druk op “Opnieuw controleren”.
        </div>
      )}
      <h2 id="kolommen">Kolommen en lijst</h2>
      <p>
        Zo leest de import de kolommen van uw bestand. Klopt iets niet, kies dan iets anders en controleer
        opnieuw.
      </p>
      <form method="post" action={`/beheer/import/${props.id}`} novalidate>
        {p.header.map((h, i) =>
          isErrorColumn(h) ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: a column is its index; rendered once to a string
            <p key={`kolom.${i}`} class="veld">
              <strong>
                Kolom {i + 1} ({h})
              </strong>
              : de reden uit een eerdere controle; wordt overgeslagen.
            </p>
          ) : (
            <SelectField
              // biome-ignore lint/suspicious/noArrayIndexKey: a column is its index; rendered once to a string
              key={`kolom.${i}`}
              name={`kolom.${i}`}
              label={`Kolom ${i + 1}: ${h.trim() || '(zonder naam)'}`}
              hint={props.examples[i] ? `Bijvoorbeeld: ${props.examples[i]}` : 'Leeg in de eerste regel.'}
              value={props.chosen?.[i] ?? p.fieldOf[i] ?? ''}
              error={props.errors[`kolom.${i}`]}
              options={options}
            />
          ),
        )}
        <SelectField
          name="list"
          label="Lijst"
          value={props.listSlug}
          error={props.errors.list}
          options={props.lists.map((l) => ({ value: l.slug, label: l.name }))}
        />
        <button type="submit" class="secundair">
          Opnieuw controleren
        </button>
      </form>
      <h2>Importeren</h2>
      {d && toWrite > 0 ? (
        <form method="post" action={`/beheer/import/${props.id}/importeren`}>
          <p>
            Nu worden {dutchNumber(d.report.imported)} mensen toegevoegd aan en{' '}
            {dutchNumber(d.report.updated)} bijgewerkt op de lijst {list?.name ?? props.listSlug}. Zij krijgen
            geen bevestigingsmail: u staat in voor hun toestemming.
          </p>
          <div class="knoppen">
            <button type="submit">
              {dutchNumber(toWrite)} {toWrite === 1 ? 'persoon' : 'mensen'} importeren in{' '}
              {list?.name ?? props.listSlug}
            </button>
            <a class="knop secundair" href="/beheer/import">
              Ander bestand kiezen
            </a>
          </div>
        </form>
      ) : (
        <>
          <p>
            Er is niets te importeren. Verbeter het bestand, of kies hierboven andere kolommen of een andere
            lijst.
          </p>
          <p>
            <a class="knop secundair" href="/beheer/import">
              Ander bestand kiezen
            </a>
          </p>
        </>
      )}
    </AdminLayout>
  );
}

/** ImportProgressPage is step 3 while the import runs; the answer's Refresh header reloads it. */
export function ImportProgressPage(
  props: Frame & { id: string; fileName: string; progress: ImportProgress | null; refreshSeconds: number },
) {
  const p = props.progress;
  const text = !p
    ? 'Het bestand wordt gelezen.'
    : p.phase === 'checking'
      ? `${dutchNumber(p.done)} van ${dutchNumber(p.total)} adressen gecontroleerd.`
      : `Alle ${dutchNumber(p.total)} adressen worden in één keer opgeslagen.`;
  return (
    <AdminLayout title="Bezig met importeren" who={props.who} nav={props.nav} current={CURRENT}>
      <Style />
      <h1>Bezig met importeren</h1>
      <Steps at={3} />
      <p>{props.fileName}</p>
      <label for="voortgang">Voortgang</label>
      <progress
        id="voortgang"
        max={p ? p.total * 2 : 1}
        value={p ? (p.phase === 'checking' ? p.done : p.total * 2 - 1) : 0}
      />
      <p role="status">{text}</p>
      <p class="klein">
        Deze pagina ververst zichzelf{' '}
        {props.refreshSeconds === 1 ? 'elke seconde' : `elke ${props.refreshSeconds} seconden`}.{' '}
        <a href={`/beheer/import/${props.id}/voortgang`}>Nu verversen</a>. U kunt haar ook sluiten: de import
        gaat door.
      </p>
    </AdminLayout>
  );
}

/** ImportResultPage is step 3 when the import is done, or failed. */
export function ImportResultPage(
  props: Frame & { id: string; fileName: string; listName: string; outcome: ImportOutcome },
) {
  const o = props.outcome;
  return (
    <AdminLayout
      title={o.ok ? 'Import klaar' : 'Import mislukt'}
      who={props.who}
      nav={props.nav}
      current={CURRENT}
    >
      <Style />
      <h1>{o.ok ? 'Import klaar' : 'Import mislukt'}</h1>
      <Steps at={3} />
      {o.ok ? (
        <>
          <p role="status">
            {props.fileName} is geïmporteerd in de lijst {props.listName}.
          </p>
          <Counts report={o.report} refused={o.refused.length} future={false} />
          <Refused id={props.id} refused={o.refused} skippedWithReason={o.skippedWithReason} done />
        </>
      ) : (
        <div class="melding fout" role="alert">
          {o.message}
        </div>
      )}
      <div class="knoppen">
        <a class="knop" href="/beheer/import">
          Nog een bestand importeren
        </a>
        <a class="knop secundair" href="/beheer">
          Naar de start
        </a>
      </div>
    </AdminLayout>
  );
}

/** ExportPage chooses a list and a status to download as CSV for Excel. */
export function ExportPage(
  props: Frame & {
    lists: ListOption[];
    statuses: { value: string; label: string }[];
    values: { list: string; status: string };
    errors: Errors;
  },
) {
  return (
    <AdminLayout title="Exporteren" who={props.who} nav={props.nav} current={CURRENT}>
      <h1>Exporteren</h1>
      <ErrorSummary errors={props.errors} labels={{ list: 'Lijst', status: 'Status' }} />
      <p>
        Een lijst als CSV-bestand dat Excel zo opent, met alle accenten: E-mailadres, Naam, Stadsdorp, Status
        en Aangemeld op. Het bestand bevat persoonsgegevens: bewaar het niet langer dan nodig.
      </p>
      <form method="get" action="/beheer/export/bestand" novalidate>
        <SelectField
          name="list"
          label="Lijst"
          value={props.values.list}
          error={props.errors.list}
          options={[
            { value: '', label: 'Kies een lijst' },
            ...props.lists.map((l) => ({ value: l.slug, label: l.name })),
          ]}
        />
        <SelectField
          name="status"
          label="Status"
          hint="Alleen wie deze status heeft op de lijst; of iedereen."
          value={props.values.status}
          error={props.errors.status}
          options={[{ value: '', label: 'Alle statussen' }, ...props.statuses]}
        />
        <button type="submit">CSV downloaden</button>
      </form>
      <p>
        <a href="/beheer/import">Naar importeren</a>
      </p>
    </AdminLayout>
  );
}
