// A campaign on the Worker of wrangler.toml, inside workerd: sending freezes it and sends one
// Queue message per batch; miniflare's queue delivers them to the Worker's consumer, which
// sends to the fake Resend while it answers 429, 500 and drops an answer it had accepted.
import { exports } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  addRecipients,
  asCoco,
  campaignStatus,
  cocoToken,
  copiesTo,
  deliveryStatuses,
  eventually,
  fakeResend,
  forgetAudience,
  NETWERKMAIL,
} from './support.js';

const base = 'https://stadsdorpen.test';

describe('a campaign through the Queue on Workers', () => {
  beforeEach(async () => {
    await fakeResend.reset();
    await forgetAudience();
  });

  it('reaches every recipient exactly once through a 429, a 500 and a lost answer', async () => {
    const domain = 'queue.example.org';
    const recipients = await addRecipients(250, { domain });
    const coco = await cocoToken();
    const created = await exports.default.fetch(`${base}/api/campaigns`, asCoco(coco, NETWERKMAIL));
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    await fakeResend.script('429', '500', 'drop');

    const sent = await exports.default.fetch(`${base}/api/campaigns/${id}/send`, asCoco(coco, {}));
    expect(sent.status).toBe(202);

    await eventually(async () => ((await campaignStatus(id)) === 'sent' ? true : undefined), 30_000);
    expect(await deliveryStatuses(id)).toEqual({ sent: 250 });
    const copies = await copiesTo(domain);
    expect(copies.size).toBe(250);
    expect(recipients.filter((r) => copies.get(r) !== 1)).toEqual([]);
    const { stats } = await fakeResend.stats();
    expect(stats).toMatchObject({ rateLimited: 1, serverErrors: 1, dropped: 1, replayed: 1, mismatches: 0 });
  });
});
