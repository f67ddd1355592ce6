/** @jsxImportSource hono/jsx */

import type { Overview } from '../../../modules/overview/service.js';
import type { SignupSourcesReport } from '../../../modules/signup-sources/service.js';
import { BarChart, weekLabel } from '../kit/chart.js';
import { AdminLayout } from '../kit/layout.js';
import { dutchDateTime, dutchNumber, Flash, Table } from '../kit/parts.js';
import type { Frame } from './people.js';

const STATUSES: [string, string][] = [
  ['confirmed', 'Bevestigd'],
  ['pending_approval', 'Wacht op goedkeuring'],
  ['unconfirmed', 'Nog niet bevestigd'],
  ['unsubscribed', 'Afgemeld'],
  ['bounced', 'Onbestelbaar'],
  ['complained', 'Klacht'],
];

const CAMPAIGN_STATUS: Record<string, string> = { scheduled: 'Ingepland', sending: 'Wordt verstuurd' };

/** CocoStartPage is the CoCo's start page. */
export function CocoStartPage(props: Frame & { overview: Overview }) {
  const o = props.overview;
  const total = o.weeks.reduce((n, w) => n + w.signups, 0);
  return (
    <AdminLayout title="Start" who={props.who} nav={props.nav} current="/beheer">
      <h1>Start</h1>
      <Flash message={props.flash} />
      <section aria-labelledby="aanvragen">
        <h2 id="aanvragen">Aanvragen voor de besturenlijst ({o.boardRequests.length})</h2>
        {o.boardRequests.length === 0 ? (
          <p>Er wachten geen aanvragen.</p>
        ) : (
          <Table
            caption="Wachten op goedkeuring door de CoCo"
            columns={[
              { label: 'Naam' },
              { label: 'E-mailadres' },
              { label: 'Stadsdorp' },
              { label: 'Aangemeld' },
              { label: 'Besluit' },
            ]}
            rows={o.boardRequests.map((r) => [
              r.name ?? '—',
              r.email,
              r.stadsdorp?.name ?? '—',
              dutchDateTime(r.createdAt),
              <div key="besluit" class="knoppen">
                <form method="post" action={`/beheer/aanvragen/${r.id}/goedkeuren`}>
                  <button type="submit">
                    Goedkeuren<span class="verborgen"> {r.email}</span>
                  </button>
                </form>
                <form method="post" action={`/beheer/aanvragen/${r.id}/afwijzen`}>
                  <button type="submit" class="secundair">
                    Afwijzen<span class="verborgen"> {r.email}</span>
                  </button>
                </form>
              </div>,
            ])}
          />
        )}
      </section>
      <div class="blokken">
        <section class="blok" aria-labelledby="lijsten">
          <h2 id="lijsten">Abonnees per lijst</h2>
          <Table
            caption="Aantal mensen per status"
            columns={[{ label: 'Status' }, ...o.lists.map((l) => ({ label: l.name, numeric: true }))]}
            rows={STATUSES.map(([status, label]) => [
              label,
              ...o.lists.map((l) => dutchNumber(l.byStatus[status] ?? 0)),
            ])}
          />
        </section>
        <section class="blok" aria-labelledby="campagnes">
          <h2 id="campagnes">Campagnes onderweg</h2>
          {o.campaigns.length === 0 ? (
            <p>Er is nu geen campagne ingepland of onderweg.</p>
          ) : (
            <Table
              caption="Ingepland of wordt verstuurd"
              columns={[{ label: 'Onderwerp' }, { label: 'Status' }, { label: 'Wanneer' }]}
              rows={o.campaigns.map((c) => [
                c.subject,
                CAMPAIGN_STATUS[c.status] ?? c.status,
                dutchDateTime(c.startedAt ?? c.scheduledAt),
              ])}
            />
          )}
        </section>
      </div>
      <section aria-labelledby="aanmeldingen">
        <h2 id="aanmeldingen">Aanmeldingen per week, laatste zes maanden ({dutchNumber(total)})</h2>
        <div class="grafiek">
          <BarChart
            title="Aanmeldingen per week"
            bars={o.weeks.map((w) => ({ label: weekLabel(w.week), value: w.signups }))}
          />
        </div>
        <details>
          <summary>De cijfers als tabel</summary>
          <Table
            caption="Aanmeldingen per week (week begint op maandag)"
            columns={[{ label: 'Week van' }, { label: 'Aanmeldingen', numeric: true }]}
            rows={o.weeks.map((w) => [weekLabel(w.week), dutchNumber(w.signups)])}
          />
        </details>
      </section>
    </AdminLayout>
  );
}

/** EditorStartPage is an editor's start page: signups through their posters, and a way to the profile. */
export function EditorStartPage(
  props: Frame & { stadsdorp: { slug: string; name: string }; sources: SignupSourcesReport },
) {
  const s = props.sources;
  return (
    <AdminLayout title="Start" who={props.who} nav={props.nav} current="/beheer">
      <h1>{props.stadsdorp.name}</h1>
      <Flash message={props.flash} />
      <p>
        Via uw posters en links hebben zich het afgelopen jaar <strong>{dutchNumber(s.total.signups)}</strong>{' '}
        {s.total.signups === 1 ? 'persoon' : 'mensen'} aangemeld; {dutchNumber(s.total.confirmed)} daarvan{' '}
        {s.total.confirmed === 1 ? 'heeft' : 'hebben'} hun aanmelding bevestigd.
      </p>
      <Table
        caption={`Aanmeldingen per bron, ${s.from} tot en met ${s.to}`}
        columns={[
          { label: 'Bron' },
          { label: 'Aanmeldingen', numeric: true },
          { label: 'Bevestigd', numeric: true },
        ]}
        rows={s.items.map((i) => [i.bron, dutchNumber(i.signups), dutchNumber(i.confirmed)])}
        empty="Nog geen aanmeldingen via een poster of link."
      />
      <p>
        <a class="knop" href={`/beheer/stadsdorpen/${props.stadsdorp.slug}/profiel`}>
          Profiel en logo van {props.stadsdorp.name}
        </a>
      </p>
    </AdminLayout>
  );
}
