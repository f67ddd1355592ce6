import { z } from 'zod';
import type * as Content from '../../../emails/_components/content.js';

/** CampaignKind: a Nieuwsbrief (news, agenda, Kennisbank) or a short Netwerkmail to the besturen. */
export const CampaignKind = z.enum(['nieuwsbrief', 'netwerkmail'], {
  error: 'Kies nieuwsbrief of netwerkmail.',
});
export type CampaignKind = z.infer<typeof CampaignKind>;

/** CampaignStatus: draft -> scheduled -> sending (<-> paused) -> sent, or cancelled. */
export const CampaignStatus = z.enum(['draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled']);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

const text = (label: string, max: number) =>
  z
    .string({ error: `Vul ${label} in.` })
    .trim()
    .min(1, { error: `Vul ${label} in.` })
    .max(max, { error: `${label} is te lang (hoogstens ${max} tekens).` });

const webUrl = (label: string) =>
  z
    .url({ protocol: /^https?$/, error: `${label} moet een volledige http(s)-link zijn.` })
    .max(2000, { error: `${label} is te lang.` });

/**
 * IMAGE_URL_MESSAGE: an image of a mail is an https link, or a photo this service serves
 * itself (under PUBLIC_URL, which is http on a laptop): the campaigns service checks the
 * second, since only it knows PUBLIC_URL (ownPhotoUrlsOnly).
 */
export const IMAGE_URL_MESSAGE = 'De afbeelding moet een https-link zijn, of een foto die hier is geüpload.';

/** Article is one article of a Nieuwsbrief: title, Markdown text, an optional image with alt text and link. */
export const Article = z
  .object({
    title: text('de titel van het artikel', 200),
    body: text('de tekst van het artikel', 10_000),
    imageUrl: z
      .url({ protocol: /^https?$/, error: IMAGE_URL_MESSAGE })
      .max(2000)
      .optional(),
    imageAlt: text('een beschrijving van de afbeelding (alt-tekst)', 300).optional(),
    link: webUrl('De link').optional(),
  })
  .refine((a) => !a.imageUrl || a.imageAlt, {
    path: ['imageAlt'],
    error: 'Beschrijf de afbeelding (alt-tekst): lezers met een schermlezer zien hem niet.',
  });

/** AgendaItem is one date of a Nieuwsbrief's agenda: date, optional time, title, place and link. */
export const AgendaItem = z.object({
  date: z.iso.date({ error: 'Gebruik een datum als 2026-12-10.' }),
  time: z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d(-([01]\d|2[0-3]):[0-5]\d)?$/, {
      error: 'Gebruik een tijd als 19:30 of 19:30-21:00.',
    })
    .optional(),
  title: text('de titel van het agendapunt', 200),
  place: text('de plaats', 200).optional(),
  link: webUrl('De link').optional(),
});

const KennisbankLink = z.object({
  title: text('de titel van het Kennisbank-artikel', 200),
  url: webUrl('De Kennisbank-link'),
});

/** NieuwsbriefContent checks what the CoCo writes for a Nieuwsbrief; Markdown in intro, bodies and closing. */
export const NieuwsbriefContent = z.strictObject({
  intro: text('een inleiding', 3000),
  articles: z.array(Article).max(20, { error: 'Hoogstens 20 artikelen per Nieuwsbrief.' }).default([]),
  agenda: z.array(AgendaItem).max(30, { error: 'Hoogstens 30 agendapunten per Nieuwsbrief.' }).default([]),
  kennisbank: z
    .array(KennisbankLink)
    .max(20, { error: 'Hoogstens 20 Kennisbank-links per Nieuwsbrief.' })
    .default([]),
  closing: text('een slotwoord', 3000).optional(),
}) satisfies z.ZodType<Content.NieuwsbriefContent>;
/** NieuwsbriefContent is declared by the templates that render it (emails/_components/content.ts). */
export type NieuwsbriefContent = Content.NieuwsbriefContent;

/** NetwerkmailContent checks a Netwerkmail: one message in Markdown, a signature and an optional button. */
export const NetwerkmailContent = z.strictObject({
  body: text('de tekst', 20_000),
  signature: text('een ondertekening', 500).optional(),
  button: z.object({ label: text('de tekst op de knop', 60), url: webUrl('De link van de knop') }).optional(),
}) satisfies z.ZodType<Content.NetwerkmailContent>;
/** NetwerkmailContent is declared by the templates that render it (emails/_components/content.ts). */
export type NetwerkmailContent = Content.NetwerkmailContent;

/** contentSchema picks the content schema of a kind. */
export const contentSchema = { nieuwsbrief: NieuwsbriefContent, netwerkmail: NetwerkmailContent } as const;

const ListSlugs = z
  .array(z.string().trim().min(1).max(60), { error: 'Geef de lijsten als een rij namen, bv. ["besturen"].' })
  .min(1, { error: 'Kies minstens één lijst.' })
  .max(10);

const LayoutName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, {
  error: 'Een layoutnaam bestaat uit kleine letters, cijfers en streepjes.',
});

const common = {
  subject: text('een onderwerp', 150),
  preheader: z
    .string()
    .trim()
    .max(200, { error: 'De voorvertoningstekst is te lang (hoogstens 200 tekens).' })
    .optional(),
  lists: ListSlugs.optional(),
  layout: LayoutName.optional(),
  public: z.boolean({ error: 'public is true of false.' }).optional(),
};

/** CreateCampaign is the body of POST /api/campaigns; content is checked against the kind. */
export const CreateCampaign = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('nieuwsbrief'), content: NieuwsbriefContent, ...common }),
    z.strictObject({ kind: z.literal('netwerkmail'), content: NetwerkmailContent, ...common }),
  ],
  { error: 'Kies kind: nieuwsbrief of netwerkmail.' },
);
export type CreateCampaign = z.infer<typeof CreateCampaign>;

/** UpdateCampaign is the body of PATCH /api/campaigns/:id; content is checked against the stored kind. */
export const UpdateCampaign = z.strictObject({
  subject: common.subject.optional(),
  preheader: common.preheader.nullable(),
  content: z.record(z.string(), z.unknown()).optional(),
  lists: ListSlugs.optional(),
  layout: LayoutName.nullable().optional(),
  public: common.public,
});
export type UpdateCampaign = z.infer<typeof UpdateCampaign>;

/** DEFAULT_LISTS are the lists a kind goes to when the CoCo names none. */
export const DEFAULT_LISTS: Record<CampaignKind, string[]> = {
  nieuwsbrief: ['besturen', 'geinteresseerden'],
  netwerkmail: ['besturen'],
};

interface CampaignBase {
  id: number;
  slug: string;
  subject: string;
  preheader: string | null;
  lists: string[];
  layout: string | null;
  public: boolean;
  status: CampaignStatus;
  scheduledAt: string | null;
  startedAt: string | null;
  sentAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  /** Raised by every edit; an edit made from an older version is refused (two CoCo members, one draft). */
  version: number;
}

/** Campaign is one publication being prepared and delivered, with content typed by its kind. */
export type Campaign = CampaignBase &
  (
    | { kind: 'nieuwsbrief'; content: NieuwsbriefContent }
    | { kind: 'netwerkmail'; content: NetwerkmailContent }
  );
