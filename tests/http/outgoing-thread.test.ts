// The dispatcher as `npm start` runs it: in a worker thread of its own beside the web server
// (src/entry/outgoing-thread.ts), over its own connections to the same files.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import type { Logger } from '../../src/deps.js';
import { buildNodeDeps, closeNodeDeps, type NodeDeps } from '../../src/entry/node-runtime.js';
import { startOutgoingThread } from '../../src/entry/outgoing-thread.js';
import { listOutbox } from '../../src/modules/outbox/repo.js';
import { postJson } from './subscribers-support.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function service(): Promise<{ deps: NodeDeps; errors: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'outgoing-thread-'));
  dirs.push(dir);
  const deps = await buildNodeDeps({
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'https://stadsdorpen.test',
  });
  const errors: string[] = [];
  const log: Logger = {
    info: () => {},
    warn: () => {},
    error: (msg, data) => errors.push(`${msg} ${JSON.stringify(data ?? {})}`),
  };
  return { deps: { ...deps, log }, errors };
}

const subjects = async (deps: NodeDeps, to: string) =>
  (await listOutbox(deps.outboxDb, { to, limit: 10 })).map((m) => m.subject);
const CONFIRM = 'Bevestig uw aanmelding bij het Netwerk Amsterdamse Stadsdorpen';

describe('the outgoing-mail thread of npm start', () => {
  it('sends the confirmation of a signup made on the event loop, and nothing once stopped', async () => {
    const { deps, errors } = await service();
    const thread = startOutgoingThread(deps);
    try {
      const app = createApp(deps);
      const res = await postJson(app, '/api/signup', {
        email: 'draad@example.nl',
        lists: ['geinteresseerden'],
      });
      expect(res.status).toBe(202);
      await expect.poll(() => subjects(deps, 'draad@example.nl')).toEqual([CONFIRM]);

      await thread.stop();
      // The thread was the only dispatcher: with it stopped, the next confirmation stays queued.
      await postJson(app, '/api/signup', { email: 'later@example.nl', lists: ['geinteresseerden'] });
      await new Promise((r) => setTimeout(r, 500));
      expect(await subjects(deps, 'later@example.nl')).toEqual([]);
      expect(
        await deps.db.get("SELECT count(*) AS n FROM mail_queue WHERE sent_at IS NULL AND kind = 'confirm'"),
      ).toEqual({ n: 1 });
      expect(errors).toEqual([]);
    } finally {
      await thread.stop();
      await closeNodeDeps(deps);
    }
  });

  it('starts a thread that died again, and the mail queued meanwhile still goes, once', async () => {
    const { deps, errors } = await service();
    process.env.OUTGOING_THREAD_MARKER = join(deps.config.dataDir, 'thread-died');
    const thread = startOutgoingThread(deps, {
      body: new URL('../fixtures/outgoing-thread-dies-once.ts', import.meta.url),
      restartFirstMs: 50,
    });
    try {
      const app = createApp(deps);
      await postJson(app, '/api/signup', { email: 'opnieuw@example.nl', lists: ['geinteresseerden'] });
      await expect.poll(() => subjects(deps, 'opnieuw@example.nl')).toEqual([CONFIRM]);
      expect(errors).toEqual([
        expect.stringMatching(/^outgoing mail thread stopped; starting it again .*"code":3/),
      ]);
    } finally {
      delete process.env.OUTGOING_THREAD_MARKER;
      await thread.stop();
      await closeNodeDeps(deps);
    }
  });
});
