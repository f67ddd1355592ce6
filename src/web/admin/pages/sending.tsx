/** @jsxImportSource hono/jsx */
// Sending a campaign: the checklist with the test mail and (for a Netwerkmail) the choice of
// besturen, send now or schedule with a confirm step, and the progress of a send.
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { timeLeft } from '../../../kernel/amsterdam-time.js';
import type { Campaign } from '../../../modules/campaigns/schema.js';
import {
  type AudienceSummary,
  type Checklist,
  type ChecklistLine,
  filterPhrase,
  peopleOn,
} from '../../../modules/campaigns/sending.js';
import type { DeliveryCounts } from '../../../modules/delivery/counts-repo.js';
import type { Stadsdorp } from '../../../modules/stadsdorpen/schema.js';
import { ErrorSummary, type Errors, Field } from '../kit/field.js';
import { AdminLayout } from '../kit/layout.js';
import { dutchDateTime, dutchNumber, Flash } from '../kit/parts.js';
import type { Frame } from './people.js';

const CURRENT = '/beheer/campagnes';

const css = `
.lijst-controle { list-style: none; padding: 0; margin: 0 0 1.5rem; max-width: 48rem; }
.lijst-controle li { display: grid; grid-template-columns: 2rem 1fr; gap: 0 .5rem; padding: .6rem .25rem; border-bottom: 1px solid var(--lijn); }
.lijst-controle .teken { font-weight: 700; font-size: 1.2rem; line-height: 1.3; }
.lijst-controle .ok .teken { color: var(--groen); }
.lijst-controle .niet .teken { color: var(--rood); }
.lijst-controle ul { margin: .25rem 0 0; padding-left: 1.1rem; }
.lijst-controle p { margin: 0; overflow-wrap: anywhere; }
.keuzes { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: .15rem 1rem; }
.keuzes label { font-weight: 400; display: flex; gap: .4rem; align-items: baseline; }
.moment { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; }
.moment .veld { margin-bottom: .5rem; }
input[type=date], input[type=time] { font: inherit; padding: .5rem .6rem; border: 2px solid #6b7a70; border-radius: .35rem; background: #fff; color: var(--tekst); }
.adressen { list-style: none; padding: 0; margin: 0 0 1rem; }
.adressen li { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: center; padding: .3rem 0; border-bottom: 1px solid var(--lijn); overflow-wrap: anywhere; }
.adressen form { margin: 0; }
button.klein { padding: .25rem .7rem; font-size: .95rem; }
progress { width: 100%; max-width: 40rem; height: 1.6rem; accent-color: var(--groen); }
.tellingen { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .75rem; margin: 1rem 0 1.5rem; max-width: 48rem; }
.tellingen div { background: #fff; border: 1px solid var(--lijn); border-radius: .4rem; padding: .5rem .75rem; }
.tellingen dt { font-weight: 600; font-size: .95rem; }
.tellingen dd { margin: 0; font-size: 1.5rem; font-variant-numeric: tabular-nums; }
.bevestig { background: #fff; border: 2px solid var(--groen); border-radius: .4rem; padding: .25rem 1.25rem 1rem; max-width: 44rem; margin-bottom: 1.25rem; }
`;

function Style() {
  return <style>{raw(css)}</style>;
}

const KIND: Record<Campaign['kind'], string> = { nieuwsbrief: 'Nieuwsbrief', netwerkmail: 'Netwerkmail' };

/** STATUS_WORD names a campaign status as the pages say it. */
export const STATUS_WORD: Record<Campaign['status'], string> = {
  draft: 'Concept',
  scheduled: 'Ingepland',
  sending: 'Wordt verstuurd',
  paused: 'Gepauzeerd',
  sent: 'Verstuurd',
  cancelled: 'Geannuleerd',
};

/** CampaignHead is the part of a campaign the send pages show. */
export type CampaignHead = Pick<
  Campaign,
  'id' | 'kind' | 'subject' | 'status' | 'scheduledAt' | 'startedAt' | 'sentAt' | 'public' | 'slug' | 'layout'
>;

const composer = (id: number) => `/beheer/campagnes/${id}`;

function fixLink(c: CampaignHead, line: ChecklistLine): Child {
  if (!line.fix) return null;
  const href =
    line.fix === 'composer' ? composer(c.id) : line.fix === 'audience' ? '#ontvangers' : '#testmail';
  const label = line.ok ? 'Wijzigen' : line.fix === 'test' ? 'Naar de testmail' : 'Aanpassen';
  return (
    <>
      {' '}
      <a href={href} aria-label={`${label}: ${line.label}`}>
        {label}
      </a>
    </>
  );
}

