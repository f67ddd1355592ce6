// npm run bench: runs every bench/*.bench.ts in its own process, one after another,
// and ends with the ratio lines of all of them. `npm run bench -- print` runs only
// the benchmarks whose file name contains "print".
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('.', import.meta.url).pathname;
const filter = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();

const summary: string[] = [];
let failed = false;
for (const file of files) {
  console.log(`\n=== ${file}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(dir, file)], {
    // Measured as the service runs: React's production build (see src/entry/production-mode.ts).
    env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stdout.write(r.stdout);
  for (const line of r.stdout.split('\n')) if (line.startsWith('RESULT ')) summary.push(line);
  if (r.status !== 0) {
    failed = true;
    summary.push(`RESULT ${file}: exited with ${r.status}`);
  }
}
console.log('\n=== summary');
for (const line of summary) console.log(line);
if (failed || summary.some((l) => l.endsWith(' FAIL'))) process.exitCode = 1;
