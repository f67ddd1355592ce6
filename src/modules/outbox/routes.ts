import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { type AppEnv, validate } from '../../http.js';
import { requireRole } from '../auth/middleware.js';
import { listOutbox } from './repo.js';

// GET /api/outbox?to=ADDRESS   coco   messages the outbox transport kept, newest first

const OutboxQuery = z.object({
  to: z.string().trim().toLowerCase().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** outboxRoutes lets the CoCo read what the outbox transport stored instead of sending. */
export function outboxRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get(
    '/',
    requireRole(deps.db, 'coco'),
    validate('query', OutboxQuery),
    async (c) => {
      const q = c.req.valid('query');
      return c.json({ items: await listOutbox(deps.outboxDb, q) });
    },
  );
}
