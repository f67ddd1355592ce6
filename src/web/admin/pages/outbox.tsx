/** @jsxImportSource hono/jsx */
// The outbox pages: what the embedded default transport stored instead of sending.
import type { OutboxMessage, OutboxSummary } from '../../../modules/outbox/repo.js';
import { AdminLayout } from '../kit/layout.js';
import { dutchDateTime, Flash, Pagination, Table } from '../kit/parts.js';
import type { Frame } from './people.js';

function NotInUse(props: { transport: string }) {
  return (
    <div class="melding fout">
      Mail gaat nu via <strong>{props.transport}</strong> echt de deur uit; de outbox bewaart alleen mail als
      de ingebouwde outbox (MAIL_TRANSPORT=outbox) is ingesteld. Hieronder staat wat de outbox eerder
      bewaarde.
    </div>
  );
}

/** OutboxPage lists the stored mails, newest first, searchable by address. */
export function OutboxPage(
  props: Frame & {
    items: OutboxSummary[];
    address: string;
    nextBefore: number | null;
    first: boolean;
    transport: string | null;
  },
) {
  const search = props.address ? `adres=${encodeURIComponent(props.address)}&` : '';
  return (
    <AdminLayout title="Outbox" who={props.who} nav={props.nav} current="/beheer/outbox">
      <h1>Outbox</h1>
      <Flash message={props.flash} />
      {props.transport ? <NotInUse transport={props.transport} /> : null}
      <p>
        De ingebouwde outbox verstuurt niets: elke mail van de service wordt hier bewaard, zoals de ontvanger
        hem zou zien.
      </p>
      <form method="get" action="/beheer/outbox" class="knoppen" aria-label="Zoeken in de outbox">
        <div class="veld" style="margin-bottom:0;flex:1 1 16rem">
          <label for="adres">Zoek op e-mailadres</label>
          <p class="hint" id="adres-hint">
            Een deel van het adres is genoeg, bijvoorbeeld jordaan.nl.
          </p>
          <input type="text" id="adres" name="adres" value={props.address} aria-describedby="adres-hint" />
        </div>
        <button type="submit" style="align-self:flex-end">
          Zoeken
        </button>
      </form>
      <Table
        caption={
          props.address ? `Mails aan adressen met "${props.address}"` : 'Bewaarde mails, nieuwste eerst'
        }
        columns={[{ label: 'Onderwerp' }, { label: 'Aan' }, { label: 'Bewaard' }]}
        rows={props.items.map((m) => [
          <a key="o" href={`/beheer/outbox/${m.id}`}>
            {m.subject || '(geen onderwerp)'}
          </a>,
          m.to,
          dutchDateTime(m.createdAt),
        ])}
        empty={props.address ? 'Geen mails aan zo’n adres.' : 'De outbox is leeg.'}
      />
      <Pagination
        firstHref={props.first ? null : `/beheer/outbox${search ? `?${search.slice(0, -1)}` : ''}`}
        nextHref={props.nextBefore ? `/beheer/outbox?${search}voor=${props.nextBefore}` : null}
      />
    </AdminLayout>
  );
}

/** OutboxMessagePage shows one stored mail: as the recipient sees it (a sandboxed frame), its text part and its headers. */
export function OutboxMessagePage(props: Frame & { message: OutboxMessage; transport: string | null }) {
  const m = props.message;
  const headers: [string, string][] = [
    ['From', m.from],
    ['To', m.to],
    ['Subject', m.subject],
    ...Object.entries(m.headers),
  ];
  return (
    <AdminLayout title={`Outbox: ${m.subject}`} who={props.who} nav={props.nav} current="/beheer/outbox">
      <p>
        <a href="/beheer/outbox">← Terug naar de outbox</a>
      </p>
      <h1>{m.subject || '(geen onderwerp)'}</h1>
      {props.transport ? <NotInUse transport={props.transport} /> : null}
      <p>
        Aan <strong>{m.to}</strong>, bewaard op {dutchDateTime(m.createdAt)}.
      </p>
      <h2 id="zo-ziet-het-eruit">Zo ziet de ontvanger de mail</h2>
      {/* sandbox="": no script, no forms, no navigation of this page; the document itself
          carries the preview CSP (framed by this app only). */}
      <iframe
        src={`/beheer/outbox/${m.id}/weergave`}
        sandbox=""
        title={`De mail "${m.subject}" zoals de ontvanger hem ziet`}
        style="width:100%;height:70vh;min-height:24rem;border:1px solid #c9d3cc;background:#fff"
      />
      <h2>Tekstdeel</h2>
      <pre style="white-space:pre-wrap;overflow-wrap:anywhere;background:#fff;border:1px solid #c9d3cc;padding:.75rem;font-size:.95rem">
        {m.text}
      </pre>
      <Table
        caption="Kopregels (headers)"
        columns={[{ label: 'Naam' }, { label: 'Waarde' }]}
        rows={headers.map(([k, v]) => [k, <code key="v">{v}</code>])}
      />
    </AdminLayout>
  );
}
