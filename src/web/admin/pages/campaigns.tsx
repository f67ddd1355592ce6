/** @jsxImportSource hono/jsx */
// The CoCo's campaign pages: the list of Nieuwsbrieven and Netwerkmails, and the composer
// with the mail beside it as a recipient gets it.
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Campaign, CampaignStatus } from '../../../modules/campaigns/schema.js';
import {
  type Change,
  type ComposerValues,
  ITEM_FIELDS,
  ITEM_LABEL,
  type Item,
  LIST_NAMES,
  type ListName,
  labelOf,
} from '../composer-form.js';
import { ErrorSummary, type Errors, Field, TextArea } from '../kit/field.js';
import { AdminLayout } from '../kit/layout.js';
import { ConfirmStep, dutchDateTime, Flash, Pagination, Table } from '../kit/parts.js';
import { ArticlePhoto } from './article-photo.js';
import type { Frame } from './people.js';

/** STATUS_LABEL says a campaign's status in Dutch. */
export const STATUS_LABEL: Record<CampaignStatus, string> = {
  draft: 'Concept',
  scheduled: 'Ingepland',
  sending: 'Wordt verstuurd',
  paused: 'Gepauzeerd',
  sent: 'Verstuurd',
  cancelled: 'Geannuleerd',
};

const KIND_LABEL: Record<Campaign['kind'], string> = {
  nieuwsbrief: 'Nieuwsbrief',
  netwerkmail: 'Netwerkmail',
};

/** isEditable: a draft, or a scheduled campaign whose send has not started, can still change. */
export function isEditable(c: Pick<Campaign, 'status' | 'startedAt'>): boolean {
  return c.status === 'draft' || (c.status === 'scheduled' && !c.startedAt);
}

function when(c: Campaign): string {
  if (c.status === 'sent') return `verstuurd ${dutchDateTime(c.sentAt)}`;
  if (c.status === 'scheduled') return `ingepland voor ${dutchDateTime(c.scheduledAt)}`;
  if (c.status === 'sending' || c.status === 'paused') return `gestart ${dutchDateTime(c.startedAt)}`;
  return `gewijzigd ${dutchDateTime(c.updatedAt)}`;
}

function CloneButton(props: { campaign: Campaign; label?: string }) {
  return (
    <form method="post" action={`/beheer/campagnes/${props.campaign.id}/kopie`}>
      <button type="submit" class="secundair">
        {props.label ?? 'Kopie maken'}
        <span class="verborgen"> van {props.campaign.subject}</span>
      </button>
    </form>
  );
}

/** CampaignsPage lists every campaign with its status, and starts a new one. */
export function CampaignsPage(
  props: Frame & { items: Campaign[]; nextBefore: number | null; first: boolean },
) {
  return (
    <AdminLayout title="Nieuwsbrieven en mails" who={props.who} nav={props.nav} current="/beheer/campagnes">
      <h1>Nieuwsbrieven en mails</h1>
      <Flash message={props.flash} />
      <p>
        Een <strong>Nieuwsbrief</strong> gaat naar de besturen en de geïnteresseerden: nieuws, agenda en
        Kennisbank. Een <strong>Netwerkmail</strong> is een kort bericht van de CoCo aan de besturen.
      </p>
      <div class="knoppen" style="margin-bottom:1.5rem">
        <form method="post" action="/beheer/campagnes/nieuw">
          <input type="hidden" name="soort" value="nieuwsbrief" />
          <button type="submit">Nieuwe Nieuwsbrief</button>
        </form>
        <form method="post" action="/beheer/campagnes/nieuw">
          <input type="hidden" name="soort" value="netwerkmail" />
          <button type="submit">Nieuwe Netwerkmail</button>
        </form>
      </div>
      <Table
        caption="Alle nieuwsbrieven en mails, nieuwste eerst"
        columns={[
          { label: 'Onderwerp' },
          { label: 'Soort' },
          { label: 'Status' },
          { label: 'Wanneer' },
          { label: 'Acties' },
        ]}
        rows={props.items.map((c) => [
          <a key="o" href={`/beheer/campagnes/${c.id}`}>
            {c.subject}
          </a>,
          KIND_LABEL[c.kind],
          <strong key="s">{STATUS_LABEL[c.status]}</strong>,
          when(c),
          <div key="a" class="knoppen">
            {isEditable(c) ? (
              <a href={`/beheer/campagnes/${c.id}/versturen`}>
                Versturen<span class="verborgen"> {c.subject}</span>
              </a>
            ) : null}
            <CloneButton campaign={c} />
            {c.status === 'draft' ? (
              <a href={`/beheer/campagnes/${c.id}/verwijderen`}>
                Verwijderen<span class="verborgen"> {c.subject}</span>
              </a>
            ) : null}
          </div>,
        ])}
        empty="Er is nog geen nieuwsbrief of mail. Begin hierboven met een nieuwe."
      />
      <Pagination
        firstHref={props.first ? null : '/beheer/campagnes'}
        nextHref={props.nextBefore ? `/beheer/campagnes?voor=${props.nextBefore}` : null}
      />
    </AdminLayout>
  );
}

