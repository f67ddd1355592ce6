// The composer's form, as the pages read and write it: the fields as typed (strings, blank
// blocks included), the content the service checks, the up/down/remove/add buttons, and what
// another person changed since a form was opened. Field names are the service's error paths
// (`subject`, `content.articles.2.title`), so an error lands at its own field.
import type { Campaign } from '../../modules/campaigns/schema.js';
import type { Form } from './kit/http.js';
import { one } from './kit/http.js';

/** ListName is a repeating section of a Nieuwsbrief. */
export type ListName = 'articles' | 'agenda' | 'kennisbank';
export const LIST_NAMES: ListName[] = ['articles', 'agenda', 'kennisbank'];

/** ITEM_FIELDS are the fields of one block of a section, in the order the form shows them. */
export const ITEM_FIELDS: Record<ListName, string[]> = {
  articles: ['title', 'body', 'imageUrl', 'imageAlt', 'link'],
  agenda: ['date', 'time', 'title', 'place', 'link'],
  kennisbank: ['title', 'url'],
};

/** TEXT_FIELDS are a kind's single text fields (below `content.`). */
export const TEXT_FIELDS: Record<Campaign['kind'], string[]> = {
  nieuwsbrief: ['intro', 'closing'],
  netwerkmail: ['body', 'signature', 'button.label', 'button.url'],
};

/** Item is one block as typed. */
export type Item = Record<string, string>;

/** ComposerValues are the composer's fields as typed. */
export interface ComposerValues {
  subject: string;
  preheader: string;
  text: Record<string, string>;
  items: Record<ListName, Item[]>;
}

const emptyItems = (): Record<ListName, Item[]> => ({ articles: [], agenda: [], kennisbank: [] });

/** blankItem is a new, empty block of a section. */
export function blankItem(list: ListName): Item {
  return Object.fromEntries(ITEM_FIELDS[list].map((f) => [f, '']));
}

/** valuesOf turns a stored campaign into the form's values. */
export function valuesOf(c: Campaign): ComposerValues {
  const items = emptyItems();
  const text: Record<string, string> = {};
  if (c.kind === 'nieuwsbrief') {
    text.intro = c.content.intro;
    text.closing = c.content.closing ?? '';
    for (const list of LIST_NAMES) {
      items[list] = (c.content[list] as unknown as Record<string, string | undefined>[]).map((it) =>
        Object.fromEntries(ITEM_FIELDS[list].map((f) => [f, it[f] ?? ''])),
      );
    }
  } else {
    text.body = c.content.body;
    text.signature = c.content.signature ?? '';
    text['button.label'] = c.content.button?.label ?? '';
    text['button.url'] = c.content.button?.url ?? '';
  }
  return { subject: c.subject, preheader: c.preheader ?? '', text, items };
}

/** readValues reads the composer's fields from a posted form, blocks in the order of their numbers. */
export function readValues(kind: Campaign['kind'], form: Form): ComposerValues {
  const text = Object.fromEntries(TEXT_FIELDS[kind].map((f) => [f, one(form, `content.${f}`)]));
  const items = emptyItems();
  if (kind === 'nieuwsbrief') {
    for (const list of LIST_NAMES) {
      const indexes = new Set<number>();
      const pattern = new RegExp(`^content\\.${list}\\.([0-9]{1,3})\\.`);
      for (const key of Object.keys(form)) {
        const m = pattern.exec(key);
        if (m) indexes.add(Number(m[1]));
      }
      items[list] = [...indexes]
        .sort((a, b) => a - b)
        .slice(0, 50)
        .map((i) =>
          Object.fromEntries(ITEM_FIELDS[list].map((f) => [f, one(form, `content.${list}.${i}.${f}`)])),
        );
    }
  }
  return { subject: one(form, 'subject'), preheader: one(form, 'preheader'), text, items };
}

/** isBlank: a block with nothing typed in it, which a save leaves out. */
export const isBlank = (item: Item) => Object.values(item).every((v) => v.trim() === '');

function optional(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v;
}

/**
 * contentOf builds the content the service checks. Blocks left wholly empty are left out;
 * `fieldOf` maps an error path of the content back to the field the form showed it in.
 */
export function contentOf(
  kind: Campaign['kind'],
  v: ComposerValues,
): { content: Record<string, unknown>; fieldOf: (path: string) => string } {
  if (kind === 'netwerkmail') {
    const label = optional(v.text['button.label']);
    const url = optional(v.text['button.url']);
    return {
      content: {
        body: v.text.body ?? '',
        signature: optional(v.text.signature),
        button: label || url ? { label: label ?? '', url: url ?? '' } : undefined,
      },
      fieldOf: (path) => (path === 'content.button' ? 'content.button.label' : path),
    };
  }
  const positions: Record<string, number[]> = {};
  const content: Record<string, unknown> = { intro: v.text.intro ?? '', closing: optional(v.text.closing) };
  for (const list of LIST_NAMES) {
    positions[list] = [];
    content[list] = v.items[list].flatMap((item, i) => {
      if (isBlank(item)) return [];
      positions[list]!.push(i);
      return [
        Object.fromEntries(Object.entries(item).flatMap(([k, val]) => (optional(val) ? [[k, val]] : []))),
      ];
    });
  }
  return {
    content,
    fieldOf: (path) => {
      const m = /^content\.(articles|agenda|kennisbank)\.([0-9]+)(\..+)?$/.exec(path);
      if (!m) return path;
      const list = m[1] as ListName;
      const at = positions[list]?.[Number(m[2])] ?? Number(m[2]);
      return `content.${list}.${at}${m[3] ?? `.${ITEM_FIELDS[list][0]}`}`;
    },
  };
}

