/**
 * `npm start` on a port another program holds: the real entry (src/entry/node.ts) ends with one
 * line naming PORT, as a wrong setting does, instead of a stack trace, and starts no worker.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const dataDir = mkdtempSync(join(tmpdir(), 'port-in-use-'));
let holder: Server | undefined;
afterAll(() => {
  holder?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function run(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/entry/node.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), 25_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    }),
  );
}

it('a port already in use ends the start with one line naming PORT, not a stack trace', async () => {
  // Held the way the service listens: every address, IPv4 and IPv6.
  holder = createServer();
  await new Promise<void>((r) => holder?.listen(0, r));
  const port = (holder.address() as { port: number }).port;

  const out = await run({ PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' });

  expect(out.code, out.stderr).toBe(2);
  const lines = out.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^PORT: ${port} is already in use`));
  expect(out.stderr).not.toMatch(/\n\s+at /);
});
