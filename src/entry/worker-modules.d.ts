// Files the Worker imports as modules (wrangler.toml [[rules]]): MJML layouts as text, fonts as bytes.
declare module '*.mjml' {
  const text: string;
  export default text;
}
declare module '*.ttf' {
  const bytes: ArrayBuffer;
  export default bytes;
}
