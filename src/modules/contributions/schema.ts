import { z } from 'zod';
import { AgendaItem, Article } from '../campaigns/schema.js';

/** ContributionKind: a news item (an article of the Nieuwsbrief) or an agenda item. */
export const ContributionKind = z.enum(['news', 'agenda']);
export type ContributionKind = z.infer<typeof ContributionKind>;

/** ContributionStatus is what is stored; 'sent' is derived from the campaign (ContributionState). */
export const ContributionStatus = z.enum(['submitted', 'taken', 'declined']);
export type ContributionStatus = z.infer<typeof ContributionStatus>;

/** ContributionState is what an editor sees: waiting, taken into a Nieuwsbrief, sent with it, or declined. */
export type ContributionState = 'submitted' | 'taken' | 'sent' | 'declined';

/** NewsItem is a news item as the Nieuwsbrief takes it: the campaign's own article rules. */
export const NewsItem = Article;
export type NewsItem = z.infer<typeof NewsItem>;

/** NewsText is what an editor types for a news item (the photo comes apart, as a file). */
export const NewsText = z.object({
  title: NewsItem.shape.title,
  body: NewsItem.shape.body,
  link: NewsItem.shape.link,
});
export type NewsText = z.infer<typeof NewsText>;

/** AgendaEntry is an agenda item as the Nieuwsbrief takes it: the campaign's own agenda rules. */
export const AgendaEntry = AgendaItem;
export type AgendaEntry = z.infer<typeof AgendaEntry>;

/** DeclineReason is the CoCo's reason, mailed to the editor. */
export const DeclineReason = z
  .string({ error: 'Schrijf de reden op; de redacteur krijgt hem per mail.' })
  .trim()
  .min(1, { error: 'Schrijf de reden op; de redacteur krijgt hem per mail.' })
  .max(1000, { error: 'De reden is te lang (hoogstens 1000 tekens).' });

/** Contribution is one item a stadsdorp sent in for the Nieuwsbrief, with its state. */
export type Contribution = {
  id: number;
  stadsdorpId: number;
  stadsdorpName: string;
  accountId: number | null;
  submittedBy: string;
  state: ContributionState;
  campaignId: number | null;
  /** The subject of the Nieuwsbrief it was taken into, when there is one. */
  campaignSubject: string | null;
  campaignSentAt: string | null;
  declineReason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
} & ({ kind: 'news'; item: NewsItem } | { kind: 'agenda'; item: AgendaEntry });
