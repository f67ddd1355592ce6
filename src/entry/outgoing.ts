// The outgoing mail of this service, as the dispatcher sees it: one store per kind of mail,
// most urgent first. A new kind of outgoing mail (login links to accounts, notices) is one
// more store in this list.
import type { AppDeps } from '../deps.js';
import { contributionDigests } from '../modules/contributions/digest.js';
import { campaignBatches } from '../modules/delivery/dispatch.js';
import { type OutgoingStore, prioritised } from '../modules/outgoing/dispatcher.js';
import { type Dispatcher, type DispatcherOptions, startDispatcher } from '../modules/outgoing/worker.js';
import { transactionalMails } from '../modules/subscribers/mail-queue.js';
import type { NodeDeps } from './node-runtime.js';

/**
 * outgoingMail is every store of outgoing mail, transactional mails ahead of campaign batches;
 * last the CoCo's digest of waiting contributions, which only queues transactional mail from
 * the housekeeping (every minute at most).
 */
export function outgoingMail(deps: AppDeps): OutgoingStore {
  return prioritised(transactionalMails(deps), campaignBatches(deps), contributionDigests(deps));
}

/**
 * startOutgoingWorker runs the dispatcher over outgoingMail on this thread's event loop and
 * connects it to the runtime's wakes; stop() lets work in flight finish, then resolves. The
 * delivery-only process (node-delivery.ts), the outgoing-mail thread of `npm start`
 * (outgoing-thread.ts) and tests run it.
 */
export function startOutgoingWorker(deps: NodeDeps, opts: DispatcherOptions = {}): Dispatcher {
  const dispatcher = startDispatcher(deps, outgoingMail(deps), opts);
  const unsubscribe = deps.runtime.onWake((kind) => dispatcher.wake(kind));
  return {
    wake: dispatcher.wake,
    async stop() {
      unsubscribe();
      await dispatcher.stop();
    },
  };
}