const css = `
.componist { display: grid; gap: 1.5rem; align-items: start; }
.componist > *, .componist fieldset { min-width: 0; }
.componist .hint { overflow-wrap: anywhere; }
.zijkolom { align-self: stretch; }
@media (min-width: 70rem) {
  .componist { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
  .voorbeeld { position: sticky; top: .5rem; }
}
.componist form .veld { max-width: none; }
.componist fieldset.kaal { border: 0; padding: 0; margin: 0; min-width: 0; }
.componist fieldset.blok-item { background: #fff; }
.componist fieldset.sectie > legend { font-size: 1.2rem; }
.componist fieldset.blok-item > legend { font-size: 1.05rem; }
.voorbeeld h2 { margin-top: 0; }
.voorbeeld .breedte { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; padding: .4rem .8rem; margin-bottom: .75rem; }
.voorbeeld .breedte legend { float: left; margin-right: 1rem; margin-bottom: 0; }
.voorbeeld .breedte label { display: inline; font-weight: 400; }
.voorbeeld .lijst { background: #e4e9e5; border: 1px solid var(--lijn); padding: .5rem; }
.voorbeeld iframe { display: block; width: 100%; height: 75vh; min-height: 26rem; border: 0; background: #fff; margin: 0 auto; }
.voorbeeld:has(#breedte-375:checked) iframe { width: 375px; max-width: 100%; }
.voorbeeld pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #fff; border: 1px solid var(--lijn); padding: .75rem; font-size: .9rem; max-height: 30rem; overflow: auto; }
.bewaard { min-height: 1.5em; margin: .4rem 0 0; }
.opslaanbalk { background: #fafaf7; padding: .25rem 0 .5rem; margin-bottom: 1rem; border-bottom: 1px solid var(--lijn); }
@media (min-width: 70rem) { .opslaanbalk { position: sticky; top: 0; z-index: 1; } }
.bewaard.fout { color: var(--rood); font-weight: 600; }
.markdownhulp table { font-size: .95rem; }
.conflict { background: #fbeceb; border-left: 4px solid var(--rood); padding: .75rem 1rem; margin: 0 0 1.25rem; }
.conflict h2 { margin-top: 0; color: var(--rood); }
.conflict td { white-space: pre-wrap; }
.foto-deel .label { font-weight: 600; margin: 0 0 .25rem; }
.foto-deel img.foto { display: block; width: 14rem; margin-bottom: .5rem; }
.foto-deel .knoppen { margin-top: .25rem; }
`;

function MarkdownHelp() {
  const rows: [string, string][] = [
    ['**vet**', 'vet'],
    ['*schuin*', 'schuin'],
    ['[tekst van de link](https://voorbeeld.nl)', 'een link (alleen https://, http:// en mailto:)'],
    ['- eerste punt', 'een opsomming: elk punt op een eigen regel'],
    ['een lege regel', 'een nieuwe alinea'],
  ];
  return (
    <details class="markdownhulp">
      <summary>Hulp bij opmaak (Markdown)</summary>
      <p class="klein">
        In de teksten kunt u opmaak typen met Markdown. HTML-code wordt niet uitgevoerd maar als tekst
        getoond.
      </p>
      <Table
        caption="Zo typt u opmaak"
        columns={[{ label: 'U typt' }, { label: 'De lezer ziet' }]}
        rows={rows.map(([typed, seen]) => [<code key="t">{typed}</code>, seen])}
      />
    </details>
  );
}

