import { Heading, Section, Text } from '@react-email/components';
import { netwerk, theme } from './theme.js';

/** Header shows who writes: the Netwerk's name and its motto, as the mail's first heading. */
export function Header({ title }: { title?: string }) {
  return (
    <Section style={{ backgroundColor: theme.color.accent, padding: `20px ${theme.space.gutter}` }}>
      <Text
        style={{
          margin: 0,
          color: theme.color.accentText,
          fontSize: theme.size.small,
          letterSpacing: '0.5px',
        }}
      >
        {netwerk.name}
      </Text>
      <Heading
        as="h1"
        style={{
          margin: '4px 0 0',
          color: theme.color.accentText,
          fontSize: theme.size.h1,
          lineHeight: '1.25',
        }}
      >
        {title ?? netwerk.name}
      </Heading>
      <Text
        style={{
          margin: '4px 0 0',
          color: theme.color.accentText,
          fontSize: theme.size.small,
          fontStyle: 'italic',
        }}
      >
        {netwerk.motto}
      </Text>
    </Section>
  );
}
