/** @jsxImportSource hono/jsx */
// The CoCo's MJML layouts: the list, the upload with its errors by line, one layout with its
// preview at desktop width and at 375 px, and the confirm step of a delete.
import { raw } from 'hono/html';
import type { Layout } from '../../../modules/campaigns/layouts.js';
import { ErrorSummary, type Errors, Field } from '../kit/field.js';
import { AdminLayout } from '../kit/layout.js';
import { dutchDateTime, Flash, Table } from '../kit/parts.js';
import type { Frame } from './people.js';

const CURRENT = '/beheer/layouts';

const css = `
textarea.mjml { font: .9rem/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; min-height: 16rem; width: 100%; max-width: 60rem; padding: .55rem .7rem; border: 2px solid #6b7a70; border-radius: .35rem; }
.regels { list-style: none; padding: 0; }
.regels li { margin: .3rem 0; }
.voorbeelden { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
.voorbeelden figure { margin: 0; max-width: 100%; }
.voorbeelden figcaption { font-weight: 600; margin-bottom: .3rem; }
.voorbeelden iframe { border: 1px solid var(--lijn); background: #fff; height: 46rem; max-width: 100%; display: block; }
pre.bron { white-space: pre-wrap; overflow-wrap: anywhere; background: #fff; border: 1px solid var(--lijn); padding: .75rem; font-size: .9rem; max-height: 30rem; overflow: auto; }
`;

function Style() {
  return <style>{raw(css)}</style>;
}

/** ORIGIN names where a layout comes from. */
export const ORIGIN: Record<Layout['origin'], string> = {
  builtin: 'Ingebouwd',
  custom: 'Eigen upload',
  override: 'Eigen upload, vervangt de ingebouwde',
};

/** UploadValues are what the upload form keeps when it comes back. */
export interface UploadValues {
  name: string;
  mjml: string;
}

