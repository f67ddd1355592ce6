import { describe, expect, it } from 'vitest';
import Nieuwsbrief from '../../emails/nieuwsbrief.js';
import { campaignMessage } from '../../src/modules/campaigns/message.js';
import { neutralValues, personalise, renderCampaign } from '../../src/modules/campaigns/render.js';
import type { Campaign } from '../../src/modules/campaigns/schema.js';
import { makeDeps } from '../support/app.js';

function nieuwsbrief(over: Partial<Campaign> = {}): Campaign {
  return {
    id: 7,
    slug: '2026-11-netwerk-nieuwsbrief',
    kind: 'nieuwsbrief',
    subject: 'Netwerk Nieuwsbrief november',
    preheader: 'Agenda en nieuws',
    content: Nieuwsbrief.PreviewProps.content,
    lists: ['besturen', 'geinteresseerden'],
    layout: null,
    public: true,
    status: 'draft',
    scheduledAt: null,
    startedAt: null,
    sentAt: null,
    createdBy: null,
    createdAt: '2026-11-28T10:00:00.000Z',
    updatedAt: '2026-11-28T10:00:00.000Z',
    ...over,
  } as Campaign;
}

const anna = {
  name: 'Anna',
  email: 'anna@example.nl',
  unsubscribeUrl: 'https://stadsdorpen.nl/afmelden/tok-a',
  preferencesUrl: 'https://stadsdorpen.nl/voorkeuren/tok-p',
  webVersionUrl: 'https://stadsdorpen.nl/archief/2026-11-netwerk-nieuwsbrief',
};

describe('render once, personalise per recipient', () => {
  it('greets each recipient by name, and "lezer" without one', async () => {
    const { deps } = await makeDeps();
    const r = await renderCampaign(deps, nieuwsbrief());
    expect(personalise(r, anna).text).toContain('Beste Anna,');
    expect(personalise(r, anna).html).toContain('Beste Anna,');
    expect(personalise(r, { ...anna, name: null }).text).toContain('Beste lezer,');
    expect(personalise(r, { ...anna, name: '  ' }).html).toContain('Beste lezer,');
  });

  it('keeps a typed name on one line and within 200 characters in the text part, as HTML shows it', async () => {
    const { deps } = await makeDeps();
    const r = await renderCampaign(deps, nieuwsbrief());
    const m = personalise(r, {
      ...anna,
      name: 'Jan\r\n\r\nUw abonnement verloopt. Betaal via https://boze-site.example\u2028\t!',
    });
    expect(m.text).toContain('Beste Jan Uw abonnement verloopt. Betaal via https://boze-site.example !,');
    expect(m.text).not.toMatch(/^Uw abonnement/m);
    expect(m.subject).not.toMatch(/[\r\n]/);
    const long = personalise(r, { ...anna, name: 'a'.repeat(5000) });
    expect(long.text).toContain(`Beste ${'a'.repeat(199)}…,`);
    expect(long.text).not.toContain('a'.repeat(200));
  });

  it('escapes values in HTML but leaves them raw in the text part', async () => {
    const { deps } = await makeDeps();
    const r = await renderCampaign(deps, nieuwsbrief());
    const m = personalise(r, {
      ...anna,
      name: '<script>alert(1)</script>',
      unsubscribeUrl: 'https://stadsdorpen.nl/afmelden/x?a="b"&c=<d>',
    });
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('Beste &#60;script&#62;alert(1)&#60;/script&#62;,');
    expect(m.html).toContain('href="https://stadsdorpen.nl/afmelden/x?a=%22b%22&amp;c=%3Cd%3E"');
    expect(m.text).toContain('Beste <script>alert(1)</script>,');
  });

  it('puts the unsubscribe, preferences and web-version links in both parts', async () => {
    const { deps } = await makeDeps();
    const m = personalise(await renderCampaign(deps, nieuwsbrief()), anna);
    for (const url of [anna.unsubscribeUrl, anna.preferencesUrl, anna.webVersionUrl]) {
      expect(m.html).toContain(`href="${url}"`);
      expect(m.text).toContain(url);
    }
    expect(m.html).not.toContain('%%');
    expect(m.text).not.toContain('%%');
  });

  it('links to the web version only for a public Nieuwsbrief', async () => {
    const { deps } = await makeDeps();
    const hidden = personalise(await renderCampaign(deps, nieuwsbrief({ public: false })), anna);
    expect(hidden.text).not.toContain('Bekijk in uw browser');
    expect(hidden.html).not.toContain(anna.webVersionUrl);
    const mail = nieuwsbrief({
      kind: 'netwerkmail',
      content: { body: 'Kort bericht' },
      public: true,
    } as Partial<Campaign>);
    expect(personalise(await renderCampaign(deps, mail), anna).text).not.toContain('Bekijk in uw browser');
  });

  it('does not let a placeholder typed by the CoCo pull in recipient data', async () => {
    const { deps } = await makeDeps();
    const c = nieuwsbrief({
      subject: 'Hallo %%EMAIL%%',
      content: { ...Nieuwsbrief.PreviewProps.content, intro: 'Uw adres: %%EMAIL%%' },
    } as Partial<Campaign>);
    const m = personalise(await renderCampaign(deps, c), anna);
    expect(m.subject).not.toContain('anna@example.nl');
    expect(m.html).not.toContain('anna@example.nl');
  });

  it('renders into an MJML layout with the same greeting, content and footer links', async () => {
    const { deps } = await makeDeps();
    const m = personalise(await renderCampaign(deps, nieuwsbrief({ layout: 'standaard' })), anna);
    expect(m.text).toContain('Beste Anna,');
    expect(m.text).toContain('Terugblik op de Netwerkbijeenkomst');
    expect(m.html).toContain(`href="${anna.unsubscribeUrl}"`);
    expect(m.text).not.toContain('Agenda en nieuws');
  });

  it('gives the web version no name and no personal links', async () => {
    const { deps } = await makeDeps();
    const m = personalise(
      await renderCampaign(deps, nieuwsbrief()),
      neutralValues('https://stadsdorpen.nl', '2026-11-x'),
    );
    expect(m.text).toContain('Beste lezer,');
    expect(m.html).not.toMatch(/afmelden\/[A-Za-z0-9_-]+\./);
  });
});

describe('campaignMessage', () => {
  it('adds one-click unsubscribe headers, List-Id and a signed unsubscribe link in the body', async () => {
    const { deps } = await makeDeps();
    const c = nieuwsbrief();
    const r = await renderCampaign(deps, c);
    const m = campaignMessage(deps.config, c, r, {
      email: 'anna@example.nl',
      name: 'Anna',
      publicId: 'pub-anna',
      listSlug: 'geinteresseerden',
    });
    const link =
      /^<(https:\/\/stadsdorpen\.test\/afmelden\/[^>]+)>, <mailto:afmelden@stadsdorpen\.nl\?subject=unsubscribe>$/.exec(
        m.headers['List-Unsubscribe'] ?? '',
      );
    expect(link).not.toBeNull();
    expect(m.html).toContain(`href="${link?.[1]}"`);
    expect(m.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(m.headers['List-Id']).toBe('"Netwerk Nieuwsbrief" <geinteresseerden.stadsdorpen.nl>');
    expect(m.to).toBe('anna@example.nl');
    expect(m.text).toContain('Beste Anna,');
  });
});
