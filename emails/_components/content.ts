// What the CoCo writes for a campaign, as the templates render it. The templates own these
// types; src/modules/campaigns/schema.ts checks input against them (its zod schemas must
// produce exactly these shapes), so emails/ needs nothing from src/modules.

/** Article is one news item of a Nieuwsbrief; the body is Markdown. */
export interface Article {
  title: string;
  body: string;
  imageUrl?: string;
  imageAlt?: string;
  link?: string;
}

/** AgendaItem is one date of the Nieuwsbrief's agenda: 2026-12-10, optionally 19:30 or 19:30-21:00. */
export interface AgendaItem {
  date: string;
  time?: string;
  title: string;
  place?: string;
  link?: string;
}

/** KennisbankLink points at one article of the Kennisbank. */
export interface KennisbankLink {
  title: string;
  url: string;
}

/** NieuwsbriefContent is what the CoCo writes for a Nieuwsbrief; Markdown in intro, bodies and closing. */
export interface NieuwsbriefContent {
  intro: string;
  articles: Article[];
  agenda: AgendaItem[];
  kennisbank: KennisbankLink[];
  closing?: string;
}

/** NetwerkmailContent is one message in Markdown, a signature and an optional button. */
export interface NetwerkmailContent {
  body: string;
  signature?: string;
  button?: { label: string; url: string };
}
