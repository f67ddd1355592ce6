import type { Config } from '../../config.js';
import type { Db } from '../../db/port.js';
import type { Transport } from '../transport.js';
import { outboxTransport } from './outbox.js';
import { resendTransport } from './resend.js';
import { smtpTransport } from './smtp.js';

/** createTransport picks the transport MAIL_TRANSPORT names; parseConfig already demanded its settings. */
export function createTransport(config: Config, db: Db): Transport {
  switch (config.mailTransport) {
    case 'resend':
      return resendTransport({ apiKey: config.resendApiKey ?? '', baseUrl: config.resendBaseUrl });
    case 'smtp':
      return smtpTransport({ url: config.smtpUrl ?? '', db, from: config.mailFrom });
    default:
      return outboxTransport(db);
  }
}
