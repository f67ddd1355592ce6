/** @jsxImportSource hono/jsx */
// Contributions: an editor's items and the two forms to send one in; the CoCo's waiting items
// by stadsdorp with take and decline; and the side column of the composer.
import { raw } from 'hono/html';
import { markdownToHtml } from '../../../mail/markdown.js';
import type { Contribution, ContributionState } from '../../../modules/contributions/schema.js';
import { agendaOrder } from '../../../modules/contributions/service.js';
import { ErrorSummary, type Errors, Field, TextArea } from '../kit/field.js';
import { AdminLayout } from '../kit/layout.js';
import { dutchDateTime, Flash, Table } from '../kit/parts.js';
import type { Frame } from './people.js';

export { waitingContributions } from '../../../modules/contributions/service.js';

/** NewsValues are the news form as typed. */
export interface NewsValues {
  titel: string;
  tekst: string;
  link: string;
  alt: string;
}

/** AgendaValues are the agenda form as typed. */
export interface AgendaValues {
  datum: string;
  tijd: string;
  'agenda-titel': string;
  plaats: string;
  'agenda-link': string;
}

/** DraftChoice is a draft Nieuwsbrief a contribution can be taken into. */
export interface DraftChoice {
  id: number;
  subject: string;
}

const NEWS_LABELS: Record<string, string> = {
  titel: 'Titel',
  tekst: 'Tekst',
  link: 'Link',
  foto: 'Foto',
  alt: 'Beschrijving van de foto',
};
const AGENDA_LABELS: Record<string, string> = {
  datum: 'Datum',
  tijd: 'Tijd',
  'agenda-titel': 'Titel',
  plaats: 'Plaats',
  'agenda-link': 'Link',
};

const STATE_LABEL: Record<ContributionState, string> = {
  submitted: 'Ingestuurd, wacht op de CoCo',
  taken: 'Overgenomen in een Nieuwsbrief',
  sent: 'Verstuurd',
  declined: 'Afgewezen',
};

