import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { camelCase, rowOf, rowsOf, sqlBoolean, sqlJson } from '../../src/db/rows.js';

const Row = z.object({
  id: z.number(),
  stadsdorp_id: z.number().nullable(),
  requires_approval: sqlBoolean,
  lists_json: sqlJson(z.array(z.string())),
});

describe('rows as the repos hand them on', () => {
  it('names every column in camelCase, with 0/1 as a boolean and JSON text parsed', () => {
    expect(
      rowOf(Row, { id: 3, stadsdorp_id: null, requires_approval: 1, lists_json: '["besturen"]' }),
    ).toEqual({
      id: 3,
      stadsdorpId: null,
      requiresApproval: true,
      listsJson: ['besturen'],
    });
  });

  it('drops columns the schema does not name, so SELECT * hands on no more than the type says', () => {
    const [row] = rowsOf(z.object({ public_id: z.string() }), [{ public_id: 'p1', email: 'a@example.nl' }]);
    expect(row).toEqual({ publicId: 'p1' });
  });

  it('refuses a row of the wrong shape, naming the column', () => {
    expect(() => rowOf(Row, { id: '3', stadsdorp_id: null, requires_approval: 1, lists_json: '[]' })).toThrow(
      /id/,
    );
    expect(() =>
      rowOf(Row, { id: 3, stadsdorp_id: null, requires_approval: 0, lists_json: '[1]' }),
    ).toThrow();
  });

  it('camelCases names with several parts and digits', () => {
    expect(camelCase('lease_expires_at')).toBe('leaseExpiresAt');
    expect(camelCase('sha_256')).toBe('sha256');
    expect(camelCase('id')).toBe('id');
  });
});