/**
 * PhotoPart is an article's photo in the composer: its thumbnail, and buttons that save the
 * form first and then go to the photo page (add, replace) or take the photo out. The address
 * travels in a hidden field, so that every save keeps it.
 */
function PhotoPart(props: { index: number; item: Item; errors: Errors; readOnly: boolean }) {
  const name = `content.articles.${props.index}.imageUrl`;
  const url = props.item.imageUrl ?? '';
  const error = props.errors[name];
  const which = <span class="verborgen"> (artikel {props.index + 1})</span>;
  return (
    <div class="veld foto-deel" id={name} tabindex={-1}>
      <input type="hidden" name={name} value={url} />
      <p class="label">Foto</p>
      {error ? (
        <p class="fout" id={`${name}-fout`}>
          <span class="verborgen">Fout: </span>
          {error}
        </p>
      ) : null}
      {url ? (
        <ArticlePhoto url={url} alt={props.item.imageAlt ?? ''} />
      ) : (
        <p class="hint">Niet verplicht. Eén foto boven het artikel.</p>
      )}
      {props.readOnly ? null : (
        <>
          <div class="knoppen">
            <button type="submit" name="actie" value={`foto:articles:${props.index}`} class="secundair">
              {url ? 'Foto vervangen' : 'Foto toevoegen'}
              {which}
            </button>
            {url ? (
              <button type="submit" name="actie" value={`fotoweg:articles:${props.index}`} class="secundair">
                Foto verwijderen{which}
              </button>
            ) : null}
          </div>
          <p class="hint klein">Wat u typte, wordt eerst opgeslagen.</p>
        </>
      )}
    </div>
  );
}

function ItemBlock(props: {
  list: ListName;
  index: number;
  count: number;
  item: Item;
  errors: Errors;
  readOnly: boolean;
}) {
  const { list, index } = props;
  const label = ITEM_LABEL[list];
  const name = (f: string) => `content.${list}.${index}.${f}`;
  const hint: Record<string, string> = {
    body: 'Markdown mag (zie Hulp bij opmaak).',
    imageAlt: 'Verplicht bij een foto: wat staat erop, in één zin, voor wie hem niet ziet.',
    link: 'Niet verplicht. Een volledige link, die begint met https://.',
    date: 'Bijvoorbeeld 2026-12-10.',
    time: 'Niet verplicht. Bijvoorbeeld 19:30 of 19:30-21:00.',
    place: 'Niet verplicht.',
    url: 'Een https-link naar het artikel in de Kennisbank.',
  };
  const number = index + 1;
  // A button acting on this item; its hidden words say which item, for a screen reader.
  const action = (verb: string, text: string) => (
    <button type="submit" name="actie" value={`${verb}:${list}:${index}`} class="secundair">
      {text}
      <span class="verborgen">
        {' '}
        ({label.one.toLowerCase()} {number})
      </span>
    </button>
  );
  return (
    <fieldset class="blok-item" id={`blok-${list}-${index}`}>
      <legend>
        {label.one} {number}
      </legend>
      {ITEM_FIELDS[list].map((f) =>
        f === 'imageUrl' ? (
          <PhotoPart
            key={f}
            index={index}
            item={props.item}
            errors={props.errors}
            readOnly={props.readOnly}
          />
        ) : f === 'imageAlt' && !props.item.imageUrl ? (
          <input key={f} type="hidden" name={name(f)} value={props.item[f] ?? ''} />
        ) : f === 'body' ? (
          <TextArea
            key={f}
            name={name(f)}
            label={label.fields[f] ?? f}
            hint={hint[f]}
            value={props.item[f]}
            error={props.errors[name(f)]}
            rows={6}
          />
        ) : (
          <Field
            key={f}
            name={name(f)}
            label={label.fields[f] ?? f}
            hint={hint[f]}
            value={props.item[f]}
            error={props.errors[name(f)]}
            type={f === 'date' ? 'date' : ['link', 'url'].includes(f) ? 'url' : 'text'}
          />
        ),
      )}
      {props.readOnly ? null : (
        <div class="knoppen">
          {index > 0 ? action('omhoog', 'Omhoog') : null}
          {index < props.count - 1 ? action('omlaag', 'Omlaag') : null}
          {action('weg', 'Verwijderen')}
        </div>
      )}
    </fieldset>
  );
}

