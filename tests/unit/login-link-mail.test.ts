import { describe, expect, it } from 'vitest';
import LoginLink from '../../emails/login-link.js';
import { renderLoginLink } from '../../src/modules/notifications/transactional.js';

describe('the login link mail', () => {
  it('carries the link, says how long it works and that it works once', async () => {
    const m = await renderLoginLink(LoginLink.PreviewProps);
    expect(m.subject).toBe('Uw link om in te loggen bij beheer');
    expect(m.html).toContain('href="https://stadsdorpen.nl/beheer/link/voorbeeld-token"');
    expect(m.text).toContain('Beste Anna de Vries,');
    expect(m.text).toContain('De link werkt 15 minuten en maar één keer.');
  });

  it('invites with its own subject and button', async () => {
    const m = await renderLoginLink({
      ...LoginLink.PreviewProps,
      purpose: 'invite',
      validFor: '7 dagen',
      name: null,
    });
    expect(m.subject).toBe('Uw account voor beheer van het Netwerk Amsterdamse Stadsdorpen');
    expect(m.text).toContain('Account openen');
    expect(m.text).toContain('7 dagen');
    expect(m.text).toContain('Beste lezer,');
  });
});