const dayFormat = new Intl.DateTimeFormat('nl-NL', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** agendaWhen writes an agenda item's date and time as people read them: "donderdag 10 december 2026, 19:30–21:00". */
export function agendaWhen(item: { date: string; time?: string }): string {
  const day = dayFormat.format(new Date(`${item.date}T12:00:00Z`));
  return item.time ? `${day}, ${item.time.replace('-', '–')}` : day;
}

function kindLabel(c: Contribution): string {
  return c.kind === 'news' ? 'Nieuwsbericht' : 'Agendapunt';
}

/** StateText says where an item stands, with the Nieuwsbrief or the CoCo's reason. */
function StateText({ c }: { c: Contribution }) {
  if (c.state === 'declined')
    return (
      <span>
        <strong>Afgewezen.</strong> Reden: {c.declineReason}
      </span>
    );
  if (c.state === 'taken')
    return (
      <span>
        <strong>Overgenomen</strong> in de Nieuwsbrief "{c.campaignSubject}"
      </span>
    );
  if (c.state === 'sent')
    return (
      <span>
        <strong>Verstuurd</strong> met de Nieuwsbrief "{c.campaignSubject}"
        {c.campaignSentAt ? ` op ${dutchDateTime(c.campaignSentAt)}` : ''}
      </span>
    );
  return <span>{STATE_LABEL.submitted}</span>;
}

/** ItemSummary shows what an item says: an agenda item's when and where, a news item's text and photo. */
function ItemSummary({ c }: { c: Contribution }) {
  if (c.kind === 'agenda')
    return (
      <p class="klein">
        {agendaWhen(c.item)}
        {c.item.place ? ` · ${c.item.place}` : ''}
        {c.item.link ? (
          <>
            {' · '}
            <a href={c.item.link}>{c.item.link}</a>
          </>
        ) : null}
      </p>
    );
  return (
    <>
      {c.item.imageUrl ? <img class="foto" src={c.item.imageUrl} alt={c.item.imageAlt ?? ''} /> : null}
      {/* As the Nieuwsbrief will show it: the same Markdown, raw HTML in it shown as text. */}
      <div class="tekst">{raw(markdownToHtml(c.item.body))}</div>
      {c.item.link ? (
        <p class="klein">
          Link: <a href={c.item.link}>{c.item.link}</a>
        </p>
      ) : null}
    </>
  );
}

function MarkdownHelp() {
  return (
    <details>
      <summary>Hulp bij de opmaak (Markdown)</summary>
      <ul class="klein">
        <li>Een lege regel begint een nieuwe alinea.</li>
        <li>
          <code>**vet**</code> wordt <strong>vet</strong>, <code>*schuin*</code> wordt <em>schuin</em>.
        </li>
        <li>
          Een link: <code>[tekst van de link](https://www.voorbeeld.nl)</code>.
        </li>
        <li>
          Een opsomming: begin elke regel met <code>- </code> (streepje en spatie).
        </li>
        <li>HTML-code wordt als gewone tekst getoond.</li>
      </ul>
    </details>
  );
}

/** EditorContributionsPage is an editor's own stadsdorp's items with their state, and the two forms to send one in. */
export function EditorContributionsPage(
  props: Frame & {
    stadsdorpName: string;
    items: Contribution[];
    news: NewsValues;
    newsErrors: Errors;
    agenda: AgendaValues;
    agendaErrors: Errors;
  },
) {
  return (
    <AdminLayout title="Bijdragen" who={props.who} nav={props.nav} current="/beheer/bijdragen">
      <h1>Bijdragen voor de Nieuwsbrief</h1>
      <Flash message={props.flash} />
      {/* One form comes back at a time; its errors go on top, each a link to its field. */}
      <ErrorSummary
        errors={{ ...props.newsErrors, ...props.agendaErrors }}
        labels={{ ...NEWS_LABELS, ...AGENDA_LABELS }}
      />
      <p>
        Stuur nieuws en agendapunten van {props.stadsdorpName} in voor de volgende Nieuwsbrief van het
        Netwerk. De CoCo neemt ze over of laat u weten waarom niet.
      </p>
      <Table
        caption={`Ingestuurd door ${props.stadsdorpName}`}
        columns={[{ label: 'Titel' }, { label: 'Soort' }, { label: 'Ingestuurd' }, { label: 'Stand' }]}
        empty="U hebt nog niets ingestuurd."
        rows={props.items.map((c) => [
          <a key="t" href={`/beheer/bijdragen/${c.id}`}>
            {c.item.title}
          </a>,
          kindLabel(c),
          `${dutchDateTime(c.createdAt)} door ${c.submittedBy}`,
          <StateText key="s" c={c} />,
        ])}
      />

      <h2 id="nieuws">Nieuwsbericht insturen</h2>
      <form method="post" action="/beheer/bijdragen/nieuws" enctype="multipart/form-data" novalidate>
        <Field name="titel" label="Titel" value={props.news.titel} error={props.newsErrors.titel} />
        <TextArea
          name="tekst"
          label="Tekst"
          hint="Een paar alinea's. U kunt Markdown gebruiken; zie de hulp hieronder."
          rows={8}
          value={props.news.tekst}
          error={props.newsErrors.tekst}
        />
        <MarkdownHelp />
        <Field
          name="foto"
          type="file"
          label="Foto (mag leeg blijven)"
          hint="JPEG of PNG, hoogstens 20 MB. Wij verkleinen hem voor de mail. Een iPhone-foto (HEIC) stuurt u als JPEG. Na een fout in het formulier kiest u de foto opnieuw."
          accept="image/jpeg,image/png"
          error={props.newsErrors.foto}
        />
        <Field
          name="alt"
          label="Beschrijving van de foto (nodig bij een foto)"
          hint="Wat staat erop, in een zin? Voor lezers met een schermlezer, en voor wie de foto niet ziet laden."
          value={props.news.alt}
          error={props.newsErrors.alt}
        />
        <Field
          name="link"
          type="url"
          label="Link (mag leeg blijven)"
          hint="Waar lezers meer lezen, zoals https://www.uwstadsdorp.nl/nieuws."
          value={props.news.link}
          error={props.newsErrors.link}
        />
        <button type="submit">Nieuwsbericht insturen</button>
      </form>

      <h2 id="agenda">Agendapunt insturen</h2>
      <form method="post" action="/beheer/bijdragen/agenda" novalidate>
        <Field
          name="datum"
          type="date"
          label="Datum"
          hint="Kies de dag, of typ hem als 2026-12-10."
          value={props.agenda.datum}
          error={props.agendaErrors.datum}
        />
        <Field
          name="tijd"
          label="Tijd (mag leeg blijven)"
          hint="Zoals 19:30 of 19:30-21:00."
          value={props.agenda.tijd}
          error={props.agendaErrors.tijd}
        />
        <Field
          name="agenda-titel"
          label="Titel"
          hint="Zoals Burenborrel of Workshop valpreventie."
          value={props.agenda['agenda-titel']}
          error={props.agendaErrors['agenda-titel']}
        />
        <Field
          name="plaats"
          label="Plaats (mag leeg blijven)"
          hint="Zoals Buurthuis De Pijp, Van Ostadestraat 1."
          value={props.agenda.plaats}
          error={props.agendaErrors.plaats}
        />
        <Field
          name="agenda-link"
          type="url"
          label="Link (mag leeg blijven)"
          hint="Waar lezers zich aanmelden of meer lezen."
          value={props.agenda['agenda-link']}
          error={props.agendaErrors['agenda-link']}
        />
        <button type="submit">Agendapunt insturen</button>
      </form>
    </AdminLayout>
  );
}

/** TakeForm is the one-click form that takes an item into a draft Nieuwsbrief and returns to `back`. */
function TakeForm(props: { c: Contribution; drafts: DraftChoice[]; back: string }) {
  const { c, drafts } = props;
  if (drafts.length === 0)
    return <p class="klein">Er is nog geen concept-Nieuwsbrief om dit in over te nemen.</p>;
  return (
    <form method="post" action={`/beheer/bijdragen/${c.id}/overnemen`}>
      <input type="hidden" name="terug" value={props.back} />
      {drafts.length === 1 ? (
        <input type="hidden" name="campagne" value={String(drafts[0]!.id)} />
      ) : (
        <div class="veld">
          <label for={`campagne-${c.id}`}>In welke Nieuwsbrief</label>
          <select id={`campagne-${c.id}`} name="campagne">
            {drafts.map((d) => (
              <option key={d.id} value={String(d.id)}>
                {d.subject}
              </option>
            ))}
          </select>
        </div>
      )}
      <button type="submit">
        {drafts.length === 1 ? `Overnemen in "${drafts[0]!.subject}"` : 'Overnemen in de Nieuwsbrief'}
      </button>
    </form>
  );
}

/** CocoContributionsPage is every waiting item, grouped by stadsdorp, each with take and decline. */
export function CocoContributionsPage(props: Frame & { items: Contribution[]; drafts: DraftChoice[] }) {
  const byStadsdorp = new Map<string, Contribution[]>();
  for (const c of props.items)
    byStadsdorp.set(c.stadsdorpName, [...(byStadsdorp.get(c.stadsdorpName) ?? []), c]);
  return (
    <AdminLayout title="Bijdragen" who={props.who} nav={props.nav} current="/beheer/bijdragen">
      <h1>Bijdragen van de stadsdorpen</h1>
      <Flash message={props.flash} />
      {props.items.length === 0 ? (
        <p>Er wachten geen bijdragen. Redacteuren van stadsdorpen sturen ze in via hun eigen pagina.</p>
      ) : (
        <p>
          {props.items.length === 1 ? 'Er wacht 1 bijdrage' : `Er wachten ${props.items.length} bijdragen`}.
          Neem ze over in een concept-Nieuwsbrief (daar kunt u ze nog aanpassen), of wijs ze af met een reden;
          de redacteur krijgt die reden per mail.
        </p>
      )}
      {props.drafts.length === 0 && props.items.length > 0 ? (
        <div class="melding">
          Er is geen concept-Nieuwsbrief. Maak eerst een Nieuwsbrief aan bij{' '}
          <a href="/beheer/campagnes">Campagnes</a>; daarna kunt u bijdragen overnemen.
        </div>
      ) : null}
      {[...byStadsdorp].map(([name, items]) => (
        <section key={name} aria-labelledby={`sd-${items[0]!.stadsdorpId}`}>
          <h2 id={`sd-${items[0]!.stadsdorpId}`}>{name}</h2>
          <div class="blokken">
            {items.map((c) => (
              <article key={c.id} class="blok" aria-labelledby={`bijdrage-${c.id}`}>
                <h3 id={`bijdrage-${c.id}`}>
                  {kindLabel(c)}: {c.item.title}
                </h3>
                <ItemSummary c={c} />
                <p class="klein">
                  Ingestuurd {dutchDateTime(c.createdAt)} door {c.submittedBy}
                </p>
                <div class="knoppen">
                  <TakeForm c={c} drafts={props.drafts} back="/beheer/bijdragen" />
                  <a class="knop secundair" href={`/beheer/bijdragen/${c.id}/afwijzen`}>
                    Afwijzen
                  </a>
                </div>
              </article>
            ))}
          </div>
        </section>
      ))}
    </AdminLayout>
  );
}

/** ContributionPage is one item with its state: an editor sees their own, the CoCo any. */
export function ContributionPage(props: Frame & { c: Contribution; coco: boolean }) {
  const { c } = props;
  return (
    <AdminLayout title={c.item.title} who={props.who} nav={props.nav} current="/beheer/bijdragen">
      <p>
        <a href="/beheer/bijdragen">← Terug naar de bijdragen</a>
      </p>
      <h1>
        {kindLabel(c)}: {c.item.title}
      </h1>
      <Flash message={props.flash} />
      <p>
        <StateText c={c} />
      </p>
      <ItemSummary c={c} />
      <p class="klein">
        {c.stadsdorpName}, ingestuurd {dutchDateTime(c.createdAt)} door {c.submittedBy}
      </p>
      {props.coco && c.state === 'submitted' ? (
        <p>
          <a class="knop secundair" href={`/beheer/bijdragen/${c.id}/afwijzen`}>
            Afwijzen
          </a>
        </p>
      ) : null}
    </AdminLayout>
  );
}

/** DeclinePage asks the CoCo for the reason, which is mailed to the editor. */
export function DeclinePage(props: Frame & { c: Contribution; reason: string; errors: Errors }) {
  const { c } = props;
  return (
    <AdminLayout title="Bijdrage afwijzen" who={props.who} nav={props.nav} current="/beheer/bijdragen">
      <p>
        <a href="/beheer/bijdragen">← Terug naar de bijdragen</a>
      </p>
      <h1>"{c.item.title}" afwijzen</h1>
      <ErrorSummary errors={props.errors} labels={{ reden: 'Reden' }} />
      <p>
        {kindLabel(c)} van {c.stadsdorpName}, ingestuurd door {c.submittedBy}.
      </p>
      <ItemSummary c={c} />
      <form method="post" action={`/beheer/bijdragen/${c.id}/afwijzen`} novalidate>
        <TextArea
          name="reden"
          label="Reden"
          hint={`${c.submittedBy} krijgt deze reden per mail. Zeg wat er beter kan of wanneer het wel past.`}
          rows={4}
          value={props.reason}
          error={props.errors.reden}
        />
        <div class="knoppen">
          <button type="submit" class="gevaar">
            Afwijzen en {c.submittedBy} mailen
          </button>
          <a class="knop secundair" href="/beheer/bijdragen">
            Nee, terug
          </a>
        </div>
      </form>
    </AdminLayout>
  );
}

/**
 * WaitingContributions is the composer's side column: the waiting items (news first, then the
 * agenda by date), each with a one-click form that takes it into this draft and returns to
 * the composer. Load its items with `waitingContributions(deps)`.
 */
export function WaitingContributions(props: { campaignId: number; items: Contribution[] }) {
  const news = props.items.filter((c) => c.kind === 'news');
  const agenda = props.items
    .filter((c): c is Extract<Contribution, { kind: 'agenda' }> => c.kind === 'agenda')
    .sort((a, b) => agendaOrder(a.item, b.item) || a.id - b.id);
  const back = `/beheer/campagnes/${props.campaignId}`;
  const take = (c: Contribution) => (
    <form method="post" action={`/beheer/bijdragen/${c.id}/overnemen`}>
      <input type="hidden" name="campagne" value={String(props.campaignId)} />
      <input type="hidden" name="terug" value={back} />
      <button type="submit" class="secundair" aria-label={`Overnemen: ${c.item.title}`}>
        Overnemen
      </button>
    </form>
  );
  return (
    <section class="bijdragen-paneel" aria-labelledby="wachtende-bijdragen">
      <h2 id="wachtende-bijdragen">Bijdragen van de stadsdorpen</h2>
      {props.items.length === 0 ? (
        <p class="klein">Er wachten geen bijdragen.</p>
      ) : (
        <>
          {news.length > 0 ? <h3>Nieuws</h3> : null}
          <ul>
            {news.map((c) => (
              <li key={c.id}>
                <strong>{c.item.title}</strong> <span class="klein">({c.stadsdorpName})</span>
                {take(c)}
              </li>
            ))}
          </ul>
          {agenda.length > 0 ? <h3>Agenda</h3> : null}
          <ul>
            {agenda.map((c) => (
              <li key={c.id}>
                <strong>{c.item.title}</strong>{' '}
                <span class="klein">
                  {agendaWhen(c.item)} ({c.stadsdorpName})
                </span>
                {take(c)}
              </li>
            ))}
          </ul>
          <p class="klein">
            <a href="/beheer/bijdragen">Alle bijdragen, ook afwijzen</a>
          </p>
        </>
      )}
    </section>
  );
}
