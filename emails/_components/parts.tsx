import { Button, Section } from '@react-email/components';
import type { ReactNode } from 'react';
import { theme } from './theme.js';

const para = { margin: '0 0 16px', fontSize: theme.size.body, lineHeight: '1.5', color: theme.color.ink };

/** Main pads the body of a mail; the "wrap" class narrows the padding on a phone. */
export function Main({ children }: { children: ReactNode }) {
  return (
    <Section className="wrap" style={{ padding: `24px ${theme.space.gutter} 8px` }}>
      {children}
    </Section>
  );
}

/** P is a body paragraph. */
export function P({ children }: { children: ReactNode }) {
  return <p style={para}>{children}</p>;
}

/** Greeting is "Beste Anna," or, without a name, "Beste lezer,". */
export function Greeting({ name }: { name: string | null }) {
  // One text node: React would put <!-- --> between parts and split a placeholder from its comma.
  return <p style={para}>{`Beste ${name?.trim() ? name.trim() : 'lezer'},`}</p>;
}

/** CallToAction is the one big button of a mail, with enough contrast and a large tap target. */
export function CallToAction({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Section style={{ margin: '8px 0 24px' }}>
      <Button
        href={href}
        style={{
          backgroundColor: theme.color.accent,
          color: theme.color.accentText,
          padding: '12px 20px',
          borderRadius: '4px',
          fontWeight: 'bold',
          textDecoration: 'none',
          fontSize: theme.size.body,
        }}
      >
        {children}
      </Button>
    </Section>
  );
}

/** Markdown pours already-sanitised HTML (from src/mail/markdown.ts) into the mail. */
export function Markdown({ html }: { html: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: markdownToHtml escapes raw HTML and allows only safe link schemes.
  return <div className="md" style={para} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** A is a link in the Netwerk's colour, underlined so it does not rely on colour alone. */
export function A({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} className="lnk" style={{ color: theme.color.link }}>
      {children}
    </a>
  );
}

/** LinkFallback spells out a button's link, for mail clients that do not show the button. */
export function LinkFallback({ href }: { href: string }) {
  return (
    <P>
      Werkt de knop niet? Open dan deze link:{' '}
      <A href={href}>
        {/* A long token must wrap on a phone instead of widening the mail. */}
        <span style={{ wordBreak: 'break-all' }}>{href}</span>
      </A>
    </P>
  );
}

/** listPhrase joins list names the Dutch way: "A", "A en B", "A, B en C". */
export function listPhrase(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} en ${names[names.length - 1]}`;
}
