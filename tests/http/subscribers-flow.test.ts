import { describe, expect, it } from 'vitest';
import { unsubscribeUrl } from '../../src/modules/notifications/links.js';
import { addStadsdorp, makeTestApp } from '../support/app.js';
import { consentOf, linkIn, mailsTo, postForm, postJson, statusesOf } from './subscribers-support.js';

describe('a subscriber from signup to one-click unsubscribe', () => {
  it('signs up, confirms with the button behind the mailed link, changes preferences and unsubscribes with one click', async () => {
    const { app, coco, db, deps } = await makeTestApp();
    await addStadsdorp(deps, { slug: 'stadsdorp-oost', name: 'Stadsdorp Oost', gebied: 'Oost' });
    const email = 'els.de.vries@example.nl';

    const signup = await postJson(app, '/api/signup', {
      email: ' Els.de.Vries@Example.nl',
      lists: ['geinteresseerden'],
    });
    expect(signup.status).toBe(202);
    expect(await statusesOf(db, email)).toEqual({ geinteresseerden: 'unconfirmed' });

    const [confirmMail] = await mailsTo({ app, coco, deps }, email);
    expect(confirmMail!.subject).toMatch(/Bevestig uw aanmelding/);
    const confirmLink = linkIn(confirmMail!, 'bevestigen');
    const askPage = await app.request(confirmLink);
    expect(askPage.status).toBe(200);
    expect(await askPage.text()).toContain('Ja, bevestig mijn aanmelding');
    expect(await statusesOf(db, email)).toEqual({ geinteresseerden: 'unconfirmed' });
    const pressed = await postForm(app, confirmLink, [['actie', 'bevestigen']]);
    expect(pressed.status).toBe(303);
    const confirmPage = await app.request(pressed.headers.get('location')!);
    expect(confirmPage.status).toBe(200);
    expect(await confirmPage.text()).toContain('Uw aanmelding is bevestigd');
    expect(await statusesOf(db, email)).toEqual({ geinteresseerden: 'confirmed' });

    const [welcome] = await mailsTo({ app, coco, deps }, email);
    expect(welcome!.subject).toMatch(/Welkom/);
    const preferences = linkIn(welcome!, 'voorkeuren');
    const form = await app.request(preferences);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain(email);

    const saved = await postForm(app, preferences, [
      ['formulier', 'voorkeuren'],
      ['name', 'Els de Vries'],
      ['lists', 'geinteresseerden'],
      ['lists', 'besturen'],
      ['stadsdorp', 'stadsdorp-oost'],
    ]);
    expect(saved.status).toBe(303);
    const after = await app.request(saved.headers.get('location')!);
    const page = await after.text();
    expect(page).toContain('Uw voorkeuren zijn opgeslagen');
    expect(page).toContain('value="Els de Vries"');
    expect(await statusesOf(db, email)).toEqual({
      geinteresseerden: 'confirmed',
      besturen: 'pending_approval',
    });

    // One-click as Gmail sends it (urlencoded) on a Netwerkmail's besturen-only link...
    const { public_id } = (await db.get<{ public_id: string }>(
      'SELECT public_id FROM subscribers WHERE email = ?',
      [email],
    ))!;
    const besturenOnly = new URL(unsubscribeUrl(deps.config, public_id, 'besturen')).pathname;
    const urlencoded = await postForm(app, besturenOnly, [['List-Unsubscribe', 'One-Click']]);
    expect(urlencoded.status).toBe(200);
    expect(urlencoded.headers.get('location')).toBeNull();
    expect(await statusesOf(db, email)).toEqual({ geinteresseerden: 'confirmed', besturen: 'unsubscribed' });

    // ...then as multipart/form-data on the welcome mail's link, which leaves every list.
    const everything = linkIn(welcome!, 'afmelden');
    const multipart = () => {
      const body = new FormData();
      body.set('List-Unsubscribe', 'One-Click');
      return app.request(everything, { method: 'POST', body });
    };
    const res = await multipart();
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('U bent afgemeld');
    expect(await statusesOf(db, email)).toEqual({
      geinteresseerden: 'unsubscribed',
      besturen: 'unsubscribed',
    });

    // Mail clients retry one-click posts: a repeat changes nothing and mails nothing.
    expect((await multipart()).status).toBe(200);
    const subjects = (await mailsTo({ app, coco, deps }, email)).map((m) => m.subject);
    expect(subjects.filter((s) => /afgemeld/.test(s))).toHaveLength(2);

    expect(await consentOf(db, email)).toEqual([
      'geinteresseerden:signup:api:signup@v1',
      'geinteresseerden:confirm:link:bevestigen@v1',
      'besturen:signup:form:voorkeuren@v1',
      'besturen:confirm:form:voorkeuren@v1',
      'besturen:unsubscribe:one-click:afmelden@v1',
      'geinteresseerden:unsubscribe:one-click:afmelden@v1',
    ]);
  });
});
