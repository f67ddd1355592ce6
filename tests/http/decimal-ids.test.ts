import { describe, expect, it } from 'vitest';
import { auth, makeTestApp } from '../support/app.js';
import { addSubscriber, createNetwerkmail } from '../support/delivery-builders.js';

// Number("0x1"), Number("1e0") and Number(" 1") are all 1: an id must be written in digits.
const spellings = ['0x1', '1e0', '1.0', '%201', '+1', '0b1'];

describe(':id and id query parameters take decimal digits only', () => {
  it('answers 400 to an id written in another notation, and still finds the digits', async () => {
    const t = await makeTestApp();
    const subscriber = await addSubscriber(t.db, { email: 'een@example.nl', lists: {} });
    const campaign = await createNetwerkmail(t.app, t.coco);
    expect([subscriber, campaign]).toEqual([1, 1]);
    for (const path of ['/api/subscribers/1', '/api/campaigns/1', '/api/campaigns/1/preview?subscriber=1']) {
      expect((await t.app.request(path, { headers: auth(t.coco) })).status, path).toBe(200);
    }
    for (const id of spellings) {
      for (const path of [
        `/api/subscribers/${id}`,
        `/api/campaigns/${id}`,
        `/api/campaigns/1/preview?subscriber=${id}`,
        `/api/campaigns?before=${id}`,
        `/api/subscribers?after=${id}`,
      ]) {
        const res = await t.app.request(path, { headers: auth(t.coco) });
        expect(res.status, path).toBe(400);
        expect((await res.json()).error.code).toBe('validation');
      }
      const send = await t.app.request(`/api/campaigns/${id}/send`, {
        method: 'POST',
        headers: auth(t.coco),
      });
      expect(send.status, `send ${id}`).toBe(400);
    }
    expect((await t.db.get<{ status: string }>('SELECT status FROM campaigns'))?.status).toBe('draft');
  });
});
