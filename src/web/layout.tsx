/** @jsxImportSource hono/jsx */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';

// One small stylesheet inline: pages must work without any other request, on a phone, for older eyes.
const css = `
:root { --groen: #1f5c3a; --licht: #eef5f0; --rood: #a3231f; --tekst: #1b1b1b; }
* { box-sizing: border-box; }
body { margin: 0; font: 1.125rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--tekst); background: #fafaf7; }
header { background: var(--groen); color: #fff; padding: 1rem 1.25rem; }
header a { color: #fff; text-decoration: none; }
header .naam { font-weight: 700; font-size: 1.2rem; display: block; }
header .motto { font-style: italic; opacity: .9; font-size: 1rem; }
main { max-width: 40rem; margin: 0 auto; padding: 1.25rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: .5rem 0 1rem; }
label, legend { font-weight: 600; display: block; margin-bottom: .25rem; }
fieldset { border: 1px solid #c9d3cc; border-radius: .4rem; padding: .75rem 1rem; margin: 0 0 1.25rem; }
.veld { margin-bottom: 1.25rem; }
input[type=text], input[type=email], select { width: 100%; font: inherit; padding: .6rem .7rem; border: 2px solid #6b7a70; border-radius: .35rem; background: #fff; }
input:focus, select:focus, button:focus, a:focus { outline: 3px solid #f2b705; outline-offset: 2px; }
.keuze { display: flex; gap: .6rem; align-items: flex-start; margin: .4rem 0; }
.keuze input { width: 1.35rem; height: 1.35rem; margin-top: .2rem; flex: none; }
.keuze label { font-weight: 400; margin: 0; }
.hint { color: #4a554e; font-size: 1rem; margin: .2rem 0 0; }
.hint.apart { margin-top: 2.5rem; }
.fout { color: var(--rood); font-weight: 600; margin: .3rem 0 0; }
.melding { background: var(--licht); border-left: 4px solid var(--groen); padding: .75rem 1rem; margin: 0 0 1.25rem; }
.melding.fout { background: #fbeceb; border-color: var(--rood); }
button { font: inherit; font-weight: 600; background: var(--groen); color: #fff; border: 0; border-radius: .35rem; padding: .7rem 1.3rem; cursor: pointer; }
button.secundair { background: #fff; color: var(--groen); border: 2px solid var(--groen); }
.klein { color: #4a554e; font-size: 1rem; }
.lijst { padding-left: 1.2rem; }
.lijst li { margin: 0 0 .9rem; }
footer { max-width: 40rem; margin: 2rem auto; padding: 0 1.25rem; font-size: .95rem; color: #4a554e; }
`;

/**
 * Layout is the shared page frame: the Netwerk's name and motto, one readable column, Dutch.
 * Pages stay out of search engines unless `indexed` (the archive wants to be found); `head`
 * adds links such as the archive's feed.
 */
export function Layout(props: { title: string; children: Child; indexed?: boolean; head?: Child }) {
  return (
    <html lang="nl">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {props.indexed ? null : <meta name="robots" content="noindex" />}
        <title>{`${props.title} · Netwerk Amsterdamse Stadsdorpen`}</title>
        {props.head ?? null}
        <style>{raw(css)}</style>
      </head>
      <body>
        <header>
          <a href="https://stadsdorpen.nl" class="naam">
            Netwerk Amsterdamse Stadsdorpen
          </a>
          <span class="motto">samen werken aan nabuurschap in de stad</span>
        </header>
        <main>{props.children}</main>
        <footer>
          Het Netwerk Amsterdamse Stadsdorpen verbindt de stadsdorpen in en rond Amsterdam. Wij gebruiken uw
          gegevens alleen om u de berichten te sturen waarvoor u zich aanmeldt.
        </footer>
      </body>
    </html>
  );
}

/** Message is a short page: a heading, some paragraphs, optionally a form below. */
export function Message(props: { title: string; children: Child }) {
  return (
    <Layout title={props.title}>
      <h1>{props.title}</h1>
      {props.children}
    </Layout>
  );
}
