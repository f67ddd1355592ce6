import type { Config } from '../../config.js';
import { mailDomain } from '../../mail/mail-domain.js';
import type { OutgoingMessage } from '../../mail/transport.js';
import { preferencesUrl, unsubscribeUrl } from '../notifications/links.js';
import { personalise, type RenderedCampaign, webVersionUrl } from './render.js';

/** CampaignRecipient is who one delivery goes to, as frozen in the deliveries table. */
export interface CampaignRecipient {
  email: string;
  name: string | null;
  publicId: string;
  /** The one target list the recipient is on; null when on several (unsubscribe then means all). */
  listSlug: string | null;
}

/** MessageCampaign is what message assembly needs to know of the campaign. */
export interface MessageCampaign {
  id: number;
  slug: string;
  kind: 'nieuwsbrief' | 'netwerkmail';
  lists: string[];
}

// ASCII display names: a List-Id header must survive transports that do not encode headers.
const LIST_ID_NAME: Record<MessageCampaign['kind'], string> = {
  nieuwsbrief: 'Netwerk Nieuwsbrief',
  netwerkmail: 'Netwerkmail voor besturen',
};

/** listIdHeader is the List-Id value, e.g. "Netwerk Nieuwsbrief" <besturen.stadsdorpen.nl>. */
export function listIdHeader(mailFrom: string, kind: MessageCampaign['kind'], listSlug: string): string {
  return `"${LIST_ID_NAME[kind]}" <${listSlug}.${mailDomain(mailFrom)}>`;
}

/**
 * feedbackIdHeader is the Feedback-ID of a campaign's mails, e.g. 42:nieuwsbrief:nas:stadsdorpen.nl,
 * for Gmail's feedback loop (its bulk-sender guidelines). Gmail counts complaints per field,
 * most specific first, and the last field names the sender: the campaign, then the kind
 * (Nieuwsbrief or Netwerkmail), then the Netwerk as the sending organisation ("nas", where a
 * stadsdorp could one day send its own), then the From domain, which DKIM already ties to us.
 * Never per recipient: Gmail ignores identifiers that are unique per message.
 */
export function feedbackIdHeader(mailFrom: string, campaign: Pick<MessageCampaign, 'id' | 'kind'>): string {
  return `${campaign.id}:${campaign.kind}:nas:${mailDomain(mailFrom)}`;
}

/**
 * campaignMessage assembles the message for one recipient: the rendered campaign
 * personalised with their name and signed links, and the one-click unsubscribe headers (RFC 8058).
 */
export function campaignMessage(
  config: Pick<Config, 'publicUrl' | 'mailFrom' | 'mailReplyTo' | 'unsubscribeMailto'> & {
    secretKey: string;
  },
  campaign: MessageCampaign,
  rendered: RenderedCampaign,
  recipient: CampaignRecipient,
): OutgoingMessage {
  const links = { publicUrl: config.publicUrl, secretKey: config.secretKey };
  const unsubscribe = unsubscribeUrl(links, recipient.publicId, recipient.listSlug ?? undefined);
  const mail = personalise(rendered, {
    name: recipient.name,
    email: recipient.email,
    unsubscribeUrl: unsubscribe,
    preferencesUrl: preferencesUrl(links, recipient.publicId),
    webVersionUrl: webVersionUrl(config.publicUrl, campaign.slug),
  });
  return {
    from: config.mailFrom,
    to: recipient.email,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    replyTo: config.mailReplyTo,
    headers: {
      'List-Unsubscribe': `<${unsubscribe}>, <mailto:${config.unsubscribeMailto}?subject=unsubscribe>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': listIdHeader(
        config.mailFrom,
        campaign.kind,
        recipient.listSlug ?? campaign.lists[0] ?? campaign.kind,
      ),
      // Keeps Gmail from threading different campaigns into one conversation.
      'X-Entity-Ref-ID': `campaign-${campaign.id}-${recipient.publicId}`,
      'Feedback-ID': feedbackIdHeader(config.mailFrom, campaign),
    },
    tags: [
      { name: 'campaign', value: String(campaign.id) },
      { name: 'kind', value: campaign.kind },
    ],
  };
}
