import { describe, expect, it } from 'vitest';
import { MAX_PARAMETERS, stmt } from '../../src/db/port.js';
import { findSubscribersByEmail, listNamesBySlug } from '../../src/modules/subscribers/repo.js';
import { makeDeps } from '../support/app.js';

// More names than one statement may bind (MAX_PARAMETERS, D1's limit): the lookups go in chunks.
const MANY = MAX_PARAMETERS + 50;

describe('the campaign lookups by a long list of names', () => {
  it('finds every list among more slugs than one statement can bind', async () => {
    const { deps } = await makeDeps();
    const slugs = Array.from({ length: MANY }, (_, i) => `werkgroep-${i}`);
    await deps.db.batch(
      slugs.map((s) => stmt('INSERT INTO lists (slug, name) VALUES (?, ?)', [s, `Werkgroep ${s}`])),
    );
    const found = await listNamesBySlug(deps.db, [...slugs, 'bestaat-niet']);
    expect(found.size).toBe(MANY);
    expect(found.get(`werkgroep-${MANY - 1}`)).toBe(`Werkgroep werkgroep-${MANY - 1}`);
    expect(found.has('bestaat-niet')).toBe(false);
  });

  it('finds every known subscriber among more addresses than one statement can bind', async () => {
    const { deps } = await makeDeps();
    const emails = Array.from({ length: MANY }, (_, i) => `lid${i}@example.nl`);
    await deps.db.batch(
      emails.map((e, i) =>
        stmt('INSERT INTO subscribers (public_id, email, name) VALUES (?, ?, ?)', [`p${i}`, e, `Lid ${i}`]),
      ),
    );
    const found = await findSubscribersByEmail(deps.db, [...emails, 'onbekend@example.nl']);
    expect(found.size).toBe(MANY);
    expect(found.get(`lid${MANY - 1}@example.nl`)).toEqual({
      email: `lid${MANY - 1}@example.nl`,
      name: `Lid ${MANY - 1}`,
      publicId: `p${MANY - 1}`,
    });
  });
});
