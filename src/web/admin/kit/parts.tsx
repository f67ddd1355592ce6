/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';

/** Column is one column of a Table; numbers are right-aligned. */
export interface Column {
  label: string;
  numeric?: boolean;
}

/** Table is a data table with a caption and column headers. */
export function Table(props: { caption: string; columns: Column[]; rows: Child[][]; empty?: string }) {
  return (
    <div class="tabel">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th key={c.label} scope="col" class={c.numeric ? 'getal' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 ? (
            <tr>
              <td colspan={props.columns.length}>{props.empty ?? 'Nog niets.'}</td>
            </tr>
          ) : (
            // Rows and cells have no identity of their own: hono/jsx renders them to a string once.
            props.rows.map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a rendered string, never reconciled
              <tr key={i}>
                {row.map((cell, j) => (
                  <td
                    key={props.columns[j]?.label}
                    class={props.columns[j]?.numeric ? 'getal' : undefined}
                    data-label={j === 0 ? undefined : props.columns[j]?.label}
                  >
                    {cell}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

/** Pagination links to the next keyset page (and back to the first). */
export function Pagination(props: { firstHref?: string | null; nextHref?: string | null }) {
  if (!props.firstHref && !props.nextHref) return null;
  return (
    <nav class="paginas" aria-label="Pagina's">
      {props.firstHref ? <a href={props.firstHref}>Naar het begin</a> : null}
      {props.nextHref ? <a href={props.nextHref}>Oudere regels</a> : null}
    </nav>
  );
}

/** Flash is the short message after an action ("Uitnodiging verstuurd"). */
export function Flash(props: { message?: string | null; kind?: 'ok' | 'fout' }) {
  if (!props.message) return null;
  return (
    <div class={props.kind === 'fout' ? 'melding fout' : 'melding'} role="status">
      {props.message}
    </div>
  );
}

/** ConfirmStep asks before a destructive action and names what will happen. */
export function ConfirmStep(props: {
  question: string;
  consequence: Child;
  action: string;
  button: string;
  cancelHref: string;
}) {
  return (
    <section aria-labelledby="bevestig-vraag">
      <h1 id="bevestig-vraag">{props.question}</h1>
      <div class="melding fout">{props.consequence}</div>
      <div class="knoppen">
        <form method="post" action={props.action}>
          <button type="submit" class="gevaar">
            {props.button}
          </button>
        </form>
        <a class="knop secundair" href={props.cancelHref}>
          Nee, terug
        </a>
      </div>
    </section>
  );
}

const dateTime = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Amsterdam',
});

/** dutchDateTime writes a moment as "3 december 2026 om 14:00", Amsterdam time. */
export function dutchDateTime(at: string | null | undefined): string {
  if (!at) return '—';
  return dateTime.format(new Date(at));
}

const number = new Intl.NumberFormat('nl-NL');

/** dutchNumber writes a count with Dutch thousands separators. */
export function dutchNumber(n: number): string {
  return number.format(n);
}
