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

  it('refuses a short SECRET_KEY', () => {
    expect(() => parseConfig({ SECRET_KEY: 'kort' })).toThrow(/SECRET_KEY/);
  });
});
