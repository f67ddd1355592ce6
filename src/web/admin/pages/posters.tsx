/** @jsxImportSource hono/jsx */
import { raw } from 'hono/html';
import type { CatalogueEntry, CatalogueField } from '../../../modules/print/catalogue.js';
import type { Design, PictureMeta } from '../../../modules/print/schema.js';
import { ErrorSummary, type Errors, Field } from '../kit/field.js';
import { AdminLayout } from '../kit/layout.js';
import { ConfirmStep, dutchDateTime, Flash, Table } from '../kit/parts.js';
import type { Frame } from './people.js';

// The poster maker's own styles: template cards with their thumbnails, the form beside the
// page on a wide screen (under it on a phone), and the character counters.
const css = `
.kaarten { display: grid; grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); gap: 1rem; list-style: none; padding: 0; margin: 0 0 1.5rem; }
.kaart { background: #fff; border: 1px solid var(--lijn); border-radius: .4rem; padding: .6rem; }
.kaart a { display: block; text-decoration: none; color: var(--tekst); }
.kaart a:hover .kaart-titel, .kaart a:focus .kaart-titel { text-decoration: underline; }
.kaart svg { display: block; width: 100%; height: auto; border: 1px solid var(--lijn); margin-bottom: .5rem; }
.kaart-titel { font-weight: 700; color: var(--groen); display: block; }
.kaart .klein { display: block; }
.maker { display: grid; gap: 1.5rem; grid-template-columns: minmax(0, 1fr); }
@media (min-width: 56rem) { .maker { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } .maker .voorbeeld-kolom { position: sticky; top: 1rem; align-self: start; } }
.maker .veld { max-width: none; }
.maker textarea { min-height: 5.5rem; }
.teller { font-size: .95rem; color: var(--grijs); margin: .2rem 0 0; }
.teller.te-veel { color: var(--rood); font-weight: 600; }
.voorbeeld { background: #e4e8e5; padding: .75rem; border-radius: .4rem; }
.voorbeeld svg { display: block; width: 100%; height: auto; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
.voorbeeld.verouderd svg { opacity: .45; }
.keuze { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
.keuze label { font-weight: 400; display: inline-flex; gap: .4rem; align-items: center; }
img.foto { max-width: 14rem; max-height: 10rem; border: 1px solid var(--lijn); }
`;

/** DesignValues are the maker's form as typed. */
export interface DesignValues {
  id: number | null;
  template: string;
  name: string;
  size: string;
  bleed: boolean;
  fields: Record<string, string>;
}

/** Thumbnail is one template card: the template and its first page as SVG (empty when it could not be drawn). */
export interface Thumbnail {
  template: CatalogueEntry;
  svg: string;
}

const kindLabel = { poster: 'Posters', handout: 'Handouts' } as const;

/** PostersPage lists the templates as thumbnails, the saved designs, and the poster photo. */
export function PostersPage(
  props: Frame & {
    stadsdorp: { slug: string; name: string };
    fontCss: string;
    thumbnails: Thumbnail[];
    designs: Design[];
    titles: Record<string, string>;
    photo: { meta: PictureMeta; url: string } | null;
    errors: Errors;
  },
) {
  const base = `/beheer/stadsdorpen/${props.stadsdorp.slug}/posters`;
  return (
    <AdminLayout
      title={`Posters en handouts ${props.stadsdorp.name}`}
      who={props.who}
      nav={props.nav}
      current={base}
    >
      <style>{raw(props.fontCss + css)}</style>
      <h1>Posters en handouts van {props.stadsdorp.name}</h1>
      <Flash message={props.flash} />
      <ErrorSummary errors={props.errors} labels={{ foto: 'Foto' }} />
      <p>
        Kies een ontwerp, vul uw eigen teksten in en download de PDF voor de kantoorprinter of de drukkerij.
        Kleur en logo komen uit het{' '}
        <a href={`/beheer/stadsdorpen/${props.stadsdorp.slug}/profiel`}>profiel</a>.
      </p>
      {(['poster', 'handout'] as const).map((kind) => (
        <section key={kind} aria-labelledby={`kop-${kind}`}>
          <h2 id={`kop-${kind}`}>{kindLabel[kind]}</h2>
          <ul class="kaarten">
            {props.thumbnails
              .filter((t) => t.template.kind === kind)
              .map((t) => (
                <li key={t.template.slug} class="kaart">
                  <a href={`${base}/nieuw?template=${t.template.slug}`}>
                    {raw(t.svg)}
                    <span class="kaart-titel">{t.template.title}</span>
                    <span class="klein">{t.template.sizes.join(' of ')}</span>
                  </a>
                </li>
              ))}
          </ul>
        </section>
      ))}
      <h2>Opgeslagen ontwerpen</h2>
      <Table
        caption={`Ontwerpen van ${props.stadsdorp.name}`}
        columns={[
          { label: 'Naam' },
          { label: 'Ontwerp' },
          { label: 'Formaat' },
          { label: 'Gewijzigd' },
          { label: 'Acties' },
        ]}
        rows={props.designs.map((d) => [
          <a key="naam" href={`${base}/${d.id}`}>
            {d.name}
          </a>,
          props.titles[d.template] ?? d.template,
          `${d.size}${d.bleed ? ', met afloop' : ''}`,
          dutchDateTime(d.updatedAt),
          <div key="acties" class="knoppen">
            <a href={`${base}/${d.id}/pdf`}>
              PDF downloaden<span class="verborgen"> van {d.name}</span>
            </a>
            <form method="post" action={`${base}/${d.id}/kopie`}>
              <button type="submit" class="secundair">
                Kopie maken<span class="verborgen"> van {d.name}</span>
              </button>
            </form>
            <a href={`${base}/${d.id}/verwijderen`}>
              Verwijderen<span class="verborgen"> {d.name}</span>
            </a>
          </div>,
        ])}
        empty="Nog geen opgeslagen ontwerpen."
      />
      <h2>Foto op de posters</h2>
      {props.photo ? (
        <div>
          <img class="foto" src={props.photo.url} alt={`De posterfoto van ${props.stadsdorp.name}`} />
          <p class="klein">
            {props.photo.meta.width} × {props.photo.meta.height} pixels, geplaatst{' '}
            {dutchDateTime(props.photo.meta.uploadedAt)}.{' '}
            <a href={`${base}/foto/verwijderen`}>Foto verwijderen</a>
          </p>
        </div>
      ) : (
        <p>Er is nog geen foto. Zonder foto krijgen de posters een vlak in uw huiskleur.</p>
      )}
      <form method="post" action={`${base}/foto`} enctype="multipart/form-data">
        <Field
          name="foto"
          type="file"
          label={props.photo ? 'Andere foto' : 'Foto'}
          hint="JPEG of PNG, liefst een liggende foto van minstens 2400 pixels breed. De foto komt op elke poster."
          accept="image/jpeg,image/png"
          error={props.errors.foto}
        />
        <button type="submit">Foto plaatsen</button>
      </form>
    </AdminLayout>
  );
}

