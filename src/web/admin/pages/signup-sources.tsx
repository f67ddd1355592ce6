/** @jsxImportSource hono/jsx */
import { raw } from 'hono/html';
import type { SignupSourcesReport } from '../../../modules/signup-sources/service.js';
import { type Series, StackedRowChart } from '../kit/chart.js';
import { ErrorSummary, type Errors, Field } from '../kit/field.js';
import { AdminLayout } from '../kit/layout.js';
import { dutchDateTime, dutchNumber, Table } from '../kit/parts.js';
import type { Frame } from './people.js';

const css = `
.periode { display: flex; flex-wrap: wrap; gap: 0 1rem; align-items: end; }
.periode .veld { flex: 0 1 12rem; }
.periode input[type=date] { font: inherit; padding: .45rem .6rem; border: 2px solid #6b7a70; border-radius: .35rem; background: #fff; width: 100%; }
.periode button { margin-bottom: 1.25rem; }
.snel { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; padding: 0; margin: 0 0 1rem; }
.grafiek svg { max-width: 44rem; }
`;

/** SourcePeriodValues are the period form as typed. */
export interface SourcePeriodValues {
  van: string;
  tot: string;
}

/** SourceGroup is how a source is counted in the chart: one poster of the series, or the rest. */
export interface SourceGroup extends Series {}

/** SignupSourcesPage shows which posters and sources bring people in, per stadsdorp, in a period. */
export function SignupSourcesPage(
  props: Frame & {
    values: SourcePeriodValues;
    errors: Errors;
    report: SignupSourcesReport | null;
    quick: { label: string; href: string }[];
    groups: SourceGroup[];
    groupOf: (bron: string) => string;
    labelOf: (bron: string) => string;
  },
) {
  const r = props.report;
  const perStadsdorp = new Map<string, Record<string, number>>();
  for (const item of r?.items ?? []) {
    const name = item.stadsdorp?.name ?? 'Geen stadsdorp gekozen';
    const values = perStadsdorp.get(name) ?? {};
    const g = props.groupOf(item.bron);
    values[g] = (values[g] ?? 0) + item.signups;
    perStadsdorp.set(name, values);
  }
  const total = (v: Record<string, number>) => Object.values(v).reduce((n, x) => n + x, 0);
  const rows = [...perStadsdorp]
    .map(([label, values]) => ({ label, values }))
    .sort((a, b) => total(b.values) - total(a.values) || a.label.localeCompare(b.label, 'nl'));
  const used = props.groups.filter((g) => rows.some((row) => row.values[g.key]));
  return (
    <AdminLayout title="Aanmeldbronnen" who={props.who} nav={props.nav} current="/beheer/aanmeldbronnen">
      <style>{raw(css)}</style>
      <h1>Aanmeldbronnen</h1>
      <p>
        Welke posters en links mensen naar de aanmelding brengen, per stadsdorp. Alleen aantallen: wie zich
        aanmeldde, staat hier niet. Een aanmelding telt als bevestigd als de persoon daarna op de link in de
        bevestigingsmail drukte.
      </p>
      <ErrorSummary errors={props.errors} labels={{ van: 'Van', tot: 'Tot en met' }} />
      <form method="get" action="/beheer/aanmeldbronnen" class="periode" novalidate>
        <Field name="van" type="date" label="Van" value={props.values.van} error={props.errors.van} />
        <Field name="tot" type="date" label="Tot en met" value={props.values.tot} error={props.errors.tot} />
        <button type="submit">Periode tonen</button>
      </form>
      <ul class="snel" aria-label="Snel een periode kiezen">
        {props.quick.map((q) => (
          <li key={q.href}>
            <a href={q.href}>{q.label}</a>
          </li>
        ))}
      </ul>
      {r ? (
        <>
          <h2>
            {dutchNumber(r.total.signups)} {r.total.signups === 1 ? 'aanmelding' : 'aanmeldingen'} via een
            poster of link, {dutchNumber(r.total.confirmed)} bevestigd
          </h2>
          {rows.length > 0 ? (
            <div class="grafiek">
              <StackedRowChart title="Aanmeldingen per stadsdorp, per bron" series={used} rows={rows} />
            </div>
          ) : null}
          <Table
            caption={`Aanmeldingen per bron en stadsdorp, ${r.from} tot en met ${r.to}`}
            columns={[
              { label: 'Bron' },
              { label: 'Stadsdorp' },
              { label: 'Aanmeldingen', numeric: true },
              { label: 'Bevestigd', numeric: true },
              { label: 'Eerste' },
              { label: 'Laatste' },
            ]}
            rows={r.items.map((i) => [
              props.labelOf(i.bron),
              i.stadsdorp?.name ?? 'Geen stadsdorp gekozen',
              dutchNumber(i.signups),
              dutchNumber(i.confirmed),
              dutchDateTime(i.firstAt),
              dutchDateTime(i.lastAt),
            ])}
            empty="In deze periode meldde niemand zich aan via een poster of link."
          />
        </>
      ) : null}
    </AdminLayout>
  );
}
