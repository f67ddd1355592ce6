import { z } from 'zod';
import { decimalId } from '../../http.js';
import { EmailAddress } from '../../kernel/email-address.js';
import { Slug } from '../stadsdorpen/schema.js';

/** SubscriptionStatus is where one subscriber stands on one list. */
export const SubscriptionStatus = z.enum([
  'unconfirmed',
  'pending_approval',
  'confirmed',
  'unsubscribed',
  'bounced',
  'complained',
]);
export type SubscriptionStatus = z.infer<typeof SubscriptionStatus>;

/** ACTIVE_STATUSES are the statuses a person can still leave by unsubscribing. */
export const ACTIVE_STATUSES: readonly SubscriptionStatus[] = SubscriptionStatus.extract([
  'unconfirmed',
  'pending_approval',
  'confirmed',
]).options;

/** orList joins choices as a Dutch sentence does: "a, b of c". */
export function orList(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} of ${items.at(-1)}`;
}

/** StatusQuery is a status asked for in a query (search, export): any SubscriptionStatus, refused naming them all. */
export const StatusQuery = z.enum(SubscriptionStatus.options, {
  error: `Kies een status: ${orList(SubscriptionStatus.options)}.`,
});

// Bounced and complained are set by the provider's webhooks only, never by hand.
const HAND_SET = SubscriptionStatus.exclude(['bounced', 'complained']).options;

/** HandSetStatus is a status the CoCo may give a subscription by hand. */
export const HandSetStatus = z.enum(HAND_SET, { error: `Kies ${orList(HAND_SET)}.` });

/** ConsentAction is what happened in one consent log entry. */
export const ConsentAction = z.enum([
  'signup',
  'confirm',
  'approve',
  'reject',
  'unsubscribe',
  'import',
  'admin_edit',
  'erase',
  'bounce',
  'complaint',
]);
export type ConsentAction = z.infer<typeof ConsentAction>;

/** MailingList is one list (besturen, geinteresseerden, or one the CoCo added). */
export interface MailingList {
  id: number;
  slug: string;
  name: string;
  description: string;
  requiresApproval: boolean;
  requiresStadsdorp: boolean;
  createdAt: string;
}

/** Subscriber is one person (one address) as stored. */
export interface Subscriber {
  id: number;
  publicId: string;
  email: string;
  name: string | null;
  stadsdorpId: number | null;
  suppressedAt: string | null;
  suppressionReason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Subscription is one subscriber's status on one list, with the list's rules. */
export interface Subscription {
  listId: number;
  list: string;
  listName: string;
  requiresApproval: boolean;
  requiresStadsdorp: boolean;
  status: SubscriptionStatus;
  createdAt: string;
  updatedAt: string;
}

/** ConsentEntry is one row of the consent log as an export shows it. */
export interface ConsentEntry {
  list: string | null;
  action: ConsentAction;
  source: string;
  detail: string | null;
  createdAt: string;
}

/** SubscriberItem is a subscriber as the admin API lists it. */
export interface SubscriberItem {
  id: number;
  email: string;
  name: string | null;
  stadsdorp: { slug: string; name: string } | null;
  subscriptions: { list: string; status: SubscriptionStatus }[];
  suppressed: boolean;
  createdAt: string;
  updatedAt: string;
}

const OptionalName = z
  .string()
  .trim()
  .max(200, { error: 'Gebruik hoogstens 200 tekens.' })
  .nullish()
  .transform((v) => v || null);

const OptionalSlug = z.preprocess((v) => (v === '' ? null : v), Slug.nullish()).transform((v) => v ?? null);

/** ListSlugs is a non-empty set of list slugs. */
export const ListSlugs = z
  .array(z.string().trim().toLowerCase(), { error: 'Kies minstens één lijst.' })
  .min(1, { error: 'Kies minstens één lijst.' })
  .max(20, { error: 'U kunt zich voor hoogstens 20 lijsten tegelijk aanmelden.' })
  .transform((v) => [...new Set(v)]);

/** SignupInput is the body of POST /api/signup (and, after form parsing, of POST /aanmelden). */
export const SignupInput = z.object({
  email: EmailAddress,
  name: OptionalName,
  lists: ListSlugs,
  stadsdorp: OptionalSlug,
});
export type SignupInput = z.infer<typeof SignupInput>;

/** Bron is a poster or campaign code carried from a QR code into the consent log; anything else is dropped. */
export const Bron = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{1,80}$/);

/** ListCreate is the body of POST /api/lists. */
export const ListCreate = z.strictObject({
  slug: Slug,
  name: z
    .string({ error: 'Vul de naam van de lijst in.' })
    .trim()
    .min(1, { error: 'Vul de naam van de lijst in.' })
    .max(120),
  description: z.string().trim().max(1000).default(''),
  requiresApproval: z.boolean().default(false),
  requiresStadsdorp: z.boolean().default(false),
});
export type ListCreate = z.infer<typeof ListCreate>;

/** ListPatch is the body of PATCH /api/lists/:slug: a list's name and description (its slug and rules stay). */
export const ListPatch = z.strictObject({
  name: ListCreate.shape.name,
  description: z.string().trim().max(1000, { error: 'Gebruik hoogstens 1000 tekens.' }).default(''),
});
export type ListPatch = z.infer<typeof ListPatch>;

const ListStatus = z.strictObject({
  list: z.string({ error: 'Noem de lijst.' }).trim().toLowerCase().min(1, { error: 'Noem de lijst.' }),
  status: HandSetStatus,
});

/** SubscriberCreate is the body of POST /api/subscribers (the CoCo adds a person). */
export const SubscriberCreate = z.strictObject({
  email: EmailAddress,
  name: OptionalName,
  stadsdorp: OptionalSlug,
  lists: z.array(ListStatus).max(20, { error: 'Geef hoogstens 20 lijsten tegelijk op.' }).default([]),
});
export type SubscriberCreate = z.infer<typeof SubscriberCreate>;

/** SubscriberPatch is the body of PATCH /api/subscribers/:id: name, stadsdorp and statuses to change. */
export const SubscriberPatch = z.strictObject({
  name: OptionalName.optional(),
  stadsdorp: z.preprocess((v) => (v === '' ? null : v), Slug.nullable()).optional(),
  lists: z.array(ListStatus).max(20, { error: 'Geef hoogstens 20 lijsten tegelijk op.' }).optional(),
});
export type SubscriberPatch = z.infer<typeof SubscriberPatch>;

/**
 * SignupSource is how a person came onto the lists, read from their first consent entry:
 * the signup form or API (`formulier`), a poster's QR code or a link with `?bron=`
 * (`bron`), a CSV import (`import`), or a CoCo member in beheer (`beheer`).
 */
export const SignupSource = z.enum(['formulier', 'bron', 'import', 'beheer'], {
  error: 'Kies een bron: formulier, bron, import of beheer.',
});
export type SignupSource = z.infer<typeof SignupSource>;

/** SubscriberQuery is the query of GET /api/subscribers: search, filter and keyset pagination. */
export const SubscriberQuery = z.object({
  q: z.string().trim().max(200).optional(),
  list: z.string().trim().toLowerCase().optional(),
  status: StatusQuery.optional(),
  stadsdorp: Slug.optional(),
  source: SignupSource.optional(),
  after: decimalId('Gebruik de nextCursor van de vorige pagina.', 0).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type SubscriberQuery = z.infer<typeof SubscriberQuery>;

/** IdParam validates :id as a positive whole number written in digits. */
export const IdParam = z.object({
  id: decimalId('Het id is een positief geheel getal, alleen cijfers.'),
});

/** ConsentHow is how a person added by hand gave their consent, as the consent log records it. */
export const ConsentHow = z.enum(['mondeling', 'schriftelijk', 'e-mail', 'formulier-op-papier'], {
  error: 'Kies hoe deze persoon toestemming gaf.',
});
export type ConsentHow = z.infer<typeof ConsentHow>;

/** PersonAdd is a person the CoCo adds by hand, with how they consented; they are confirmed at once. */
export const PersonAdd = z.object({
  email: EmailAddress,
  name: OptionalName,
  stadsdorp: OptionalSlug,
  lists: ListSlugs,
  consent: ConsentHow,
  consentNote: z.string().trim().max(300, { error: 'Gebruik hoogstens 300 tekens.' }).default(''),
});
export type PersonAdd = z.infer<typeof PersonAdd>;

/** BlockReason is why the CoCo blocks an address by hand. */
export const BlockReason = z
  .string({ error: 'Schrijf op waarom dit adres geblokkeerd wordt.' })
  .trim()
  .min(3, { error: 'Schrijf op waarom dit adres geblokkeerd wordt (minstens 3 tekens).' })
  .max(200, { error: 'Gebruik hoogstens 200 tekens.' });
