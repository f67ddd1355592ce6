import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../support/app.js';
import { postForm, postJson } from './subscribers-support.js';

const lists = Array.from({ length: 21 }, (_, i) => `lijst-${i}`);
const message = 'U kunt zich voor hoogstens 20 lijsten tegelijk aanmelden.';

describe('signing up for more than 20 lists at once', () => {
  it('answers the API with a Dutch message at the field', async () => {
    const t = await makeTestApp();
    const res = await postJson(t.app, '/api/signup', { email: 'veel@example.nl', lists });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.fields.lists).toBe(message);
    expect(body.error.message).toContain(message);
  });

  it('shows the form again with the Dutch message at the lists', async () => {
    const t = await makeTestApp();
    const res = await postForm(t.app, '/aanmelden', [
      ['email', 'veel@example.nl'],
      ...lists.map((l): [string, string] => ['lists', l]),
    ]);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(message);
    expect(await t.db.get('SELECT id FROM subscribers')).toBeUndefined();
  });
});
