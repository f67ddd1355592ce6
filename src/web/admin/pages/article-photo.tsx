/** @jsxImportSource hono/jsx */
// The photo of one article of a Nieuwsbrief: upload (or replace) it with its alt text. The
// composer's "Foto toevoegen" and "Foto vervangen" buttons save the form and lead here.
import type { Change } from '../composer-form.js';
import { ErrorSummary, type Errors, Field } from '../kit/field.js';
import { AdminLayout } from '../kit/layout.js';
import { Table } from '../kit/parts.js';
import type { Frame } from './people.js';

/** ArticleSnapshot is what the photo page knew of the article when it was opened. */
export interface ArticleSnapshot {
  title: string;
  body: string;
  imageUrl: string;
  imageAlt: string;
  link: string;
}

/**
 * photoSrc is where beheer's own pages load an article's photo: the service's own photos by
 * their path (beheer's CSP loads images from itself only), anything else not at all.
 */
export function photoSrc(url: string): string | undefined {
  const m = /^https?:\/\/[^/]+(\/fotos\/[0-9]{1,15}-[0-9a-f]{32}\.jpg)$/.exec(url);
  return m ? m[1] : undefined;
}

/** ArticlePhoto shows an article's current photo: the picture itself, or the address of another server's. */
export function ArticlePhoto(props: { url: string; alt: string }) {
  const src = photoSrc(props.url);
  return src ? (
    <img class="foto" src={src} alt={props.alt} />
  ) : (
    <p class="klein hint">
      Afbeelding van een andere website: {props.url}. Vervang hem door een eigen foto, zodat de mail niet naar
      een andere server wijst.
    </p>
  );
}

const LABELS: Record<string, string> = {
  foto: 'Foto',
  alt: 'Beschrijving van de foto',
};

/** ArticlePhotoPage is the form that puts a photo with its alt text in one article. */
export function ArticlePhotoPage(
  props: Frame & {
    campaignId: number;
    campaignSubject: string;
    /** number is the article's place in the Nieuwsbrief, from 1. */
    number: number;
    article: ArticleSnapshot;
    version: number;
    alt: string;
    errors: Errors;
    /** changes: what someone else changed in this article since the page was opened. */
    changes?: Change[];
  },
) {
  const a = props.article;
  const base = `/beheer/campagnes/${props.campaignId}`;
  const back = `${base}#blok-articles-${props.number - 1}`;
  const replacing = a.imageUrl !== '';
  const title = `${replacing ? 'Foto vervangen' : 'Foto toevoegen'}: artikel ${props.number}`;
  return (
    <AdminLayout title={title} who={props.who} nav={props.nav} current="/beheer/campagnes">
      <p>
        <a href={back}>← Terug naar de Nieuwsbrief</a>
      </p>
      <h1>{title}</h1>
      <p>
        Artikel {props.number} van <em>{props.campaignSubject}</em>:{' '}
        <strong>{a.title || '(nog zonder titel)'}</strong>
      </p>
      {props.changes ? (
        <section class="melding fout" aria-labelledby="conflict-titel">
          <h2 id="conflict-titel" style="margin-top:0">
            Iemand anders heeft dit artikel intussen gewijzigd
          </h2>
          <p>
            Er is nog geen foto opgeslagen. Kijk hieronder wat er veranderde en of dit nog het goede artikel
            is. Kies de foto dan opnieuw en druk op de knop; of ga terug naar de Nieuwsbrief.
          </p>
          <Table
            caption="Wat de ander veranderde"
            columns={[{ label: 'Veld' }, { label: 'Toen u het opende' }, { label: 'Nu opgeslagen' }]}
            rows={props.changes.map((ch) => [ch.label, ch.was || '(leeg)', ch.now || '(leeg)'])}
          />
        </section>
      ) : null}
      <ErrorSummary errors={props.errors} labels={LABELS} />
      {replacing ? (
        <figure style="margin:0 0 1.5rem">
          <ArticlePhoto url={a.imageUrl} alt={a.imageAlt} />
          <figcaption class="klein">Nu bij dit artikel. Beschrijving: {a.imageAlt || '(geen)'}</figcaption>
        </figure>
      ) : null}
      <form
        method="post"
        action={`${base}/artikelen/${props.number}/foto`}
        enctype="multipart/form-data"
        novalidate
      >
        <input type="hidden" name="versie" value={String(props.version)} />
        <input type="hidden" name="was" value={JSON.stringify(a)} />
        <Field
          name="foto"
          type="file"
          label={replacing ? 'Nieuwe foto' : 'Foto'}
          hint="JPEG of PNG, hoogstens 20 MB. Wij verkleinen hem voor de mail. Een iPhone-foto (HEIC) stuurt u als JPEG. Na een fout kiest u de foto opnieuw."
          accept="image/jpeg,image/png"
          required
          error={props.errors.foto}
        />
        <Field
          name="alt"
          label="Beschrijving van de foto (alt-tekst)"
          hint="Verplicht. Zeg in één zin wat er op de foto te zien is, voor lezers met een schermlezer en voor wie de foto niet ziet laden. Bijvoorbeeld: “Buren aan een lange tafel op straat tijdens het buurtfeest”. Niet “foto” of de naam van het bestand, en niet de titel van het artikel nog eens."
          value={props.alt}
          required
          error={props.errors.alt}
        />
        <div class="knoppen">
          <button type="submit">{replacing ? 'Foto vervangen' : 'Foto toevoegen'}</button>
          <a class="knop secundair" href={back}>
            Annuleren
          </a>
        </div>
      </form>
    </AdminLayout>
  );
}
