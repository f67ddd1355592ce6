import { describe, expect, it } from 'vitest';
import { cspFor } from '../../src/web/csp.js';
import { auth, makeTestApp } from '../support/app.js';
import { createNetwerkmail } from '../support/delivery-builders.js';

/** directives reads a Content-Security-Policy header into { directive: value }. */
function directives(header: string | null): Record<string, string> {
  expect(header).toBeTruthy();
  return Object.fromEntries(
    header!.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values.join(' ')];
    }),
  );
}

describe('Content-Security-Policy by area', () => {
  it('lets no public page run script or be framed', async () => {
    const t = await makeTestApp();
    for (const path of [
      '/aanmelden',
      '/voorkeuren/onzin.x',
      '/afmelden/onzin.x',
      '/bevestigen/onzin.x',
      '/wissen/onzin.x',
    ]) {
      const policy = directives((await t.app.request(path)).headers.get('content-security-policy'));
      expect(policy['default-src'], path).toBe("'none'");
      expect(policy['script-src'], path).toBeUndefined();
      expect(policy['frame-ancestors'], path).toBe("'none'");
      expect(policy['form-action'], path).toBe("'self'");
      expect(policy['style-src'], path).toBe("'unsafe-inline'");
    }
  });

  it('gives the archief the same rules, with photos from https sites', async () => {
    const t = await makeTestApp();
    for (const path of ['/archief', '/archief/afmelden', '/archief/bestaat-niet']) {
      const policy = directives((await t.app.request(path)).headers.get('content-security-policy'));
      expect(policy['default-src'], path).toBe("'none'");
      expect(policy['script-src'], path).toBeUndefined();
      expect(policy['frame-ancestors'], path).toBe("'none'");
      expect(policy['img-src'], path).toBe("'self' data: https:");
    }
  });

  it('lets only this app frame a campaign preview', async () => {
    const t = await makeTestApp();
    const id = await createNetwerkmail(t.app, t.coco);
    const res = await t.app.request(`/api/campaigns/${id}/preview?format=html`, { headers: auth(t.coco) });
    expect(res.status).toBe(200);
    const policy = directives(res.headers.get('content-security-policy'));
    expect(policy['frame-ancestors']).toBe("'self'");
    expect(policy['script-src']).toBeUndefined();
  });

  it('allows the volunteers’ pages their own scripts and frames without loosening the public pages', async () => {
    const t = await makeTestApp();
    const beheer = directives(
      (await t.app.request('/beheer/campagnes')).headers.get('content-security-policy'),
    );
    expect(beheer['script-src']).toBe("'self'");
    expect(beheer['frame-src']).toBe("'self'");
    expect(beheer['frame-ancestors']).toBe("'none'");
    expect(directives(cspFor('public'))['frame-src']).toBeUndefined();
    expect(directives(cspFor('public'))['script-src']).toBeUndefined();
  });
});
