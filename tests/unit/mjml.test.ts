import { describe, expect, it } from 'vitest';
import { fillSlots, findSlots } from '../../src/mail/mjml.js';

describe('slots', () => {
  it('finds and fills {{slot}} markers in one pass', () => {
    const src = '<mj-text>{{ greeting }} {{content}} {{content}} {{onbekend}}</mj-text>';
    expect(findSlots(src)).toEqual(['greeting', 'content', 'onbekend']);
    expect(fillSlots(src, { greeting: 'Hoi', content: '<p>x</p>' })).toBe(
      '<mj-text>Hoi <p>x</p> <p>x</p> </mj-text>',
    );
  });
});
