// The composer's preview: the mail as a recipient gets it, rendered from what the CoCo is
// typing, before it is saved. Half-typed content is normal there (an article with a title
// and no text yet), so the preview shows what it can and says what it left out, where a save
// refuses the whole.
import type { AppDeps } from '../../deps.js';
import { campaignMessage } from './message.js';
import { renderCampaign } from './render.js';
import { getCampaign } from './repo.js';
import { type Campaign, contentSchema } from './schema.js';
import { SAMPLE_RECIPIENT } from './service.js';

/** DraftFields are the composer's fields as typed: not checked yet. */
export interface DraftFields {
  subject: string;
  preheader: string;
  content: unknown;
}

/** DraftPreview is the rendered mail and, in Dutch, what the preview had to leave out. */
export interface DraftPreview {
  subject: string;
  html: string;
  text: string;
  omitted: string[];
}

const LISTS = ['articles', 'agenda', 'kennisbank'] as const;
const ITEM_NAME: Record<(typeof LISTS)[number], string> = {
  articles: 'Artikel',
  agenda: 'Agendapunt',
  kennisbank: 'Kennisbank-link',
};
// Leaves that may be missing: the preview drops them when they do not pass.
const OPTIONAL_LEAVES = new Set(['imageUrl', 'imageAlt', 'link', 'time', 'place', 'closing', 'signature']);
const PLACEHOLDER_TEXT = '…';

type Loose = Record<string, unknown>;

/**
 * lenientContent makes typed content renderable: optional parts that do not pass are dropped,
 * list items with a required part missing are skipped, and a missing required text shows as
 * "…". It answers the content and a Dutch line for each thing left out.
 */
export function lenientContent(
  kind: Campaign['kind'],
  raw: unknown,
): { content: Campaign['content']; omitted: string[] } {
  let value: Loose = raw && typeof raw === 'object' ? structuredClone(raw as Loose) : {};
  const omitted: string[] = [];
  for (let round = 0; round < 6; round++) {
    const parsed = contentSchema[kind].safeParse(value);
    if (parsed.success) return { content: parsed.data, omitted };
    const drop = new Map<string, Set<number>>();
    for (const issue of parsed.error.issues) {
      const [head, index, leaf] = issue.path;
      const list = LISTS.find((l) => l === head);
      if (list && typeof index === 'number') {
        const items = value[list] as Loose[];
        const item = items[index];
        if (!item) continue;
        if (typeof leaf === 'string' && OPTIONAL_LEAVES.has(leaf)) {
          delete item[leaf];
          // A picture without its description is left out as a whole.
          if (leaf === 'imageAlt') delete item.imageUrl;
        } else {
          if (!drop.has(list)) drop.set(list, new Set());
          drop.get(list)?.add(index);
        }
        omitted.push(`${ITEM_NAME[list]} ${index + 1}: ${issue.message}`);
      } else if (list) {
        value[list] = Array.isArray(value[list]) ? (value[list] as unknown[]).slice(0, 20) : [];
        omitted.push(issue.message);
      } else if (typeof head === 'string' && (OPTIONAL_LEAVES.has(head) || head === 'button')) {
        delete value[head];
        omitted.push(issue.message);
      } else if (typeof head === 'string') {
        value[head] = PLACEHOLDER_TEXT;
        omitted.push(issue.message);
      } else {
        value = {};
      }
    }
    for (const [list, indexes] of drop) {
      value[list] = (value[list] as unknown[]).filter((_, i) => !indexes.has(i));
    }
  }
  // Unreachable with the schemas as they are; an empty mail rather than a broken preview.
  const empty =
    kind === 'nieuwsbrief'
      ? { intro: PLACEHOLDER_TEXT, articles: [], agenda: [], kennisbank: [] }
      : { body: PLACEHOLDER_TEXT };
  return { content: contentSchema[kind].parse(empty), omitted };
}

/**
 * previewDraft renders a campaign with the fields as typed (nothing is saved), through the
 * same render and message assembly as a send, for the sample recipient.
 */
export async function previewDraft(deps: AppDeps, id: number, draft: DraftFields): Promise<DraftPreview> {
  const stored = await getCampaign(deps.db, id);
  const { content, omitted } = lenientContent(stored.kind, draft.content);
  const subject = draft.subject.trim().slice(0, 150);
  if (!subject) omitted.unshift('Vul een onderwerp in.');
  const campaign = {
    ...stored,
    subject: subject || '(nog geen onderwerp)',
    preheader: draft.preheader.trim().slice(0, 200) || null,
    content,
  } as Campaign;
  const rendered = await renderCampaign(deps, campaign);
  const message = campaignMessage(deps.config, campaign, rendered, { ...SAMPLE_RECIPIENT, listSlug: null });
  return { subject: message.subject, html: message.html, text: message.text, omitted };
}
