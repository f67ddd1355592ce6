import type { Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { openSqlite } from '../../src/db/sqlite.js';
import type { OutgoingMessage } from '../../src/mail/transport.js';
import { smtpTransport } from '../../src/mail/transports/smtp.js';
import { listIdHeader } from '../../src/modules/campaigns/message.js';
import { fakeSmtp } from '../fakes/smtp-server.js';

let servers: Server[] = [];
afterEach(() => {
  for (const s of servers) s.close();
  servers = [];
});

function messages(to: string[]): OutgoingMessage[] {
  return to.map((addr) => ({
    from: 'Netwerk <nieuwsbrief@stadsdorpen.nl>',
    to: addr,
    subject: 'Netwerkmail',
    html: '<p>Hallo</p>',
    text: 'Hallo',
    headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  }));
}

async function setup(opts: Parameters<typeof fakeSmtp>[0], from = 'Netwerk <nieuwsbrief@stadsdorpen.nl>') {
  const smtp = fakeSmtp(opts);
  const port = await smtp.start();
  servers.push(smtp.server);
  const db = openSqlite(':memory:');
  await migrate(db);
  const t = smtpTransport({
    url: `smtp://127.0.0.1:${port}`,
    db,
    from,
  });
  return { smtp, t };
}

describe('SMTP transport', () => {
  it('sends one SMTP transaction per message with a Message-ID derived from the batch key', async () => {
    const { smtp, t } = await setup({});
    const out = await t.sendBatch(messages(['a@example.org', 'b@example.org']), {
      idempotencyKey: '3-0-abcd',
    });
    expect(out).toEqual({
      kind: 'sent',
      providerIds: ['<3-0-abcd.0@stadsdorpen.nl>', '<3-0-abcd.1@stadsdorpen.nl>'],
    });
    expect(smtp.received.map((r) => r.messageId)).toEqual([
      '<3-0-abcd.0@stadsdorpen.nl>',
      '<3-0-abcd.1@stadsdorpen.nl>',
    ]);
  });

  it('takes the Message-ID’s domain from the From address just as the List-Id does', async () => {
    const from = 'Netwerk Amsterdamse Stadsdorpen <Nieuwsbrief@Stadsdorpen.NL>';
    const { smtp, t } = await setup({}, from);
    await t.sendBatch(messages(['a@example.org']), { idempotencyKey: 'k' });
    expect(smtp.received.map((r) => r.messageId)).toEqual(['<k.0@stadsdorpen.nl>']);
    expect(listIdHeader(from, 'nieuwsbrief', 'besturen')).toBe(
      '"Netwerk Nieuwsbrief" <besturen.stadsdorpen.nl>',
    );
  });

  it('after a temporary failure mid-batch, the retry sends only what had not gone out', async () => {
    const { smtp, t } = await setup({ failDataOnce: [2] });
    const batch = messages(['a@example.org', 'b@example.org', 'c@example.org']);
    expect((await t.sendBatch(batch, { idempotencyKey: 'k' })).kind).toBe('retryable');
    expect((await t.sendBatch(batch, { idempotencyKey: 'k' })).kind).toBe('sent');
    expect(smtp.received.map((r) => r.to)).toEqual(['a@example.org', 'b@example.org', 'c@example.org']);
  });

  it('reports a recipient the server refuses for good, and still sends the others', async () => {
    const { smtp, t } = await setup({ refuse: ['weg@example.org'] });
    const out = await t.sendBatch(messages(['a@example.org', 'weg@example.org', 'c@example.org']), {
      idempotencyKey: 'r',
    });
    expect(out.kind).toBe('sent');
    const refused = out.kind === 'sent' ? out.refused : undefined;
    expect(Object.keys(refused ?? {})).toEqual(['1']);
    expect(refused?.[1]).toMatch(/550/);
    expect(smtp.received.map((r) => r.to)).toEqual(['a@example.org', 'c@example.org']);
    // A retry of the batch replays the refusal instead of asking the server again.
    const again = await t.sendBatch(messages(['a@example.org', 'weg@example.org', 'c@example.org']), {
      idempotencyKey: 'r',
    });
    expect(again.kind === 'sent' && again.refused?.[1]).toBe(refused?.[1]);
    expect(smtp.received).toHaveLength(2);
  });
});
