import type { Assets } from '../deps.js';

/**
 * mapAssets serves assets from a map of path to content, for a runtime that bundles its
 * assets into the code (Workers) and for tests: what it holds is all a module can read.
 */
export function mapAssets(files: Record<string, string | Uint8Array>): Assets {
  const encoder = new TextEncoder();
  const bytes = new Map(
    Object.entries(files).map(([path, content]) => [
      path,
      typeof content === 'string' ? encoder.encode(content) : content,
    ]),
  );
  return {
    async read(path) {
      return bytes.get(path);
    },
    async list(folder) {
      const prefix = folder.endsWith('/') ? folder : `${folder}/`;
      return [...bytes.keys()]
        .filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/'))
        .sort();
    },
  };
}
