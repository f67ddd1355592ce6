// Resend's webhooks on the Worker, inside workerd: the Svix signature checked with the secret
// from the Worker's bindings, a permanent bounce marking the delivery and blocking the address.
import { env } from 'cloudflare:workers';
import { Webhook } from 'svix';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  addRecipients,
  asCoco,
  cocoToken,
  db,
  fakeResend,
  forgetAudience,
  NETWERKMAIL,
  steppedWorker,
} from './support.js';

/** signed builds the Svix headers Resend sends with a body. */
function signed(body: string, id: string, secret = env.RESEND_WEBHOOK_SECRET as string) {
  const at = new Date();
  return {
    'content-type': 'application/json',
    'svix-id': id,
    'svix-timestamp': String(Math.floor(at.getTime() / 1000)),
    'svix-signature': new Webhook(secret).sign(id, at, body),
  };
}

describe('Resend webhooks on Workers', () => {
  beforeEach(async () => {
    await fakeResend.reset();
    await forgetAudience();
  });

  it('marks a permanent bounce and blocks the address; a wrong signature changes nothing', async () => {
    const domain = 'hook.example.org';
    await addRecipients(3, { domain });
    const worker = steppedWorker();
    const coco = await cocoToken();
    const created = await worker.fetch('/api/campaigns', asCoco(coco, NETWERKMAIL));
    const { id } = (await created.json()) as { id: number };
    await worker.fetch(`/api/campaigns/${id}/send`, asCoco(coco, {}));
    await worker.consumeQueued();
    const email = `lezer2@${domain}`;
    const delivery = await db.get<{ provider_id: string }>(
      'SELECT provider_id FROM deliveries WHERE campaign_id = ? AND email = ?',
      [id, email],
    );
    const body = JSON.stringify({
      type: 'email.bounced',
      created_at: new Date().toISOString(),
      data: {
        email_id: delivery!.provider_id,
        to: [email],
        subject: NETWERKMAIL.subject,
        bounce: { type: 'Permanent', subType: 'General', message: 'Mailbox does not exist' },
      },
    });
    const hook = (headers: Record<string, string>) =>
      worker.fetch('/api/webhooks/resend', { method: 'POST', headers, body });

    const forged = await hook(signed(body, 'msg_forged', 'whsec_b3RoZXItc2VjcmV0LTAxMjM0NTY3ODlhYmNkZWY='));
    expect(forged.status).toBe(401);
    const statusOf = async () =>
      (
        await db.get<{ status: string }>(
          'SELECT status FROM deliveries WHERE campaign_id = ? AND email = ?',
          [id, email],
        )
      )?.status;
    expect(await statusOf()).toBe('sent');

    const res = await hook(signed(body, 'msg_bounce_1'));
    expect(res.status).toBe(200);
    expect(await statusOf()).toBe('bounced');
    const subscriber = await db.get<{ suppressed_at: string | null }>(
      'SELECT suppressed_at FROM subscribers WHERE email = ?',
      [email],
    );
    expect(subscriber?.suppressed_at).not.toBeNull();
  });
});