const SECTION: Record<ListName, { title: string; add: string; hint: string }> = {
  articles: {
    title: 'Artikelen',
    add: 'Artikel toevoegen',
    hint: 'Nieuws uit de stadsdorpen en het Netwerk, in de volgorde van de mail.',
  },
  agenda: {
    title: 'Agenda',
    add: 'Agendapunt toevoegen',
    hint: 'Netwerkbijeenkomsten, themamiddagen, trainingen en borrels.',
  },
  kennisbank: {
    title: 'Uit de Kennisbank',
    add: 'Kennisbank-link toevoegen',
    hint: 'Links naar artikelen in de Kennisbank.',
  },
};

function Section(props: { list: ListName; items: Item[]; errors: Errors; readOnly: boolean }) {
  const s = SECTION[props.list];
  return (
    <fieldset class="sectie" id={`content.${props.list}`}>
      <legend>{s.title}</legend>
      <p class="hint">{s.hint}</p>
      {props.errors[`content.${props.list}`] ? (
        <p class="fout">
          <span class="verborgen">Fout: </span>
          {props.errors[`content.${props.list}`]}
        </p>
      ) : null}
      {props.items.length === 0 ? <p class="klein">Nog geen.</p> : null}
      {props.items.map((item, i) => (
        <ItemBlock
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks are numbered by position; rendered once
          key={i}
          list={props.list}
          index={i}
          count={props.items.length}
          item={item}
          errors={props.errors}
          readOnly={props.readOnly}
        />
      ))}
      {props.readOnly ? null : (
        <button type="submit" name="actie" value={`erbij:${props.list}`} class="secundair">
          {s.add}
        </button>
      )}
    </fieldset>
  );
}

function Changes(props: { changes: Change[] }) {
  return (
    <section class="conflict" aria-labelledby="conflict-titel">
      <h2 id="conflict-titel">Iemand anders heeft dit concept intussen gewijzigd</h2>
      <p>
        Uw eigen tekst staat nog in het formulier hieronder; er is nog niets van u opgeslagen. In de tabel
        ziet u wat de ander veranderde. Neem daarvan over wat u wilt houden en druk dan op{' '}
        <strong>Opslaan</strong>: dan gaat uw versie voor.
      </p>
      <Table
        caption="Wat de ander veranderde"
        columns={[{ label: 'Veld' }, { label: 'Toen u het opende' }, { label: 'Nu opgeslagen' }]}
        rows={props.changes.map((ch) => [
          ch.field.startsWith('content.') || ch.field === 'subject' || ch.field === 'preheader' ? (
            <a key="v" href={`#${ch.field}`}>
              {ch.label}
            </a>
          ) : (
            ch.label
          ),
          ch.was || '(leeg)',
          ch.now || '(leeg)',
        ])}
      />
    </section>
  );
}

