/** @jsxImportSource hono/jsx */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';

// Kin to the public pages (src/web/layout.tsx): the same green, type and focus ring, a wider
// column for tables, and a navigation bar that wraps, or on a phone scrolls sideways in one row.
const css = `
:root { --groen: #1f5c3a; --licht: #eef5f0; --rood: #a3231f; --tekst: #1b1b1b; --grijs: #4a554e; --lijn: #c9d3cc; }
* { box-sizing: border-box; }
body { margin: 0; font: 1.0625rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--tekst); background: #fafaf7; }
.kop { background: var(--groen); color: #fff; padding: .75rem 1.25rem; display: flex; flex-wrap: wrap; align-items: baseline; gap: .25rem 1rem; justify-content: space-between; }
.kop .naam { font-weight: 700; font-size: 1.15rem; color: #fff; text-decoration: none; }
.kop .wie { font-size: .95rem; }
nav.menu { background: #174a2e; padding: 0 1.25rem; }
nav.menu ul { list-style: none; margin: 0 auto; padding: 0; display: flex; flex-wrap: wrap; gap: 0 .25rem; max-width: 64rem; }
nav.menu a, nav.menu button { display: inline-block; color: #fff; padding: .6rem .7rem; text-decoration: none; font: inherit; font-size: 1rem; background: none; border: 0; cursor: pointer; }
nav.menu a[aria-current=page] { text-decoration: underline; text-underline-offset: .3em; text-decoration-thickness: 3px; }
nav.menu form { margin: 0; }
main { max-width: 64rem; margin: 0 auto; padding: 1.25rem; }
main.breed { max-width: 100rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: .5rem 0 1rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; }
a { color: var(--groen); }
label, legend { font-weight: 600; display: block; margin-bottom: .25rem; }
fieldset { border: 1px solid var(--lijn); border-radius: .4rem; padding: .75rem 1rem; margin: 0 0 1.25rem; }
.veld { margin-bottom: 1.25rem; max-width: 36rem; }
input[type=text], input[type=email], input[type=url], input[type=file], input[type=date], input[type=password], select, textarea { width: 100%; font: inherit; padding: .55rem .7rem; border: 2px solid #6b7a70; border-radius: .35rem; background: #fff; color: var(--tekst); }
input[aria-invalid=true], select[aria-invalid=true], textarea[aria-invalid=true] { border-color: var(--rood); }
input:focus, select:focus, textarea:focus, button:focus, a:focus { outline: 3px solid #f2b705; outline-offset: 2px; }
.hint { color: var(--grijs); font-size: .95rem; margin: 0 0 .3rem; }
.fout { color: var(--rood); font-weight: 600; margin: .3rem 0; }
.melding { background: var(--licht); border-left: 4px solid var(--groen); padding: .75rem 1rem; margin: 0 0 1.25rem; }
.melding.fout { background: #fbeceb; border-color: var(--rood); }
.samenvatting { border: 3px solid var(--rood); padding: .75rem 1rem; margin: 0 0 1.5rem; background: #fff; }
.samenvatting h2 { margin: 0 0 .5rem; font-size: 1.15rem; }
.samenvatting a { color: var(--rood); font-weight: 600; }
button, .knop { font: inherit; font-weight: 600; background: var(--groen); color: #fff; border: 2px solid var(--groen); border-radius: .35rem; padding: .55rem 1.1rem; cursor: pointer; text-decoration: none; display: inline-block; }
button.secundair, .knop.secundair { background: #fff; color: var(--groen); }
button.gevaar { background: var(--rood); border-color: var(--rood); }
.knoppen { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.knoppen form { margin: 0; }
.tabel { overflow-x: auto; margin: 0 0 1.5rem; position: relative; }
table { border-collapse: collapse; width: 100%; background: #fff; }
caption { text-align: left; font-weight: 700; padding: .4rem 0; }
th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--lijn); vertical-align: top; }
th { background: var(--licht); }
.getal { text-align: right; font-variant-numeric: tabular-nums; }
.blokken { display: grid; grid-template-columns: repeat(auto-fit, minmax(17rem, 1fr)); gap: 1rem 1.5rem; align-items: start; }
.blok { background: #fff; border: 1px solid var(--lijn); border-radius: .4rem; padding: .25rem 1rem 1rem; min-width: 0; }
.blok h2 { margin-top: .75rem; }
.grafiek svg { width: 100%; height: auto; max-width: 34rem; display: block; }
.paginas { display: flex; gap: 1rem; margin: .5rem 0 1.5rem; }
.verborgen { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.klein { font-size: .95rem; color: var(--grijs); }
.kleurvoorbeeld { display: inline-block; padding: .4rem .8rem; color: #fff; font-weight: 700; border-radius: .3rem; }
img.foto { max-width: 100%; width: 20rem; height: auto; border: 1px solid var(--lijn); }
img.logo { max-width: 14rem; max-height: 8rem; background: #fff; border: 1px solid var(--lijn); padding: .5rem; }
td { overflow-wrap: break-word; }
details { margin: 0 0 1.25rem; }
summary { font-weight: 600; cursor: pointer; padding: .4rem 0; }
/* On a phone each row becomes a small card: "Kolom: waarde" per line, no sideways scrolling. */
@media (max-width: 40rem) {
  main { padding: 1rem .8rem; }
  h1 { font-size: 1.4rem; }
  /* The menu in one row that scrolls sideways: the CoCo's fifteen entries wrapped into five
     rows, a third of a phone's screen above every page. The entry cut off at the edge shows
     that there is more; the focus ring is drawn inside, where the row does not clip it. */
  nav.menu { padding: 0; }
  nav.menu ul { flex-wrap: nowrap; overflow-x: auto; gap: 0; padding: .15rem .4rem; scrollbar-width: thin; scrollbar-color: #8fb39c #174a2e; }
  nav.menu li { flex: none; }
  nav.menu a, nav.menu button { padding: .45rem .55rem; font-size: .95rem; white-space: nowrap; }
  nav.menu a:focus, nav.menu button:focus { outline-offset: -3px; }
  header.kop { padding: .6rem .8rem; }
  .tabel table, .tabel tbody, .tabel tr, .tabel td { display: block; width: 100%; }
  .tabel thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .tabel tr { border-bottom: 2px solid var(--lijn); padding: .35rem 0; }
  .tabel td { border: 0; padding: .15rem .4rem; text-align: left; overflow-wrap: anywhere; }
  .tabel td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
  .tabel td:first-child { font-weight: 700; }
  .tabel caption { display: block; }
}
`;