function ChecklistView(props: { campaign: CampaignHead; checklist: Checklist }) {
  return (
    <ul class="lijst-controle">
      {props.checklist.lines.map((line) => (
        <li key={line.key} class={line.ok ? 'ok' : 'niet'}>
          <span class="teken" aria-hidden="true">
            {line.ok ? '✓' : '✗'}
          </span>
          <div>
            <p>
              <strong>{line.label}</strong>
              <span class="verborgen">{line.ok ? ' (in orde)' : ' (nog niet in orde)'}</span>: {line.text}
              {fixLink(props.campaign, line)}
            </p>
            {line.problems?.length ? (
              <ul>
                {line.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

function MomentFields(props: { prefix: string; date: string; time: string; errors: Errors }) {
  const err = props.errors[`${props.prefix}datum`] ?? props.errors[`${props.prefix}tijd`];
  return (
    <fieldset>
      <legend>Moment (Amsterdamse tijd)</legend>
      {err ? (
        <p class="fout" id={`${props.prefix}moment-fout`}>
          <span class="verborgen">Fout: </span>
          {err}
        </p>
      ) : null}
      <div class="moment">
        <div class="veld">
          <label for={`${props.prefix}datum`}>Datum</label>
          <input
            type="date"
            id={`${props.prefix}datum`}
            name="datum"
            value={props.date}
            required
            aria-invalid={err ? 'true' : undefined}
            aria-describedby={err ? `${props.prefix}moment-fout` : undefined}
          />
        </div>
        <div class="veld">
          <label for={`${props.prefix}tijd`}>Tijd</label>
          <input
            type="time"
            id={`${props.prefix}tijd`}
            name="tijd"
            value={props.time}
            required
            aria-invalid={err ? 'true' : undefined}
            aria-describedby={err ? `${props.prefix}moment-fout` : undefined}
          />
        </div>
      </div>
    </fieldset>
  );
}

/** SendPageProps is everything the send page shows. */
export interface SendPageProps extends Frame {
  campaign: CampaignHead;
  checklist: Checklist;
  audience: AudienceSummary;
  testAddresses: string[];
  testAddress: string;
  gebieden: string[];
  stadsdorpen: Stadsdorp[];
  /** The names of the MJML layouts there are (built-in and uploaded). */
  layouts: string[];
  moment: { date: string; time: string };
  now: Date;
  errors: Errors;
}

/** SendPage is /beheer/campagnes/:id/versturen: the checklist, the test mail, and send or schedule. */
export function SendPage(p: SendPageProps) {
  const c = p.campaign;
  const title = `Versturen: ${c.subject}`;
  const scheduled = c.status === 'scheduled' && c.scheduledAt;
  return (
    <AdminLayout title={title} who={p.who} nav={p.nav} current={CURRENT}>
      <Style />
      <p>
        <a href={composer(c.id)}>← Terug naar de {KIND[c.kind]}</a>
      </p>
      <h1>{title}</h1>
      <Flash message={p.flash} />
      <ErrorSummary
        errors={p.errors}
        labels={{
          testAddress: 'Testadres',
          datum: 'Datum',
          tijd: 'Tijd',
          gebieden: 'Gebieden',
          layout: 'Opmaak',
        }}
      />
      <p>
        {KIND[c.kind]} · {STATUS_WORD[c.status]}
        {scheduled ? (
          <>
            {' '}
            op <strong>{dutchDateTime(c.scheduledAt)}</strong> (Amsterdamse tijd), over{' '}
            {timeLeft(p.now, new Date(c.scheduledAt ?? 0))}
          </>
        ) : null}
      </p>

      <h2 id="controle">Controle voor het versturen</h2>
      <ChecklistView campaign={c} checklist={p.checklist} />

      {c.kind === 'netwerkmail' ? <AudienceForm {...p} /> : null}

      <LayoutForm {...p} />

      <section aria-labelledby="testmail">
        <h2 id="testmail">Testmail</h2>
        <p>
          Een testmail gaat naar alle testadressen hieronder, met [TEST] voor het onderwerp. Er gaat niets
          naar de lijsten.
        </p>
        {p.testAddresses.length ? (
          <ul class="adressen" aria-label="Testadressen">
            {p.testAddresses.map((email) => (
              <li key={email}>
                <span>{email}</span>
                <form method="post" action={`/beheer/campagnes/${c.id}/testadressen/verwijderen`}>
                  <input type="hidden" name="email" value={email} />
                  <button type="submit" class="secundair klein" aria-label={`${email} verwijderen`}>
                    Verwijderen
                  </button>
                </form>
              </li>
            ))}
          </ul>
        ) : (
          <p>Er zijn nog geen testadressen.</p>
        )}
        <form method="post" action={`/beheer/campagnes/${c.id}/testadressen`} novalidate>
          <Field
            name="testAddress"
            type="email"
            label="Testadres toevoegen"
            hint="Bijvoorbeeld uw eigen adres. Het blijft bewaard voor de volgende campagnes."
            value={p.testAddress}
            error={p.errors.testAddress}
            autocomplete="email"
          />
          <button type="submit" class="secundair">
            Testadres opslaan
          </button>
        </form>
        {p.testAddresses.length ? (
          <form method="post" action={`/beheer/campagnes/${c.id}/testmail`} style="margin-top:1rem">
            <button type="submit">
              Testmail versturen naar {p.testAddresses.length}{' '}
              {p.testAddresses.length === 1 ? 'adres' : 'adressen'}
            </button>
          </form>
        ) : null}
      </section>

      <section aria-labelledby="versturen">
        <h2 id="versturen">{scheduled ? 'Ingepland' : 'Versturen of inplannen'}</h2>
        {scheduled ? (
          <>
            <p>
              Gaat op {dutchDateTime(c.scheduledAt)} naar {peopleOn(p.audience)}
              {filterPhrase(p.audience) ? ` (${filterPhrase(p.audience)})` : ''}.
            </p>
            {p.checklist.ready ? (
              <form method="get" action={`/beheer/campagnes/${c.id}/bevestigen`} novalidate>
                <input type="hidden" name="actie" value="verzetten" />
                <MomentFields prefix="" date={p.moment.date} time={p.moment.time} errors={p.errors} />
                <button type="submit">Ander moment kiezen…</button>
              </form>
            ) : (
              <p class="melding fout">
                Let op: de campagne is gewijzigd na het inplannen en de controle is niet meer in orde (✗
                hierboven), maar hij gaat op het ingeplande moment toch uit. Maak de punten in orde, of zet
                hem terug naar concept.
              </p>
            )}
            <div class="knoppen" style="margin-top:1rem">
              <form method="post" action={`/beheer/campagnes/${c.id}/uitplannen`}>
                <button type="submit" class="secundair">
                  Niet meer inplannen (terug naar concept)
                </button>
              </form>
              {p.checklist.ready ? (
                <form method="get" action={`/beheer/campagnes/${c.id}/bevestigen`}>
                  <input type="hidden" name="actie" value="nu" />
                  <button type="submit" class="secundair">
                    Nu versturen in plaats van later…
                  </button>
                </form>
              ) : null}
            </div>
          </>
        ) : !p.checklist.ready ? (
          <p>
            Maak eerst alle punten van de controle in orde (✗ hierboven). Daarna kunt u hier versturen of
            inplannen.
          </p>
        ) : (
          <>
            <form method="get" action={`/beheer/campagnes/${c.id}/bevestigen`}>
              <input type="hidden" name="actie" value="nu" />
              <button type="submit">Nu versturen…</button>
            </form>
            <h3>Of later, op een moment dat u kiest</h3>
            <form method="get" action={`/beheer/campagnes/${c.id}/bevestigen`} novalidate>
              <input type="hidden" name="actie" value="inplannen" />
              <MomentFields prefix="" date={p.moment.date} time={p.moment.time} errors={p.errors} />
              <button type="submit">Inplannen…</button>
            </form>
            <p class="klein">
              U ziet eerst aan hoeveel mensen en wanneer; er gebeurt pas iets na de volgende knop.
            </p>
          </>
        )}
      </section>
    </AdminLayout>
  );
}

/** LayoutForm chooses the campaign's look: the built-in one of its kind, or an MJML layout (see Layouts). */
function LayoutForm(p: SendPageProps) {
  const c = p.campaign;
  return (
    <section aria-labelledby="opmaak">
      <h2 id="opmaak">Opmaak</h2>
      <p>
        Nu: {c.layout ? `de layout "${c.layout}"` : `de ingebouwde opmaak van de ${KIND[c.kind]}`}. Een layout
        voegt u toe en bekijkt u bij <a href="/beheer/layouts">Layouts</a>.
      </p>
      <form method="post" action={`/beheer/campagnes/${c.id}/opmaak`}>
        <div class="veld">
          <label for="layout">Kies de opmaak</label>
          {p.errors.layout ? (
            <p class="fout" id="layout-fout">
              <span class="verborgen">Fout: </span>
              {p.errors.layout}
            </p>
          ) : null}
          <select
            id="layout"
            name="layout"
            aria-invalid={p.errors.layout ? 'true' : undefined}
            aria-describedby={p.errors.layout ? 'layout-fout' : undefined}
          >
            <option value="" selected={!c.layout}>
              Ingebouwde opmaak van de {KIND[c.kind]}
            </option>
            {p.layouts.map((name) => (
              <option key={name} value={name} selected={c.layout === name}>
                Layout "{name}"
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="secundair">
          Opmaak opslaan
        </button>
      </form>
    </section>
  );
}

function AudienceForm(p: SendPageProps) {
  const chosen = p.audience.filter;
  const editable = p.campaign.status === 'draft' || p.campaign.status === 'scheduled';
  return (
    <section aria-labelledby="ontvangers">
      <h2 id="ontvangers">Welke besturen?</h2>
      <p>
        Een Netwerkmail gaat naar alle besturen, of alleen naar de besturen van de gebieden en stadsdorpen die
        u hier aanvinkt. Nu: {filterPhrase(p.audience) ?? 'alle besturen'}.
      </p>
      {editable ? (
        <form method="post" action={`/beheer/campagnes/${p.campaign.id}/ontvangers`}>
          <fieldset>
            <legend id="gebieden">Gebieden</legend>
            {p.errors.gebieden ? <p class="fout">{p.errors.gebieden}</p> : null}
            <div class="keuzes">
              {p.gebieden.map((g) => (
                <label key={g}>
                  <input type="checkbox" name="gebied" value={g} checked={chosen?.gebieden.includes(g)} /> {g}
                </label>
              ))}
            </div>
          </fieldset>
          <details open={chosen?.stadsdorpen.length ? true : undefined}>
            <summary>Losse stadsdorpen ({p.stadsdorpen.length})</summary>
            <fieldset>
              <legend id="stadsdorpen">Stadsdorpen</legend>
              {p.errors.stadsdorpen ? <p class="fout">{p.errors.stadsdorpen}</p> : null}
              <div class="keuzes">
                {p.stadsdorpen.map((s) => (
                  <label key={s.slug}>
                    <input
                      type="checkbox"
                      name="stadsdorp"
                      value={s.slug}
                      checked={chosen?.stadsdorpen.includes(s.slug)}
                    />{' '}
                    {s.name} <span class="klein">({s.gebied})</span>
                  </label>
                ))}
              </div>
            </fieldset>
          </details>
          <p class="hint">Niets aangevinkt: alle besturen.</p>
          <button type="submit" class="secundair">
            Ontvangers opslaan
          </button>
        </form>
      ) : null}
    </section>
  );
}

/** ConfirmAction is what the confirm step confirms. */
export type ConfirmAction = 'nu' | 'inplannen' | 'verzetten';

/** SendConfirmPage is the confirm step: exactly how many people on which lists, and when. */
export function SendConfirmPage(
  p: Frame & {
    campaign: CampaignHead;
    audience: AudienceSummary;
    action: ConfirmAction;
    moment: Date | null;
    now: Date;
    note?: string;
  },
) {
  const c = p.campaign;
  const who = peopleOn(p.audience);
  const filter = filterPhrase(p.audience);
  const overlap = p.audience.perList.reduce((n, l) => n + l.count, 0) - p.audience.total;
  const when = p.moment
    ? `${dutchDateTime(p.moment.toISOString())} (Amsterdamse tijd), over ${timeLeft(p.now, p.moment)}`
    : 'nu meteen';
  const question =
    p.action === 'nu'
      ? `${KIND[c.kind]} nu versturen?`
      : p.action === 'inplannen'
        ? `${KIND[c.kind]} inplannen?`
        : 'Ander moment kiezen?';
  const button =
    p.action === 'nu'
      ? `${KIND[c.kind]} versturen aan ${dutchNumber(p.audience.total)} ${p.audience.total === 1 ? 'persoon' : 'mensen'}`
      : p.action === 'inplannen'
        ? `Inplannen voor ${dutchDateTime(p.moment!.toISOString())}`
        : `Verzetten naar ${dutchDateTime(p.moment!.toISOString())}`;
  return (
    <AdminLayout title={question} who={p.who} nav={p.nav} current={CURRENT}>
      <Style />
      <section class="bevestig" aria-labelledby="vraag">
        <h1 id="vraag">{question}</h1>
        <p>
          <strong>{c.subject}</strong>
        </p>
        <dl>
          <dt>Ontvangers</dt>
          <dd>
            {who}
            {filter ? `, ${filter}` : ''}.
            <ul>
              {p.audience.perList.map((l) => (
                <li key={l.slug}>
                  {l.name}: {dutchNumber(l.count)}
                </li>
              ))}
            </ul>
            {overlap > 0 ? (
              <p class="klein">
                {dutchNumber(overlap)} {overlap === 1 ? 'persoon staat' : 'mensen staan'} op meer dan één
                lijst en krijgt de mail één keer.
              </p>
            ) : null}
          </dd>
          <dt>Wanneer</dt>
          <dd>{when}</dd>
        </dl>
        {p.note ? <p class="melding">{p.note}</p> : null}
        {p.action === 'nu' ? (
          <p>
            Na deze knop kan het versturen nog worden gepauzeerd of geannuleerd, maar niet meer ongedaan
            gemaakt.
          </p>
        ) : (
          <p>Tot dat moment kunt u de campagne nog verzetten of terugzetten naar concept.</p>
        )}
        <div class="knoppen">
          <form method="post" action={`/beheer/campagnes/${c.id}/bevestigen`}>
            <input type="hidden" name="actie" value={p.action} />
            {p.moment ? <input type="hidden" name="moment" value={p.moment.toISOString()} /> : null}
            <input type="hidden" name="aantal" value={String(p.audience.total)} />
            <button type="submit">{button}</button>
          </form>
          <a class="knop secundair" href={`/beheer/campagnes/${c.id}/versturen`}>
            Nee, terug
          </a>
        </div>
      </section>
    </AdminLayout>
  );
}

/** Progress is a send's state as the progress page and its JSON show it. */
export interface Progress {
  status: Campaign['status'];
  total: number;
  done: number;
  percent: number;
  sent: number;
  toGo: number;
  skipped: number;
  failed: number;
  cancelled: number;
  delivered: number;
  bounced: number;
  complained: number;
}

/** progressOf makes the progress of a campaign from its delivery counts. */
export function progressOf(status: Campaign['status'], k: DeliveryCounts): Progress {
  const done = k.sent + k.failed + k.skipped + k.cancelled;
  return {
    status,
    total: k.total,
    done,
    percent: k.total ? Math.floor((done * 100) / k.total) : 0,
    sent: k.sent,
    toGo: k.queued,
    skipped: k.skipped,
    failed: k.failed,
    cancelled: k.cancelled,
    delivered: k.delivered,
    bounced: k.bounced,
    complained: k.complained,
  };
}

function Count(props: { label: string; name: keyof Progress; value: number }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd data-teller={props.name}>{dutchNumber(props.value)}</dd>
    </div>
  );
}

/** progressText is the sentence under the bar. */
export function progressText(p: Progress): string {
  return `${dutchNumber(p.done)} van ${dutchNumber(p.total)} verwerkt (${p.percent}%).`;
}

/** ProgressPage is /beheer/campagnes/:id/voortgang: while sending a bar that updates itself; after, the outcome. */
export function ProgressPage(
  p: Frame & { campaign: CampaignHead; progress: Progress; archiveUrl: string | null; pollSeconds: number },
) {
  const c = p.campaign;
  const k = p.progress;
  const running = c.status === 'sending' || c.status === 'paused';
  const title = running ? `Voortgang: ${c.subject}` : `${STATUS_WORD[c.status]}: ${c.subject}`;
  return (
    <AdminLayout title={title} who={p.who} nav={p.nav} current={CURRENT}>
      <Style />
      <p>
        <a href={composer(c.id)}>← Terug naar de {KIND[c.kind]}</a>
      </p>
      <h1>{title}</h1>
      <Flash message={p.flash} />
      <div
        data-voortgang={`/beheer/campagnes/${c.id}/voortgang.json`}
        data-status={c.status}
        data-seconden={String(p.pollSeconds)}
      >
        <p>
          Status: <strong data-teller="statusWord">{STATUS_WORD[c.status]}</strong>
          {c.startedAt ? ` · gestart op ${dutchDateTime(c.startedAt)}` : ''}
          {c.sentAt ? ` · klaar op ${dutchDateTime(c.sentAt)}` : ''}
        </p>
        <label for="voortgang">Voortgang</label>
        <progress id="voortgang" max={Math.max(1, k.total)} value={k.done}>
          {k.percent}%
        </progress>
        <p role="status" data-teller="text">
          {progressText(k)}
        </p>
        <dl class="tellingen">
          <Count label="Verstuurd" name="sent" value={k.sent} />
          <Count label="Nog te gaan" name="toGo" value={k.toGo} />
          <Count label="Overgeslagen" name="skipped" value={k.skipped} />
          <Count label="Mislukt" name="failed" value={k.failed} />
          {k.cancelled ? <Count label="Geannuleerd" name="cancelled" value={k.cancelled} /> : null}
        </dl>
        {running ? (
          <p class="klein">
            Deze pagina werkt zichzelf elke {p.pollSeconds} seconden bij.{' '}
            <a href={`/beheer/campagnes/${c.id}/voortgang`}>Vernieuwen</a>
          </p>
        ) : null}
      </div>
      {running ? <script src="/beheer/static/voortgang.js" defer /> : null}
      {running ? (
        <div class="knoppen">
          {c.status === 'sending' ? (
            <form method="post" action={`/beheer/campagnes/${c.id}/pauzeren`}>
              <button type="submit" class="secundair">
                Pauzeren
              </button>
            </form>
          ) : (
            <form method="post" action={`/beheer/campagnes/${c.id}/hervatten`}>
              <button type="submit">Hervatten</button>
            </form>
          )}
          <a class="knop secundair" href={`/beheer/campagnes/${c.id}/annuleren`}>
            Annuleren…
          </a>
        </div>
      ) : null}
      {c.status === 'sent' || c.status === 'cancelled' || running ? (
        <>
          <h2>Na het versturen</h2>
          <p class="klein">Mailprogramma’s melden dit in de uren na het versturen.</p>
          <dl class="tellingen">
            <Count label="Afgeleverd" name="delivered" value={k.delivered} />
            <Count label="Onbestelbaar" name="bounced" value={k.bounced} />
            <Count label="Klachten (spam)" name="complained" value={k.complained} />
          </dl>
        </>
      ) : null}
      {c.kind === 'nieuwsbrief' ? (
        <section aria-labelledby="archief">
          <h2 id="archief">Archief</h2>
          {c.public ? (
            <p>
              Deze Nieuwsbrief staat{c.status === 'sent' ? '' : ' (zodra hij verstuurd is)'} in het openbare
              archief: {p.archiveUrl ? <a href={p.archiveUrl}>{p.archiveUrl}</a> : null}
            </p>
          ) : (
            <p>Deze Nieuwsbrief staat niet in het openbare archief.</p>
          )}
          <form method="post" action={`/beheer/campagnes/${c.id}/archief`}>
            <input type="hidden" name="openbaar" value={c.public ? 'nee' : 'ja'} />
            <button type="submit" class="secundair">
              {c.public ? 'Uit het archief halen' : 'In het openbare archief zetten'}
            </button>
          </form>
        </section>
      ) : (
        <p class="klein">Netwerkmails komen niet in het openbare archief.</p>
      )}
    </AdminLayout>
  );
}

/** CancelConfirmPage asks before a running send is cancelled and names what stops. */
export function CancelConfirmPage(p: Frame & { campaign: CampaignHead; progress: Progress }) {
  const c = p.campaign;
  return (
    <AdminLayout title="Versturen annuleren?" who={p.who} nav={p.nav} current={CURRENT}>
      <Style />
      <section aria-labelledby="vraag">
        <h1 id="vraag">Versturen annuleren?</h1>
        <div class="melding fout">
          <p>
            <strong>{c.subject}</strong>: {dutchNumber(p.progress.toGo)}{' '}
            {p.progress.toGo === 1 ? 'persoon krijgt' : 'mensen krijgen'} de mail dan niet meer. De{' '}
            {dutchNumber(p.progress.sent)} die al verstuurd zijn, blijven verstuurd.
          </p>
          <p>Annuleren kan niet ongedaan worden gemaakt; pauzeren wel.</p>
        </div>
        <div class="knoppen">
          <form method="post" action={`/beheer/campagnes/${c.id}/annuleren`}>
            <button type="submit" class="gevaar">
              Ja, versturen annuleren
            </button>
          </form>
          <a class="knop secundair" href={`/beheer/campagnes/${c.id}/voortgang`}>
            Nee, terug
          </a>
        </div>
      </section>
    </AdminLayout>
  );
}
