import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// semver has no types installed; this is the one function the test needs.
const semver = createRequire(import.meta.url)('semver') as {
  minVersion(range: string): { version: string } | null;
  satisfies(version: string, range: string): boolean;
};

const read = (file: string) => JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'));

describe('npm install on the oldest Node the project supports', () => {
  it('installs no package whose engines refuse it, so a fresh install prints no EBADENGINE', () => {
    const oldest = semver.minVersion(read('package.json').engines.node)?.version ?? '';
    expect(oldest).toBe('20.19.0');
    const packages = read('package-lock.json').packages as Record<
      string,
      { version?: string; engines?: { node?: string } }
    >;
    const refusing = Object.entries(packages)
      .filter(([, p]) => p.engines?.node && !semver.satisfies(oldest, p.engines.node))
      .map(([path, p]) => `${path}@${p.version} wants node ${p.engines?.node}`);
    expect(refusing).toEqual([]);
  });
});