/** ComposerPage is one campaign's composer: its fields, saved as typed, and the mail beside them. */
export function ComposerPage(
  props: Frame & {
    campaign: Campaign;
    values: ComposerValues;
    was: ComposerValues;
    errors: Errors;
    changes?: Change[];
    /** unsaved: the form holds text that differs from the stored mail (errors, a conflict); the script previews it at once. */
    unsaved?: boolean;
    previewText: string;
    /** SLOT for the contributions' WaitingContributions panel, shown beside the composer. */
    aside?: Child;
  },
) {
  const c = props.campaign;
  const v = props.values;
  const readOnly = !isEditable(c);
  const base = `/beheer/campagnes/${c.id}`;
  const labels = Object.fromEntries(Object.keys(props.errors).map((k) => [k, labelOf(k)]));
  return (
    <AdminLayout
      title={`${KIND_LABEL[c.kind]}: ${c.subject}`}
      who={props.who}
      nav={props.nav}
      current="/beheer/campagnes"
      wide
    >
      <style>{raw(css)}</style>
      <p>
        <a href="/beheer/campagnes">← Alle nieuwsbrieven en mails</a>
      </p>
      <h1>
        {KIND_LABEL[c.kind]}: {c.subject}
      </h1>
      <p class="klein">
        Status: <strong>{STATUS_LABEL[c.status]}</strong>, {when(c)}.
      </p>
      <Flash message={props.flash} />
      {props.changes ? <Changes changes={props.changes} /> : null}
      <ErrorSummary errors={props.errors} labels={labels} />
      {readOnly ? (
        <div class="melding">
          <p style="margin-top:0">
            Deze {KIND_LABEL[c.kind].toLowerCase()} is {STATUS_LABEL[c.status].toLowerCase()} en kan niet meer
            worden gewijzigd. Wilt u hem opnieuw gebruiken? Maak een kopie: die wordt een nieuw concept.
          </p>
          <CloneButton campaign={c} label="Kopie maken om verder te werken" />
        </div>
      ) : c.status === 'scheduled' ? (
        <div class="melding">
          Ingepland voor {dutchDateTime(c.scheduledAt)}. Wat u hier wijzigt, gaat mee met de verzending.
        </div>
      ) : null}
      <div class="componist">
        <form
          method="post"
          action={base}
          data-componist={readOnly ? undefined : base}
          data-niet-opgeslagen={props.unsaved ? '' : undefined}
          novalidate
        >
          {/* First in the form, so that Enter in a field saves (the first submit button is
              the default), and within reach while the form scrolls. */}
          {readOnly ? null : (
            <div class="opslaanbalk">
              <div class="knoppen">
                <button type="submit" name="actie" value="opslaan">
                  Opslaan
                </button>
                <a class="knop secundair" href={`${base}/versturen`}>
                  Klaar? Naar versturen
                </a>
                {c.status === 'draft' ? (
                  <a class="knop secundair" href={`${base}/verwijderen`}>
                    Concept verwijderen
                  </a>
                ) : null}
              </div>
              <p class="bewaard klein" data-bewaard role="status">
                Laatst opgeslagen: {dutchDateTime(c.updatedAt)}.
              </p>
            </div>
          )}
          <input type="hidden" name="versie" value={String(c.version)} />
          <input type="hidden" name="was" value={JSON.stringify(props.was)} />
          <fieldset class="kaal" disabled={readOnly}>
            <Field
              name="subject"
              label="Onderwerp"
              hint="De onderwerpregel van de mail."
              value={v.subject}
              error={props.errors.subject}
            />
            <Field
              name="preheader"
              label="Voorvertoningstekst"
              hint="Niet verplicht. De regel die veel mailprogramma's naast het onderwerp tonen."
              value={v.preheader}
              error={props.errors.preheader}
            />
            <MarkdownHelp />
            {c.kind === 'nieuwsbrief' ? (
              <>
                <TextArea
                  name="content.intro"
                  label="Inleiding"
                  hint="Komt na de aanhef “Beste (naam),”. Markdown mag."
                  value={v.text.intro}
                  error={props.errors['content.intro']}
                  rows={5}
                />
                {LIST_NAMES.map((list) => (
                  <Section
                    key={list}
                    list={list}
                    items={v.items[list]}
                    errors={props.errors}
                    readOnly={readOnly}
                  />
                ))}
                <TextArea
                  name="content.closing"
                  label="Slotwoord"
                  hint="Niet verplicht. Markdown mag."
                  value={v.text.closing}
                  error={props.errors['content.closing']}
                />
              </>
            ) : (
              <>
                <TextArea
                  name="content.body"
                  label="Tekst"
                  hint="Komt na de aanhef “Beste (naam),”. Markdown mag."
                  value={v.text.body}
                  error={props.errors['content.body']}
                  rows={12}
                />
                <TextArea
                  name="content.signature"
                  label="Ondertekening"
                  hint="Niet verplicht."
                  value={v.text.signature}
                  error={props.errors['content.signature']}
                />
                <fieldset>
                  <legend>Knop (niet verplicht)</legend>
                  <Field
                    name="content.button.label"
                    label="Tekst op de knop"
                    hint="Bijvoorbeeld: Meld u aan."
                    value={v.text['button.label']}
                    error={props.errors['content.button.label']}
                  />
                  <Field
                    name="content.button.url"
                    label="Link van de knop"
                    hint="Een volledige link, zoals https://netwerkamsterdamsestadsdorpen.nl/agenda."
                    type="url"
                    value={v.text['button.url']}
                    error={props.errors['content.button.url']}
                  />
                </fieldset>
              </>
            )}
          </fieldset>
          {readOnly ? null : (
            <div class="knoppen">
              <button type="submit" name="actie" value="opslaan">
                Opslaan
              </button>
            </div>
          )}
        </form>
        <div class="zijkolom">
          {props.aside ?? null}
          <section class="voorbeeld" aria-labelledby="voorbeeld-titel">
            <h2 id="voorbeeld-titel">Zo krijgt de lezer de mail</h2>
            <p class="klein">
              Onderwerp: <strong data-onderwerp>{c.subject}</strong>. Het voorbeeld volgt wat u typt; voor een
              voorbeeldlezer (Anna).
            </p>
            <fieldset class="breedte">
              <legend>Breedte</legend>
              <span>
                <input type="radio" name="breedte" id="breedte-computer" value="computer" checked />{' '}
                <label for="breedte-computer">Computer</label>
              </span>
              <span>
                <input type="radio" name="breedte" id="breedte-375" value="375" />{' '}
                <label for="breedte-375">Telefoon (375 px)</label>
              </span>
            </fieldset>
            <p class="klein" data-weggelaten role="status" />
            <div class="lijst">
              {/* No allow-scripts: the mail can run nothing. allow-same-origin only lets this
                page's own script swap the mail in place as it is typed, keeping the reader's
                scroll position; the document itself carries the preview CSP (no script). */}
              <iframe
                src={`${base}/voorbeeld`}
                sandbox="allow-same-origin"
                title={`Voorbeeld van de mail "${c.subject}"`}
                data-voorbeeld
              />
            </div>
            <details>
              <summary>Tekstversie (voor mailprogramma's zonder opmaak)</summary>
              <pre data-tekstversie>{props.previewText}</pre>
            </details>
          </section>
        </div>
      </div>
      {readOnly ? null : <script src="/beheer/campagnes/componist.js" defer />}
    </AdminLayout>
  );
}

/** DeleteDraftPage asks before a draft is deleted, naming what goes with it. */
export function DeleteDraftPage(props: Frame & { campaign: Campaign; takenContributions: number }) {
  const c = props.campaign;
  return (
    <AdminLayout title="Concept verwijderen" who={props.who} nav={props.nav} current="/beheer/campagnes">
      <ConfirmStep
        question={`Het concept “${c.subject}” verwijderen?`}
        consequence={
          <>
            <p style="margin-top:0">
              De {KIND_LABEL[c.kind].toLowerCase()} “{c.subject}” verdwijnt met alle tekst die erin staat,
              laatst gewijzigd {dutchDateTime(c.updatedAt)}. Dit kunt u niet ongedaan maken.
            </p>
            {props.takenContributions > 0 ? (
              <p style="margin-bottom:0">
                {props.takenContributions === 1
                  ? 'De bijdrage van een stadsdorp die erin is overgenomen, wacht daarna weer bij de bijdragen.'
                  : `De ${props.takenContributions} bijdragen van stadsdorpen die erin zijn overgenomen, wachten daarna weer bij de bijdragen.`}
              </p>
            ) : null}
          </>
        }
        action={`/beheer/campagnes/${c.id}/verwijderen`}
        button="Ja, verwijder dit concept"
        cancelHref={`/beheer/campagnes/${c.id}`}
      />
    </AdminLayout>
  );
}
