// mjml-browser ships no types; its compiler is mjml's own, so it takes mjml's.
declare module 'mjml-browser' {
  import type mjml2html from 'mjml';

  const compile: typeof mjml2html;
  export default compile;
}
