import { Img } from '@react-email/components';
import { markdownToHtml } from '../../src/mail/markdown.js';
import type { NetwerkmailContent, NieuwsbriefContent } from './content.js';
import { A, CallToAction, Markdown } from './parts.js';
import { theme } from './theme.js';

const h2 = { fontSize: theme.size.h2, lineHeight: '1.3', margin: '24px 0 8px', color: theme.color.ink };
const meta = { margin: '0 0 2px', fontSize: '14px', color: theme.color.muted };

const weekday = new Intl.DateTimeFormat('nl-NL', {
  weekday: 'short',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** agendaDate formats 2026-12-10 and 19:30 as "do 10 december 2026, 19:30". */
export function agendaDate(date: string, time?: string): string {
  const d = weekday.format(new Date(`${date}T12:00:00Z`));
  return time ? `${d}, ${time.replace('-', '–')}` : d;
}

/** NieuwsbriefBody is everything between greeting and footer of a Nieuwsbrief; MJML layouts reuse it. */
export function NieuwsbriefBody({ content }: { content: NieuwsbriefContent }) {
  return (
    <>
      <Markdown html={markdownToHtml(content.intro)} />
      {content.articles.map((a, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to static HTML; items never reorder.
        <div key={`a${i}`}>
          <h2 style={h2}>{a.title}</h2>
          {a.imageUrl ? (
            <Img
              src={a.imageUrl}
              alt={a.imageAlt ?? ''}
              width="552"
              // width:100% lets the table cell shrink on a phone; the width attribute is for Outlook.
              style={{ width: '100%', maxWidth: '552px', height: 'auto', margin: '0 0 12px' }}
            />
          ) : null}
          <Markdown html={markdownToHtml(a.body)} />
          {a.link ? (
            <p style={{ margin: '0 0 16px' }}>
              <A href={a.link}>{`Lees verder: ${a.title}`}</A>
            </p>
          ) : null}
        </div>
      ))}
      {content.agenda.length ? (
        <>
          <h2 style={h2}>Agenda</h2>
          {content.agenda.map((item, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to static HTML; items never reorder.
            <div key={`g${i}`} style={{ margin: '0 0 12px' }}>
              <p style={meta}>{agendaDate(item.date, item.time)}</p>
              <p style={{ margin: 0, fontWeight: 'bold' }}>
                {item.link ? <A href={item.link}>{item.title}</A> : item.title}
              </p>
              {item.place ? <p style={meta}>{item.place}</p> : null}
            </div>
          ))}
        </>
      ) : null}
      {content.kennisbank.length ? (
        <>
          <h2 style={h2}>Uit de Kennisbank</h2>
          <ul style={{ margin: '0 0 16px', paddingLeft: '22px' }}>
            {content.kennisbank.map((k, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to static HTML; items never reorder.
              <li key={`k${i}`} style={{ margin: '0 0 4px' }}>
                <A href={k.url}>{k.title}</A>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {content.closing ? <Markdown html={markdownToHtml(content.closing)} /> : null}
    </>
  );
}

/** NetwerkmailBody is the message, the optional button and the signature of a Netwerkmail. */
export function NetwerkmailBody({ content }: { content: NetwerkmailContent }) {
  return (
    <>
      <Markdown html={markdownToHtml(content.body)} />
      {content.button ? <CallToAction href={content.button.url}>{content.button.label}</CallToAction> : null}
      {content.signature ? (
        <p style={{ margin: '0 0 16px', whiteSpace: 'pre-line' }}>{content.signature}</p>
      ) : null}
    </>
  );
}
