import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { resolveFields } from '../../src/modules/print/service.js';
import { kennismaking } from '../../templates/print/kennismaking.js';

describe('print fields a template does not have', () => {
  it("refuses names every object inherits ('constructor', 'toString', '__proto__') as unknown fields", () => {
    for (const given of [{ constructor: 'x' }, { toString: 'x' }, JSON.parse('{"__proto__": "x"}')]) {
      const name = Object.keys(given)[0]!;
      try {
        resolveFields(kennismaking, given, {});
        expect.unreachable(name);
      } catch (err) {
        expect(err, name).toBeInstanceOf(AppError);
        expect((err as AppError).code).toBe('validation');
        expect((err as AppError).fields).toHaveProperty([`fields.${name}`]);
      }
    }
  });
});
