import type { Config } from '../../config.js';
import type { Db } from '../../db/port.js';
import type { Transport } from '../transport.js';
import { outboxTransport } from './outbox.js';
import { resendTransport } from './resend.js';
import { type SmtpMailer, smtpTransport } from './smtp.js';

/**
 * createTransport picks the transport MAIL_TRANSPORT names; parseConfig already demanded its
 * settings. The outbox keeps its messages in outboxDb; openSmtp makes the runtime's SMTP
 * client for SMTP_URL (nodemailer on Node, see entry/node-smtp.ts), and only when SMTP is chosen.
 */
export function createTransport(
  config: Config,
  db: Db,
  outboxDb: Db,
  openSmtp: (url: string) => SmtpMailer,
): Transport {
  switch (config.mailTransport) {
    case 'resend':
      // A request must end well within the lease, or a second worker could take the batch over meanwhile.
      return resendTransport({
        apiKey: config.resendApiKey ?? '',
        baseUrl: config.resendBaseUrl,
        timeoutMs: Math.min(30_000, config.deliveryLeaseSeconds * 500),
      });
    case 'smtp':
      return smtpTransport({ mailer: openSmtp(config.smtpUrl ?? ''), db, from: config.mailFrom });
    default:
      return outboxTransport(outboxDb);
  }
}
