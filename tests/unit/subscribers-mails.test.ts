import { describe, expect, it } from 'vitest';
import {
  CONFIRM_LINK_DAYS,
  confirmUrl,
  ERASE_LINK_HOURS,
  eraseUrl,
  preferencesUrl,
  unsubscribeUrl,
} from '../../src/modules/notifications/links.js';
import { renderTransactional, type TransactionalMail } from '../../src/modules/notifications/mails.js';
import {
  renderConfirmSignup,
  renderEraseConfirm,
  renderUnsubscribed,
  renderWelcome,
} from '../../src/modules/notifications/transactional.js';
import { makeDeps } from '../support/app.js';

// The cached-shape rendering must give byte for byte what a direct render gives.
describe('renderTransactional', () => {
  const now = new Date('2026-11-28T10:00:00Z');
  const people = [
    { publicId: 'pub-1', email: 'a@example.nl', name: `Anne-Marie O'Brien & "Zn" <x>` },
    { publicId: 'pub-2', email: 'b@example.nl', name: null },
    { publicId: 'pub-3', email: 'c@example.nl', name: 'Jan' },
  ];

  it('fills in name and links exactly as a direct render of each mail does', async () => {
    const { deps } = await makeDeps();
    const links = { publicUrl: deps.config.publicUrl, secretKey: deps.config.secretKey };
    const publicUrl = deps.config.publicUrl;
    for (const p of people) {
      const listNames = ['Geïnteresseerden', 'Besturen'];
      expect(await renderTransactional(deps, p, { kind: 'confirm', listNames }, now)).toEqual(
        await renderConfirmSignup({
          name: p.name,
          confirmUrl: confirmUrl(links, p.publicId, now),
          listNames,
          expiresAt: new Date(now.getTime() + CONFIRM_LINK_DAYS * 86_400_000),
          publicUrl,
        }),
      );
      expect(
        await renderTransactional(deps, p, { kind: 'welcome', listNames, pendingApproval: true }, now),
      ).toEqual(
        await renderWelcome({
          name: p.name,
          listNames,
          pendingApproval: true,
          preferencesUrl: preferencesUrl(links, p.publicId),
          unsubscribeUrl: unsubscribeUrl(links, p.publicId),
          publicUrl,
        }),
      );
      expect(await renderTransactional(deps, p, { kind: 'unsubscribed', listNames }, now)).toEqual(
        await renderUnsubscribed({
          name: p.name,
          listNames,
          preferencesUrl: preferencesUrl(links, p.publicId),
          publicUrl,
        }),
      );
      expect(await renderTransactional(deps, p, { kind: 'erase', listNames: [] }, now)).toEqual(
        await renderEraseConfirm({
          name: p.name,
          eraseUrl: eraseUrl(links, p.publicId, now),
          hours: ERASE_LINK_HOURS,
          publicUrl,
        }),
      );
    }
  });

  it('keeps a typed name on one line in the text part, as the HTML part shows it', async () => {
    const { deps } = await makeDeps();
    const stranger = {
      publicId: 'pub-4',
      email: 'd@example.nl',
      name: 'Jan\n\nKlik hier om uw account te herstellen: https://boze-site.example\u202e',
    };
    const mails: TransactionalMail[] = [
      { kind: 'confirm', listNames: ['Geïnteresseerden'] },
      { kind: 'welcome', listNames: ['Geïnteresseerden'], pendingApproval: false },
    ];
    for (const mail of mails) {
      const m = await renderTransactional(deps, stranger, mail, now);
      expect(m.text).toContain('Jan Klik hier om uw account te herstellen: https://boze-site.example');
      expect(m.text).not.toMatch(/^Klik hier/m);
      expect(m.text).not.toContain('\u202e');
      expect(m.subject).not.toMatch(/[\r\n]/);
    }
  });

  it("states the Amsterdam date the link expires on, also in the hours around the city's midnight", async () => {
    const { deps } = await makeDeps();
    const p = people[2]!;
    const expiry = async (at: string) =>
      (await renderTransactional(deps, p, { kind: 'confirm', listNames: ['Geïnteresseerden'] }, new Date(at)))
        .text;
    // 22:30 UTC is 23:30 in Amsterdam in winter; 23:30 UTC is already the next day there.
    expect(await expiry('2026-11-28T22:30:00Z')).toContain('geldig tot 5 december 2026');
    expect(await expiry('2026-11-28T23:30:00Z')).toContain('geldig tot 6 december 2026');
    // In summer Amsterdam is two hours ahead: 22:30 UTC is already 00:30 the next day.
    expect(await expiry('2026-06-01T21:30:00Z')).toContain('geldig tot 8 juni 2026');
    expect(await expiry('2026-06-01T22:30:00Z')).toContain('geldig tot 9 juni 2026');
  });
});
