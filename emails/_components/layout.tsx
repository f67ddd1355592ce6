import { Body, Container, Head, Html, Preview } from '@react-email/components';
import type { ReactNode } from 'react';
import { theme } from './theme.js';

/**
 * css styles the Markdown the CoCo writes (p, a, ul, h3 inside .md) in one <style> block instead
 * of inline styles on every element, which keeps a long Nieuwsbrief well under Gmail's 102 KB.
 */
const css = `
body{margin:0;padding:0;background:${theme.color.page}}
.md p{margin:0 0 12px}
.md a,.lnk{color:${theme.color.link};text-decoration:underline}
.md ul,.md ol{margin:0 0 12px;padding-left:22px}
.md li{margin:0 0 4px}
.md h3,.md h4{font-size:${theme.size.h3};margin:16px 0 8px}
.md blockquote{margin:0 0 12px;padding-left:12px;border-left:3px solid ${theme.color.rule};color:${theme.color.muted}}
.md img{max-width:100%;height:auto}
@media (max-width:620px){.wrap{padding:16px !important}}
`;

/** MailLayoutProps is what every mail's outer frame needs. */
export interface MailLayoutProps {
  /** The document title: shown by the web version in the archief and by some mail apps. */
  title: string;
  preview?: string;
  children: ReactNode;
}

/** MailLayout is the outer frame: lang="nl", a fluid column of at most 600px, the shared style block. */
export function MailLayout({ title, preview, children }: MailLayoutProps) {
  return (
    <Html lang="nl" dir="ltr">
      <Head>
        <meta name="color-scheme" content="light" />
        <title>{title}</title>
        <style>{css}</style>
      </Head>
      {preview ? <Preview>{preview}</Preview> : null}
      <Body
        style={{
          margin: 0,
          padding: 0,
          backgroundColor: theme.color.page,
          fontFamily: theme.font,
          color: theme.color.ink,
          fontSize: theme.size.body,
          lineHeight: '1.5',
        }}
      >
        <Container
          style={{
            maxWidth: theme.maxWidth,
            width: '100%',
            backgroundColor: theme.color.paper,
            margin: '0 auto',
          }}
        >
          {children}
        </Container>
      </Body>
    </Html>
  );
}
