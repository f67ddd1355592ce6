import { Hr, Section, Text } from '@react-email/components';
import { A } from './parts.js';
import { netwerk, theme } from './theme.js';

/** FooterProps: why the reader gets this mail and where to change that. */
export interface FooterProps {
  /** Completes "U ontvangt deze mail omdat ...". */
  reason: string;
  unsubscribeUrl?: string;
  preferencesUrl?: string;
  webVersionUrl?: string;
}

const small = { margin: '0 0 8px', fontSize: theme.size.small, color: theme.color.muted, lineHeight: '1.5' };

/** Footer is the address block, the reason for this mail, and the unsubscribe and preferences links. */
export function Footer({ reason, unsubscribeUrl, preferencesUrl, webVersionUrl }: FooterProps) {
  return (
    <Section style={{ padding: `0 ${theme.space.gutter} 24px` }}>
      <Hr style={{ borderColor: theme.color.rule, margin: '8px 0 16px' }} />
      <Text style={small}>{`U ontvangt deze mail omdat ${reason}`}</Text>
      {unsubscribeUrl || preferencesUrl ? (
        <Text style={small}>
          {unsubscribeUrl ? <A href={unsubscribeUrl}>Afmelden</A> : null}
          {unsubscribeUrl && preferencesUrl ? ' · ' : null}
          {preferencesUrl ? <A href={preferencesUrl}>Voorkeuren wijzigen</A> : null}
          {webVersionUrl ? ' · ' : null}
          {webVersionUrl ? <A href={webVersionUrl}>Bekijk in uw browser</A> : null}
        </Text>
      ) : null}
      <Text style={small}>
        {netwerk.name}
        <br />
        {netwerk.city}
        <br />
        <A href={netwerk.website}>{netwerk.websiteLabel}</A>
      </Text>
    </Section>
  );
}