/** LayoutsPage lists the layouts and offers the upload. */
export function LayoutsPage(
  p: Frame & {
    layouts: Omit<Layout, 'mjml'>[];
    values: UploadValues;
    errors: Errors;
    /** The layout's own errors by line, from mjml's validation. */
    issues: string[];
  },
) {
  return (
    <AdminLayout title="Layouts" who={p.who} nav={p.nav} current={CURRENT}>
      <Style />
      <h1>Layouts</h1>
      <Flash message={p.flash} />
      <ErrorSummary errors={p.errors} labels={{ name: 'Naam', mjml: 'MJML', file: 'Bestand' }} />
      <p>
        Een layout is het kader van een mail in MJML; de inhoud van de campagne komt op de plek van{' '}
        <code>{'{{content}}'}</code>. Zonder layout gebruikt een campagne het standaardontwerp.
      </p>
      <Table
        caption="Layouts"
        columns={[{ label: 'Naam' }, { label: 'Soort' }, { label: 'Gewijzigd' }, { label: 'Slots' }]}
        rows={p.layouts.map((l) => [
          <a key={l.name} href={`/beheer/layouts/${l.name}`}>
            {l.name}
          </a>,
          ORIGIN[l.origin],
          l.updatedAt ? dutchDateTime(l.updatedAt) : '—',
          l.slots.map((s) => `{{${s}}}`).join(' '),
        ])}
        empty="Er zijn nog geen layouts."
      />
      <h2 id="uploaden">Een layout uploaden</h2>
      {p.issues.length ? (
        <div class="melding fout" id="fouten">
          <p>
            <strong>De layout is niet opgeslagen.</strong> MJML meldt{' '}
            {p.issues.length === 1 ? 'deze fout' : 'deze fouten'}; de regelnummers tellen vanaf de eerste
            regel van uw MJML:
          </p>
          <ul class="regels">
            {p.issues.map((i) => (
              <li key={i}>{i}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action="/beheer/layouts" enctype="multipart/form-data" novalidate>
        <Field
          name="name"
          label="Naam"
          hint="Kleine letters, cijfers en streepjes, bijvoorbeeld kerst-2026. De naam van een bestaande layout vervangt die."
          value={p.values.name}
          error={p.errors.name}
        />
        <Field
          name="file"
          type="file"
          label="MJML-bestand"
          hint="Een .mjml-bestand van hoogstens 200 kB. Of plak de MJML hieronder."
          accept=".mjml,.xml,.txt,text/plain"
          error={p.errors.file}
        />
        <div class="veld" style="max-width:60rem">
          <label for="mjml">Of plak de MJML</label>
          {p.errors.mjml ? (
            <p class="fout" id="mjml-fout">
              <span class="verborgen">Fout: </span>
              {p.errors.mjml}
            </p>
          ) : null}
          <textarea
            id="mjml"
            name="mjml"
            class="mjml"
            spellcheck={false}
            aria-describedby={p.errors.mjml ? 'mjml-fout' : undefined}
            aria-invalid={p.errors.mjml ? 'true' : undefined}
          >
            {p.values.mjml}
          </textarea>
        </div>
        <button type="submit">Layout controleren en opslaan</button>
      </form>
    </AdminLayout>
  );
}

/** LayoutPage shows one layout: its preview at two widths, its slots, warnings and MJML. */
export function LayoutPage(p: Frame & { layout: Layout; warnings: string[]; canDelete: boolean }) {
  const l = p.layout;
  const src = `/beheer/layouts/${l.name}/voorbeeld`;
  return (
    <AdminLayout title={`Layout ${l.name}`} who={p.who} nav={p.nav} current={CURRENT}>
      <Style />
      <p>
        <a href="/beheer/layouts">← Alle layouts</a>
      </p>
      <h1>Layout {l.name}</h1>
      <Flash message={p.flash} />
      <p>
        {ORIGIN[l.origin]}
        {l.updatedAt ? `, gewijzigd op ${dutchDateTime(l.updatedAt)}` : ''}. Slots:{' '}
        {l.slots.map((s) => `{{${s}}}`).join(' ') || 'geen'}.
      </p>
      {p.warnings.length ? (
        <div class="melding">
          <ul>
            {p.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <h2>Voorbeeld met voorbeeldinhoud</h2>
      <div class="voorbeelden">
        <figure>
          <figcaption>Computer (breed)</figcaption>
          <iframe src={src} sandbox="" title={`Layout ${l.name} op een computerscherm`} style="width:36rem" />
        </figure>
        <figure>
          <figcaption>Telefoon (375 pixels)</figcaption>
          <iframe
            src={src}
            sandbox=""
            title={`Layout ${l.name} op een telefoon van 375 pixels breed`}
            style="width:375px"
          />
        </figure>
      </div>
      <details>
        <summary>MJML bekijken</summary>
        <pre class="bron">{l.mjml}</pre>
      </details>
      {p.canDelete ? (
        <p>
          <a class="knop secundair" href={`/beheer/layouts/${l.name}/verwijderen`}>
            {l.origin === 'override'
              ? 'Upload verwijderen (de ingebouwde komt terug)…'
              : 'Layout verwijderen…'}
          </a>
        </p>
      ) : (
        <p class="klein">
          Een ingebouwde layout kan niet worden verwijderd; wel vervangen door een upload met dezelfde naam.
        </p>
      )}
    </AdminLayout>
  );
}

/** LayoutDeletePage asks before a layout is deleted and names what happens. */
export function LayoutDeletePage(p: Frame & { layout: Layout }) {
  const l = p.layout;
  return (
    <AdminLayout title="Layout verwijderen?" who={p.who} nav={p.nav} current={CURRENT}>
      <section aria-labelledby="vraag">
        <h1 id="vraag">Layout {l.name} verwijderen?</h1>
        <div class="melding fout">
          {l.origin === 'override'
            ? `Uw upload "${l.name}" verdwijnt; campagnes met deze layout krijgen weer de ingebouwde "${l.name}".`
            : `De layout "${l.name}" verdwijnt. Dit kan niet ongedaan worden gemaakt, tenzij u hem opnieuw uploadt.`}
        </div>
        <div class="knoppen">
          <form method="post" action={`/beheer/layouts/${l.name}/verwijderen`}>
            <button type="submit" class="gevaar">
              Ja, verwijderen
            </button>
          </form>
          <a class="knop secundair" href={`/beheer/layouts/${l.name}`}>
            Nee, terug
          </a>
        </div>
      </section>
    </AdminLayout>
  );
}
