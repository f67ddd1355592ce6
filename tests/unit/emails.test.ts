import { render } from '@react-email/render';
import { createElement, type ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import BoardRequestsNotice from '../../emails/board-requests-notice.js';
import ConfirmSignup from '../../emails/confirm-signup.js';
import Netwerkmail from '../../emails/netwerkmail.js';
import Nieuwsbrief from '../../emails/nieuwsbrief.js';
import Unsubscribed from '../../emails/unsubscribed.js';
import Welcome from '../../emails/welcome.js';
import {
  renderConfirmSignup,
  renderUnsubscribed,
  renderWelcome,
} from '../../src/modules/notifications/transactional.js';

const base = { publicUrl: 'https://stadsdorpen.nl' };

describe('transactional mails', () => {
  it('greets the subscriber by name in the confirm mail and links to the confirm URL', async () => {
    const m = await renderConfirmSignup({
      ...base,
      name: 'Anna',
      confirmUrl: 'https://stadsdorpen.nl/bevestigen/tok?a=1&b=2',
      listNames: ['de Netwerk Nieuwsbrief'],
      expiresAt: new Date('2026-12-05T10:00:00Z'),
    });
    expect(m.subject).toBe('Bevestig uw aanmelding bij het Netwerk Amsterdamse Stadsdorpen');
    expect(m.text).toContain('Beste Anna,');
    expect(m.html).toContain('href="https://stadsdorpen.nl/bevestigen/tok?a=1&amp;b=2"');
    expect(m.text).toContain('https://stadsdorpen.nl/bevestigen/tok?a=1&b=2');
    expect(m.text).toContain('geldig tot 5 december 2026');
  });

  it('says "Beste lezer," when there is no name', async () => {
    const m = await renderWelcome({
      ...base,
      name: null,
      listNames: ['de Netwerk Nieuwsbrief'],
      pendingApproval: false,
      preferencesUrl: 'https://stadsdorpen.nl/voorkeuren/p',
      unsubscribeUrl: 'https://stadsdorpen.nl/afmelden/u',
    });
    expect(m.text).toContain('Beste lezer,');
  });

  it('shows a name like <script> as text, never as markup', async () => {
    const m = await renderUnsubscribed({
      ...base,
      name: '<script>alert(1)</script>',
      listNames: ['de Netwerk Nieuwsbrief'],
      preferencesUrl: 'https://stadsdorpen.nl/voorkeuren/p',
    });
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&lt;script&gt;');
    expect(m.text).toContain('Beste <script>alert(1)</script>,');
  });

  it('puts unsubscribe and preferences links, the reason and the motto in the welcome mail', async () => {
    const m = await renderWelcome({
      ...base,
      name: 'Piet',
      listNames: ['de besturenlijst'],
      pendingApproval: true,
      preferencesUrl: 'https://stadsdorpen.nl/voorkeuren/p',
      unsubscribeUrl: 'https://stadsdorpen.nl/afmelden/u',
    });
    expect(m.text).toContain('Afmelden https://stadsdorpen.nl/afmelden/u');
    expect(m.text).toContain('Voorkeuren wijzigen https://stadsdorpen.nl/voorkeuren/p');
    expect(m.text).toContain('U ontvangt deze mail omdat u zich heeft aangemeld voor de besturenlijst');
    expect(m.text).toContain('samen werken aan nabuurschap in de stad');
    expect(m.text).toContain('Coördinatiecommissie');
  });

  it('writes a readable plain-text part without HTML or the hidden preheader', async () => {
    const m = await renderConfirmSignup({
      ...base,
      name: 'Anna',
      confirmUrl: 'https://stadsdorpen.nl/bevestigen/t',
      listNames: ['de Netwerk Nieuwsbrief'],
      expiresAt: new Date('2026-12-05T10:00:00Z'),
    });
    expect(m.text).not.toMatch(/<[a-z]/i);
    expect(m.text).not.toContain('Nog één stap: bevestig uw aanmelding');
    expect(m.text.split('\n')[0]).toBe('Netwerk Amsterdamse Stadsdorpen');
  });
});

describe('every template', () => {
  const previews: [string, ReactElement][] = [
    ['confirm-signup', createElement(ConfirmSignup, ConfirmSignup.PreviewProps)],
    ['welcome', createElement(Welcome, Welcome.PreviewProps)],
    ['unsubscribed', createElement(Unsubscribed, Unsubscribed.PreviewProps)],
    ['nieuwsbrief', createElement(Nieuwsbrief, Nieuwsbrief.PreviewProps)],
    ['netwerkmail', createElement(Netwerkmail, Netwerkmail.PreviewProps)],
    ['board-requests-notice', createElement(BoardRequestsNotice, BoardRequestsNotice.PreviewProps)],
  ];
  for (const [name, element] of previews) {
    it(`${name} renders its PreviewProps in Dutch, fluid up to 600px, with a real h1`, async () => {
      const html = await render(element);
      expect(html).toContain('lang="nl"');
      expect(html).toContain('max-width:600px');
      expect(html).toMatch(/<h1[^>]*>/);
      expect(html).toContain('samen werken aan nabuurschap in de stad');
    });
  }

  it('gives every image in the Nieuwsbrief an alt text and lets it shrink on a phone', async () => {
    const html = await render(createElement(Nieuwsbrief, Nieuwsbrief.PreviewProps));
    const imgs = html.match(/<img[^>]*>/g) ?? [];
    expect(imgs.length).toBeGreaterThan(0);
    for (const img of imgs) {
      expect(img).toMatch(/alt="[^"]+"/);
      expect(img).toContain('width:100%');
    }
  });
});
