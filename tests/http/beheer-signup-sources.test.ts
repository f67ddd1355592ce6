import { describe, expect, it } from 'vitest';
import { addStadsdorp, makeTestApp } from '../support/app.js';
import { addAccount, EDDY, loggedIn } from '../support/beheer.js';
import { linkIn, mailsTo, postForm } from './subscribers-support.js';

// The CoCo's page of signup sources: which posters and links bring people in, per stadsdorp.

async function setup() {
  const t = await makeTestApp();
  await addStadsdorp(t.deps, { slug: 'jordaan', name: 'Stadsdorp Jordaan' });
  await addStadsdorp(t.deps, { slug: 'noord', name: 'Stadsdorp Noord', gebied: 'Noord' });
  await addAccount(t.deps, { email: 'anna@coco.nl', name: 'Anna' });
  await addAccount(t.deps, EDDY);
  const signup = (email: string, stadsdorp: string, bron?: string) =>
    postForm(t.app, '/aanmelden', [
      ['email', email],
      ['lists', 'geinteresseerden'],
      ['stadsdorp', stadsdorp],
      ...(bron ? [['bron', bron] as [string, string]] : []),
    ]);
  await signup('a@example.nl', 'jordaan', 'poster-kennismaking-A3');
  await signup('b@example.nl', 'jordaan', 'poster-kennismaking-A3');
  await signup('c@example.nl', 'noord', 'poster-activiteit-A4');
  await signup('e@example.nl', 'noord', 'website-gemeente');
  await signup('d@example.nl', 'jordaan');
  const path = linkIn((await mailsTo(t, 'a@example.nl'))[0]!, 'bevestigen');
  await postForm(t.app, path, [['actie', 'bevestigen']]);
  return { ...t, anna: await loggedIn(t, 'anna@coco.nl'), eddy: await loggedIn(t, EDDY.email) };
}

/** cells reads a table's body rows as text. */
const cells = (html: string) =>
  [...html.matchAll(/<tr>(.*?)<\/tr>/gs)]
    .map((r) => [...r[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((c) => c[1]!.replace(/<[^>]+>/g, '')))
    .filter((r) => r.length > 0);

describe('the signup-sources page', () => {
  it('shows the CoCo the sources per stadsdorp as a chart and a table, over the last year by default', async () => {
    const t = await setup();
    const start = await (await t.anna.get('/beheer')).text();
    expect(start).toContain('href="/beheer/aanmeldbronnen">Aanmeldbronnen</a>');
    const res = await t.anna.get('/beheer/aanmeldbronnen');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('4 aanmeldingen via een poster of link, 1 bevestigd');
    expect(html).toContain('value="2025-11-29"');
    expect(html).toContain('value="2026-11-28"');
    // The chart: a row per stadsdorp, in the legend only the sources that occur.
    expect(html).toMatch(/<svg viewBox="0 0 640 \d+"/);
    expect(html).toContain('>Stadsdorp Jordaan</text>');
    expect(html).toContain('>Stadsdorp Noord</text>');
    expect(html).toContain('Poster: kennismaking</li>');
    expect(html).toContain('Andere bronnen (links, websites)</li>');
    expect(html).not.toContain('Poster: vrijwilligers gezocht</li>');
    expect(cells(html).map((r) => r.slice(0, 4))).toEqual([
      ['Poster: kennismaking, A3', 'Stadsdorp Jordaan', '2', '1'],
      ['Poster: activiteit, A4', 'Stadsdorp Noord', '1', '0'],
      ['website-gemeente', 'Stadsdorp Noord', '1', '0'],
    ]);
    expect(html).not.toContain('@example.nl');
  });

  it('shows a chosen period, and names the field of a period it cannot show', async () => {
    const t = await setup();
    const later = await (await t.anna.get('/beheer/aanmeldbronnen?van=2026-11-29&tot=2026-12-31')).text();
    expect(later).toContain('0 aanmeldingen via een poster of link');
    expect(later).toContain('In deze periode meldde niemand zich aan');
    const bad = await t.anna.get('/beheer/aanmeldbronnen?van=gisteren');
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('href="#van"');
    expect(badHtml).toContain('Vul een datum in zoals 2026-03-31.');
    const reversed = await t.anna.get('/beheer/aanmeldbronnen?van=2026-12-01&tot=2026-11-01');
    expect(reversed.status).toBe(400);
    expect(await reversed.text()).toContain('Kies een begindatum op of voor 2026-11-01.');
  });

  it('is for the CoCo only: an editor gets a Dutch 403 page and no menu entry', async () => {
    const t = await setup();
    const res = await t.eddy.get('/beheer/aanmeldbronnen');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Geen toegang');
    expect(await (await t.eddy.get('/beheer')).text()).not.toContain('/beheer/aanmeldbronnen');
  });
});
