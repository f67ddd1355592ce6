import type { Config } from '../../config.js';
import type { Db } from '../../db/port.js';
import type { Transport } from '../transport.js';
import { outboxTransport } from './outbox.js';
import { resendTransport } from './resend.js';
import { smtpTransport } from './smtp.js';

/**
 * createTransport picks the transport MAIL_TRANSPORT names; parseConfig already demanded its
 * settings. The outbox keeps its messages in outboxDb.
 */
export function createTransport(config: Config, db: Db, outboxDb: Db): Transport {
  switch (config.mailTransport) {
    case 'resend':
      // A request must end well within the lease, or a second worker could take the batch over meanwhile.
      return resendTransport({
        apiKey: config.resendApiKey ?? '',
        baseUrl: config.resendBaseUrl,
        timeoutMs: Math.min(30_000, config.deliveryLeaseSeconds * 500),
      });
    case 'smtp':
      return smtpTransport({ url: config.smtpUrl ?? '', db, from: config.mailFrom });
    default:
      return outboxTransport(outboxDb);
  }
}