/**
 * Action is what a button of the form asks besides saving: move, remove or add a block, go on
 * to an article's photo page (`photo`, after the save) or take its photo out (`unphoto`).
 */
export type Action =
  | { kind: 'save' }
  | { kind: 'up' | 'down' | 'remove'; list: ListName; index: number }
  | { kind: 'add'; list: ListName }
  | { kind: 'photo' | 'unphoto'; list: 'articles'; index: number };

/**
 * readAction reads the pressed button (`actie`): omhoog:articles:2, omlaag:..., weg:...,
 * erbij:articles, foto:articles:2, fotoweg:articles:2.
 */
export function readAction(raw: string): Action {
  const photo = /^(foto|fotoweg):articles:([0-9]{1,3})$/.exec(raw);
  if (photo)
    return { kind: photo[1] === 'foto' ? 'photo' : 'unphoto', list: 'articles', index: Number(photo[2]) };
  const m = /^(omhoog|omlaag|weg):(articles|agenda|kennisbank):([0-9]{1,3})$/.exec(raw);
  if (m) {
    const kind = ({ omhoog: 'up', omlaag: 'down', weg: 'remove' } as const)[
      m[1] as 'omhoog' | 'omlaag' | 'weg'
    ];
    return { kind, list: m[2] as ListName, index: Number(m[3]) };
  }
  const add = /^erbij:(articles|agenda|kennisbank)$/.exec(raw);
  if (add) return { kind: 'add', list: add[1] as ListName };
  return { kind: 'save' };
}

/**
 * applyAction moves or removes a block, or takes an article's photo out, in the typed values
 * (adding a block, and going to the photo page, happen after the save).
 */
export function applyAction(v: ComposerValues, a: Action): ComposerValues {
  if (a.kind === 'save' || a.kind === 'add' || a.kind === 'photo') return v;
  const list = [...v.items[a.list]];
  const item = list[a.index];
  if (!item) return v;
  if (a.kind === 'unphoto') list[a.index] = { ...item, imageUrl: '', imageAlt: '' };
  else if (a.kind === 'remove') list.splice(a.index, 1);
  else {
    const to = a.kind === 'up' ? a.index - 1 : a.index + 1;
    if (to < 0 || to >= list.length) return v;
    list[a.index] = list[to]!;
    list[to] = item;
  }
  return { ...v, items: { ...v.items, [a.list]: list } };
}

const TEXT_LABEL: Record<string, string> = {
  subject: 'Onderwerp',
  preheader: 'Voorvertoningstekst',
  intro: 'Inleiding',
  closing: 'Slotwoord',
  body: 'Tekst',
  signature: 'Ondertekening',
  'button.label': 'Tekst op de knop',
  'button.url': 'Link van de knop',
};
/** ITEM_LABEL names each section's blocks and their fields, in Dutch. */
export const ITEM_LABEL: Record<ListName, { one: string; fields: Record<string, string> }> = {
  articles: {
    one: 'Artikel',
    fields: {
      title: 'Titel',
      body: 'Tekst',
      imageUrl: 'Foto',
      imageAlt: 'Beschrijving van de foto',
      link: 'Link "Lees meer"',
    },
  },
  agenda: {
    one: 'Agendapunt',
    fields: { date: 'Datum', time: 'Tijd', title: 'Titel', place: 'Plaats', link: 'Link' },
  },
  kennisbank: { one: 'Kennisbank-link', fields: { title: 'Titel', url: 'Link' } },
};

/** labelOf names a field of the form in Dutch, e.g. "Artikel 2: Titel". */
export function labelOf(field: string): string {
  const m = /^content\.(articles|agenda|kennisbank)\.([0-9]+)\.(.+)$/.exec(field);
  if (m) {
    const l = ITEM_LABEL[m[1] as ListName];
    return `${l.one} ${Number(m[2]) + 1}: ${l.fields[m[3]!] ?? m[3]}`;
  }
  return TEXT_LABEL[field.replace(/^content\./, '')] ?? field;
}

function flatten(kind: Campaign['kind'], v: ComposerValues): Map<string, string> {
  const out = new Map<string, string>([
    ['subject', v.subject.trim()],
    ['preheader', v.preheader.trim()],
  ]);
  for (const f of TEXT_FIELDS[kind]) out.set(`content.${f}`, (v.text[f] ?? '').trim());
  if (kind === 'nieuwsbrief') {
    for (const list of LIST_NAMES) {
      v.items[list]
        .filter((item) => !isBlank(item))
        .forEach((item, i) => {
          for (const f of ITEM_FIELDS[list]) out.set(`content.${list}.${i}.${f}`, (item[f] ?? '').trim());
        });
    }
  }
  return out;
}

/** Change is one field another person changed: its Dutch name, what it was, what it is now. */
export interface Change {
  field: string;
  label: string;
  was: string;
  now: string;
}

/** changesBetween lists, field by field, what differs between two versions of the fields. */
export function changesBetween(kind: Campaign['kind'], was: ComposerValues, now: ComposerValues): Change[] {
  const a = flatten(kind, was);
  const b = flatten(kind, now);
  const fields = [...new Set([...a.keys(), ...b.keys()])];
  return fields
    .filter((f) => (a.get(f) ?? '') !== (b.get(f) ?? ''))
    .map((f) => ({ field: f, label: labelOf(f), was: a.get(f) ?? '', now: b.get(f) ?? '' }));
}

/** readWas reads the hidden copy of the fields as the form was opened (or last saved). */
export function readWas(raw: string): ComposerValues | undefined {
  try {
    const v = JSON.parse(raw) as ComposerValues;
    return typeof v.subject === 'string' && v.items && v.text ? v : undefined;
  } catch {
    return undefined;
  }
}
