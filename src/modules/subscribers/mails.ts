import { createHash } from 'node:crypto';
import type { AppDeps } from '../../deps.js';
import {
  type RenderedMail,
  renderConfirmSignup,
  renderUnsubscribed,
  renderWelcome,
} from '../../mail/transactional.js';
import { CONFIRM_LINK_DAYS, confirmUrl, preferencesUrl, unsubscribeUrl } from './links.js';

type Deps = Pick<AppDeps, 'config' | 'transport' | 'now' | 'log'>;

/** MailRecipient is who a transactional mail goes to. */
export interface MailRecipient {
  publicId: string;
  email: string;
  name: string | null;
}

/** TransactionalMail names the three mails of the subscriber flow. */
export type TransactionalMail =
  | { kind: 'confirm'; listNames: string[] }
  | { kind: 'welcome'; listNames: string[]; pendingApproval: boolean }
  | { kind: 'unsubscribed'; listNames: string[] };

async function render(
  deps: Deps,
  to: MailRecipient,
  mail: TransactionalMail,
  now: Date,
): Promise<RenderedMail> {
  const links = { publicUrl: deps.config.publicUrl, secretKey: deps.config.secretKey };
  const publicUrl = deps.config.publicUrl;
  switch (mail.kind) {
    case 'confirm':
      return renderConfirmSignup({
        name: to.name,
        confirmUrl: confirmUrl(links, to.publicId, now),
        listNames: mail.listNames,
        expiresAt: new Date(now.getTime() + CONFIRM_LINK_DAYS * 86_400_000),
        publicUrl,
      });
    case 'welcome':
      return renderWelcome({
        name: to.name,
        listNames: mail.listNames,
        pendingApproval: mail.pendingApproval,
        preferencesUrl: preferencesUrl(links, to.publicId),
        unsubscribeUrl: unsubscribeUrl(links, to.publicId),
        publicUrl,
      });
    case 'unsubscribed':
      return renderUnsubscribed({
        name: to.name,
        listNames: mail.listNames,
        preferencesUrl: preferencesUrl(links, to.publicId),
        publicUrl,
      });
  }
}

// One key per event: the kind, the person, the moment and the lists it is about.
function eventKey(to: MailRecipient, mail: TransactionalMail, now: Date): string {
  const lists = createHash('sha256').update(mail.listNames.join('\n')).digest('hex').slice(0, 12);
  return `${mail.kind}-${to.publicId}-${now.toISOString()}-${lists}`;
}

/**
 * sendTransactional renders and sends one mail of the subscriber flow. The key is
 * unique to the event, so a retried request never mails twice. A failed send is
 * logged, not thrown: the change of consent is already stored, and the person can
 * ask for a new mail.
 */
export async function sendTransactional(
  deps: Deps,
  to: MailRecipient,
  mail: TransactionalMail,
): Promise<void> {
  const now = deps.now();
  try {
    const rendered = await render(deps, to, mail, now);
    const outcome = await deps.transport.sendBatch(
      [
        {
          from: deps.config.mailFrom,
          to: to.email,
          subject: rendered.subject,
          html: rendered.html,
          text: rendered.text,
          headers: {},
          replyTo: deps.config.mailReplyTo,
        },
      ],
      { idempotencyKey: eventKey(to, mail, now) },
    );
    if (outcome.kind !== 'sent') {
      deps.log.warn('transactional mail not sent', {
        kind: mail.kind,
        outcome: outcome.kind,
        reason: outcome.reason,
      });
    }
  } catch (err) {
    deps.log.error('transactional mail failed', { kind: mail.kind, error: String(err) });
  }
}