/**
 * MENU_SCRIPT scrolls the menu row of a phone (see the CSS) so that the current page's entry
 * is in view; without it the row starts at "Start". Served at /beheer/static/menu.js.
 */
export const MENU_SCRIPT = `(() => {
  const row = document.querySelector('nav.menu ul');
  const current = row && row.querySelector('[aria-current=page]');
  if (!row || !current || row.scrollWidth <= row.clientWidth) return;
  const item = current.parentElement;
  row.scrollLeft = item.offsetLeft - (row.clientWidth - item.offsetWidth) / 2;
})();
`;

/** NavItem is one entry of the navigation bar. */
export interface NavItem {
  href: string;
  label: string;
}

/** AdminLayout is the frame of every beheer page: name, who is logged in, navigation by role. */
export function AdminLayout(props: {
  title: string;
  who?: { name: string; roleLabel: string } | null;
  nav?: NavItem[];
  current?: string;
  /** wide gives pages with two columns (the composer and its preview) the width of the screen. */
  wide?: boolean;
  children: Child;
}) {
  return (
    <html lang="nl">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${props.title} · Beheer · Netwerk Amsterdamse Stadsdorpen`}</title>
        <style>{raw(css)}</style>
      </head>
      <body>
        <header class="kop">
          <a href="/beheer" class="naam">
            Beheer · Netwerk Amsterdamse Stadsdorpen
          </a>
          {props.who ? (
            <span class="wie">
              {props.who.name} ({props.who.roleLabel})
            </span>
          ) : null}
        </header>
        {props.nav && props.nav.length > 0 ? (
          <nav class="menu" aria-label="Hoofdmenu">
            <ul>
              {props.nav.map((n) => (
                <li key={n.href}>
                  <a href={n.href} aria-current={n.href === props.current ? 'page' : undefined}>
                    {n.label}
                  </a>
                </li>
              ))}
              <li>
                <form method="post" action="/beheer/uitloggen">
                  <button type="submit">Uitloggen</button>
                </form>
              </li>
            </ul>
          </nav>
        ) : null}
        <main class={props.wide ? 'breed' : undefined}>{props.children}</main>
        {props.nav && props.nav.length > 0 ? <script src="/beheer/static/menu.js" defer /> : null}
      </body>
    </html>
  );
}
