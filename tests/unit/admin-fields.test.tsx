/** @jsxImportSource hono/jsx */
import { describe, expect, it } from 'vitest';
import { Field, SelectField, TextArea } from '../../src/web/admin/kit/field.js';

const props = { name: 'titel', label: 'Titel', hint: 'Hoogstens 50 tekens.', error: 'Vul een titel in.' };

describe('form fields in beheer', () => {
  it('read each error out as an error, linked to its control, in every kind of field', async () => {
    for (const html of [
      String(await (<Field {...props} />)),
      String(await (<SelectField {...props} options={[{ value: '', label: 'Kies' }]} />)),
      String(await (<TextArea {...props} />)),
    ]) {
      expect(html).toContain('aria-describedby="titel-hint titel-fout"');
      expect(html).toContain('<span class="verborgen">Fout: </span>Vul een titel in.');
      expect(html).toContain('aria-invalid="true"');
    }
  });
});
