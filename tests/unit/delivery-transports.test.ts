import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { openSqlite } from '../../src/db/sqlite.js';
import { nodemailerSmtp } from '../../src/entry/node-smtp.js';
import { createTransport } from '../../src/mail/transports/index.js';

describe('createTransport', () => {
  const db = openSqlite(':memory:');
  it('uses the outbox unless MAIL_TRANSPORT says otherwise', () => {
    expect(createTransport(parseConfig({}), db, db, nodemailerSmtp).name).toBe('outbox');
  });
  it('uses Resend with its key and base URL, and SMTP with its URL; both take batches of 100', () => {
    const resend = createTransport(
      parseConfig({
        MAIL_TRANSPORT: 'resend',
        RESEND_API_KEY: 're_x',
        PUBLIC_URL: 'https://stadsdorpen.test',
        RESEND_BASE_URL: 'http://127.0.0.1:9',
      }),
      db,
      db,
      nodemailerSmtp,
    );
    expect([resend.name, resend.maxBatchSize]).toEqual(['resend', 100]);
    const smtp = createTransport(
      parseConfig({
        MAIL_TRANSPORT: 'smtp',
        SMTP_URL: 'smtp://127.0.0.1:2525',
        PUBLIC_URL: 'https://stadsdorpen.test',
      }),
      db,
      db,
      nodemailerSmtp,
    );
    expect([smtp.name, smtp.maxBatchSize]).toEqual(['smtp', 100]);
  });
  it('refuses a Resend setup without a key and names the variable', () => {
    expect(() => parseConfig({ MAIL_TRANSPORT: 'resend' })).toThrow(/RESEND_API_KEY/);
  });
  it('keeps the lease configurable with a safe default', () => {
    expect(parseConfig({}).deliveryLeaseSeconds).toBe(120);
    expect(parseConfig({ DELIVERY_LEASE_SECONDS: '2' }).deliveryLeaseSeconds).toBe(2);
    expect(() => parseConfig({ DELIVERY_LEASE_SECONDS: '0' })).toThrow(/DELIVERY_LEASE_SECONDS/);
  });
});
