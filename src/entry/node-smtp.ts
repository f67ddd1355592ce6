import nodemailer from 'nodemailer';
import type { Db } from '../db/port.js';
import type { Transport } from '../mail/transport.js';
import { type SmtpMailer, smtpTransport } from '../mail/transports/smtp.js';

/** nodemailerSmtp is Node's SMTP client for SMTP_URL: nodemailer over a pooled connection. */
export function nodemailerSmtp(url: string): SmtpMailer {
  return nodemailer.createTransport(`${url}${url.includes('?') ? '&' : '?'}pool=true`);
}

/** nodeSmtpTransport is the SMTP transport with Node's client, for SMTP_URL. */
export function nodeSmtpTransport(opts: { url: string; db: Db; from: string }): Transport {
  return smtpTransport({ mailer: nodemailerSmtp(opts.url), db: opts.db, from: opts.from });
}
