/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { AppDeps } from '../../deps.js';
import { outboxInUse, outboxMessage, outboxPage } from '../../modules/outbox/service.js';
import { cspFor } from '../csp.js';
import { type AdminEnv, coco, page, pathId } from './kit/http.js';
import { OutboxMessagePage, OutboxPage } from './pages/outbox.js';

// GET /beheer/outbox                  coco   stored mails, newest first (?adres= part of an address, ?voor=ID pages back)
// GET /beheer/outbox/:id              coco   one mail: a sandboxed frame, its text part, its headers
// GET /beheer/outbox/:id/weergave     coco   the mail's HTML as a document of its own (CSP area 'preview')

/** outboxPages serves the CoCo's view of the outbox transport's stored mails. */
export function outboxPages(deps: AppDeps) {
  const app = new Hono<AdminEnv>();
  // Null when mail goes to the outbox; else the name of the transport that really sends.
  const otherTransport = () => (outboxInUse(deps) ? null : deps.transport.name);

  app.get('/', coco, async (c) => {
    const address = (c.req.query('adres') ?? '').trim().slice(0, 200);
    const before = pathId(c.req.query('voor'));
    const { items, nextBefore } = await outboxPage(deps, { address, before: before || undefined });
    return page(
      c,
      OutboxPage({
        ...c.get('frame'),
        items,
        address,
        nextBefore,
        first: !before,
        transport: otherTransport(),
      }),
    );
  });

  app.get('/:id', coco, async (c) => {
    const message = await outboxMessage(deps, pathId(c.req.param('id')));
    return page(c, OutboxMessagePage({ ...c.get('frame'), message, transport: otherTransport() }));
  });

  // The stored HTML exactly as sent, under the preview policy: no script, framed by this app only.
  app.get('/:id/weergave', coco, async (c) => {
    const message = await outboxMessage(deps, pathId(c.req.param('id')));
    return c.html(message.html, 200, { 'content-security-policy': cspFor('preview') });
  });

  return app;
}
