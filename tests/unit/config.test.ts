import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.js';

describe('parseConfig', () => {
  it('runs with no environment at all: port 3000, ./data, outbox', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({
      port: 3000,
      dataDir: './data',
      publicUrl: 'http://localhost:3000',
      mailTransport: 'outbox',
      secretKey: undefined,
    });
  });

  it('derives the public URL from PORT and drops a trailing slash from PUBLIC_URL', () => {
    expect(parseConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(parseConfig({ PUBLIC_URL: 'https://post.stadsdorpen.nl/' }).publicUrl).toBe(
      'https://post.stadsdorpen.nl',
    );
  });

  it('stops with a message naming each wrong variable', () => {
    expect(() => parseConfig({ PORT: 'drie', MAIL_TRANSPORT: 'postduif' })).toThrow(ConfigError);
    try {
      parseConfig({ PORT: 'drie', MAIL_TRANSPORT: 'postduif' });
    } catch (e) {
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/MAIL_TRANSPORT/);
    }
  });

  it('asks for the Resend key when the resend transport is chosen', () => {
    expect(() => parseConfig({ MAIL_TRANSPORT: 'resend' })).toThrow(/RESEND_API_KEY/);
  });

  it('refuses, with a real transport, a PUBLIC_URL that readers could not open', () => {
    const real = [
      { MAIL_TRANSPORT: 'resend', RESEND_API_KEY: 're_x' },
      { MAIL_TRANSPORT: 'smtp', SMTP_URL: 'smtp://mail.example.nl:587' },
    ];
    const dead = [
      undefined,
      'http://post.stadsdorpen.nl',
      'https://localhost:3000',
      'https://127.0.0.1',
      'https://127.8.9.10:8443',
      'https://[::1]:3000',
      'https://stadsdorpen.localhost',
    ];
    for (const transport of real) {
      for (const url of dead) {
        const message = messageOf(() => parseConfig({ ...transport, PUBLIC_URL: url }));
        expect(message, `${transport.MAIL_TRANSPORT} ${url}`).toMatch(/^ {2}PUBLIC_URL: .*https/m);
        expect(message).toMatch(/List-Unsubscribe/);
      }
      expect(parseConfig({ ...transport, PUBLIC_URL: 'https://post.stadsdorpen.nl' }).publicUrl).toBe(
        'https://post.stadsdorpen.nl',
      );
    }
    expect(messageOf(() => parseConfig({ ...real[0], PUBLIC_URL: 'http://post.stadsdorpen.nl' }))).toMatch(
      /PUBLIC_URL: is http, not https/,
    );
    expect(messageOf(() => parseConfig({ ...real[0], PUBLIC_URL: 'https://127.0.0.1' }))).toMatch(
      /PUBLIC_URL: points at 127\.0\.0\.1/,
    );
    // The outbox sends nothing, so trying the service on this machine stays as easy as it was.
    expect(parseConfig({ PUBLIC_URL: 'http://localhost:3000' }).publicUrl).toBe('http://localhost:3000');
  });

  it('sends answers to the Netwerk address: Reply-To defaults to the address of MAIL_FROM', () => {
    expect(parseConfig({}).mailReplyTo).toBe('nieuwsbrief@stadsdorpen.nl');
    expect(parseConfig({ MAIL_FROM: 'Stadsdorp Oost <post@stadsdorp-oost.nl>' }).mailReplyTo).toBe(
      'post@stadsdorp-oost.nl',
    );
    expect(parseConfig({ MAIL_FROM: 'post@stadsdorp-oost.nl' }).mailReplyTo).toBe('post@stadsdorp-oost.nl');
    expect(parseConfig({ MAIL_REPLY_TO: 'coco@stadsdorpen.nl' }).mailReplyTo).toBe('coco@stadsdorpen.nl');
    expect(() => parseConfig({ MAIL_FROM: 'Netwerk Stadsdorpen' })).toThrow(/MAIL_FROM: must be an address/);
  });

  it('refuses a short SECRET_KEY', () => {
    expect(() => parseConfig({ SECRET_KEY: 'kort' })).toThrow(/SECRET_KEY/);
  });
});

function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('no ConfigError');
}
