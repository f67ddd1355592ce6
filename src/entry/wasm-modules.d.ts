// A `.wasm` file the Worker imports is a compiled module (wrangler's CompiledWasm rule, the default for *.wasm).
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