/** remaining is what the counter under a field says: characters left, or too many. */
export function remaining(value: string, max: number): string {
  const left = max - value.trim().length;
  if (left >= 0) return `Nog ${left} ${left === 1 ? 'teken' : 'tekens'}`;
  return `${-left} ${left === -1 ? 'teken' : 'tekens'} te veel`;
}

function TextField(props: { field: CatalogueField; value: string; error?: string }) {
  const f = props.field;
  const id = `veld.${f.name}`;
  const hint = [
    f.hint,
    `Hoogstens ${f.maxLength} tekens${f.required ? '' : ', niet verplicht'}.`,
    props.value.includes('{stadsdorp}') ? '{stadsdorp} wordt de naam van uw stadsdorp.' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const described = [`${id}-hint`, props.error ? `${id}-fout` : '', `${id}-teller`].filter(Boolean).join(' ');
  const over = props.value.trim().length > f.maxLength;
  return (
    <div class="veld">
      <label for={id}>{f.label}</label>
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
      {props.error ? (
        <p class="fout" id={`${id}-fout`}>
          <span class="verborgen">Fout: </span>
          {props.error}
        </p>
      ) : null}
      {f.multiline ? (
        <textarea
          id={id}
          name={id}
          rows={4}
          data-max={f.maxLength}
          aria-describedby={described}
          aria-invalid={props.error ? 'true' : undefined}
        >
          {props.value}
        </textarea>
      ) : (
        <input
          type="text"
          id={id}
          name={id}
          value={props.value}
          data-max={f.maxLength}
          aria-describedby={described}
          aria-invalid={props.error ? 'true' : undefined}
        />
      )}
      <p class={over ? 'teller te-veel' : 'teller'} id={`${id}-teller`}>
        {remaining(props.value, f.maxLength)}
      </p>
    </div>
  );
}

/** MakerPage is the poster maker: the template's fields, size and bleed, beside the page itself. */
export function MakerPage(
  props: Frame & {
    stadsdorp: { slug: string; name: string };
    template: CatalogueEntry;
    values: DesignValues;
    errors: Errors;
    fontCss: string;
    /** The page as SVG, or null when the texts do not fit (the errors say why). */
    preview: string | null;
  },
) {
  const base = `/beheer/stadsdorpen/${props.stadsdorp.slug}/posters`;
  const v = props.values;
  const labels: Record<string, string> = { naam: 'Naam van het ontwerp', formaat: 'Formaat' };
  for (const f of props.template.fields) labels[`veld.${f.name}`] = f.label;
  const title = v.id ? `${v.name} bewerken` : `Nieuw: ${props.template.title}`;
  return (
    <AdminLayout title={title} who={props.who} nav={props.nav} current={base}>
      <style>{raw(props.fontCss + css)}</style>
      <p>
        <a href={base}>← Alle posters en handouts</a>
      </p>
      <h1>
        {props.template.title}
        {v.id ? `: ${v.name}` : ''}
      </h1>
      <Flash message={props.flash} />
      <ErrorSummary errors={props.errors} labels={labels} />
      <p>{props.template.description}</p>
      <div class="maker">
        <form
          method="post"
          action={`${base}/ontwerp/voorbeeld`}
          data-voorbeeld={`${base}/ontwerp/voorbeeld.svg`}
          novalidate
        >
          <input type="hidden" name="template" value={v.template} />
          {v.id ? <input type="hidden" name="id" value={String(v.id)} /> : null}
          <Field
            name="naam"
            label="Naam van het ontwerp"
            hint="Alleen voor uzelf, om het ontwerp terug te vinden."
            value={v.name}
            error={props.errors.naam}
          />
          {props.template.fields.map((f) => (
            <TextField
              key={f.name}
              field={f}
              value={v.fields[f.name] ?? ''}
              error={props.errors[`veld.${f.name}`]}
            />
          ))}
          <fieldset>
            <legend>Formaat</legend>
            {props.errors.formaat ? (
              <p class="fout" id="formaat-fout">
                <span class="verborgen">Fout: </span>
                {props.errors.formaat}
              </p>
            ) : null}
            <div class="keuze">
              {props.template.sizes.map((size, i) => (
                <label key={size}>
                  <input
                    type="radio"
                    name="formaat"
                    value={size}
                    id={i === 0 ? 'formaat' : undefined}
                    checked={v.size === size}
                  />
                  {size}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend>Voor de drukkerij</legend>
            <div class="keuze">
              <label>
                <input
                  type="checkbox"
                  name="afloop"
                  value="ja"
                  checked={v.bleed}
                  aria-describedby="afloop-hint"
                />
                Met 3 mm afloop en snijtekens
              </label>
            </div>
            <p class="hint" id="afloop-hint">
              Alleen als een drukkerij de poster drukt. Voor de kantoorprinter laat u dit uit.
            </p>
          </fieldset>
          <div class="knoppen">
            <button type="submit">Voorbeeld bijwerken</button>
            <button type="submit" class="secundair" formaction={`${base}/ontwerp/pdf`}>
              PDF downloaden
            </button>
            <button type="submit" class="secundair" formaction={`${base}/ontwerp/opslaan`}>
              {v.id ? 'Wijzigingen opslaan' : 'Ontwerp opslaan'}
            </button>
          </div>
        </form>
        <section class="voorbeeld-kolom" aria-labelledby="voorbeeld-kop">
          <h2 id="voorbeeld-kop">Voorbeeld</h2>
          <p class="hint">Zo wordt de pagina gedrukt. Het voorbeeld volgt wat u typt.</p>
          <p id="voorbeeld-status" class="fout" role="status">
            {props.preview
              ? ''
              : 'Het voorbeeld is niet bijgewerkt: pas eerst de teksten aan die hierboven genoemd worden.'}
          </p>
          <div id="voorbeeld-pagina" class={props.preview ? 'voorbeeld' : 'voorbeeld verouderd'}>
            {props.preview ? raw(props.preview) : null}
          </div>
        </section>
      </div>
      <script src="/beheer/static/posters.js" defer />
    </AdminLayout>
  );
}

/** DeletePhotoPage asks before the poster photo is removed. */
export function DeletePhotoPage(props: Frame & { stadsdorp: { slug: string; name: string } }) {
  const base = `/beheer/stadsdorpen/${props.stadsdorp.slug}/posters`;
  return (
    <AdminLayout title="Foto verwijderen" who={props.who} nav={props.nav} current={base}>
      <ConfirmStep
        question="De posterfoto verwijderen?"
        consequence={
          <p>
            De foto verdwijnt van alle posters van {props.stadsdorp.name}; daar komt een vlak in uw huiskleur.
            Wilt u hem terug, dan moet u hem opnieuw plaatsen.
          </p>
        }
        action={`${base}/foto/verwijderen`}
        button="Ja, foto verwijderen"
        cancelHref={base}
      />
    </AdminLayout>
  );
}

/** DeleteDesignPage asks before a design is deleted and names it. */
export function DeleteDesignPage(
  props: Frame & { stadsdorp: { slug: string; name: string }; design: Design },
) {
  const base = `/beheer/stadsdorpen/${props.stadsdorp.slug}/posters`;
  return (
    <AdminLayout title="Ontwerp verwijderen" who={props.who} nav={props.nav} current={base}>
      <ConfirmStep
        question={`Ontwerp '${props.design.name}' verwijderen?`}
        consequence={
          <p>
            De teksten van dit ontwerp zijn daarna weg. Gedrukte posters blijven werken: hun QR-code hangt
            niet aan het ontwerp.
          </p>
        }
        action={`${base}/${props.design.id}/verwijderen`}
        button="Ja, ontwerp verwijderen"
        cancelHref={base}
      />
    </AdminLayout>
  );
}
