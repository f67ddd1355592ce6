import { Text, View } from '@react-pdf/renderer';
import { z } from 'zod';
import { text } from './fields.js';
import { bleedBand, Fitted, NetwerkFooter, PrintPage } from './frame.js';
import { Masthead, POSTER_FIXED_BOXES, POSTER_MARGIN, POSTER_WIDTH } from './poster.js';
import { faceStyle, INK, NETWERK } from './theme.js';
import type { PrintTemplate, TemplateProps, TextBox } from './types.js';

/** HandoutSection is one card of a handout: a locked heading over an editable text. */
export interface HandoutSection {
  field: string;
  heading: string;
}

const CARD_PAD = 12;
const BAR = 4;
const CARD_TEXT_WIDTH = POSTER_WIDTH - 2 * CARD_PAD - BAR;

/** HANDOUT_BOXES are the boxes of the shared handout parts; section texts all use `section`. */
export const HANDOUT_BOXES = {
  titel: {
    width: POSTER_WIDTH,
    height: 52,
    face: 'bold',
    maxSize: 36,
    minSize: 20,
    lineHeight: 1.1,
    balance: true,
  },
  inleiding: {
    width: POSTER_WIDTH,
    height: 96,
    face: 'regular',
    maxSize: 12.5,
    minSize: 8.5,
    lineHeight: 1.35,
  },
  section: {
    width: CARD_TEXT_WIDTH,
    height: 88,
    face: 'regular',
    maxSize: 11.5,
    minSize: 8,
    lineHeight: 1.35,
  },
  tip: {
    width: POSTER_WIDTH - 2 * CARD_PAD,
    height: 84,
    face: 'regular',
    maxSize: 12,
    minSize: 8.5,
    lineHeight: 1.35,
  },
} satisfies Record<string, TextBox>;

/** HANDOUT_FIXED_BOXES: the masthead's name boxes and the stadsdorp's contact line. */
export const HANDOUT_FIXED_BOXES = {
  _naam: POSTER_FIXED_BOXES._naam,
  _woordmerk: POSTER_FIXED_BOXES._woordmerk,
  _contact: {
    width: POSTER_WIDTH,
    height: 26,
    face: 'regular',
    maxSize: 10.5,
    minSize: 6.5,
    lineHeight: 1.25,
  },
} satisfies Record<string, TextBox>;

function Card(props: { p: TemplateProps; section: HandoutSection }) {
  const { p } = props;
  return (
    <View
      style={{
        flexDirection: 'row',
        marginBottom: 10,
        backgroundColor: '#FFFFFF',
        borderWidth: 0.75,
        borderColor: p.brand.tint,
        borderRadius: 4,
      }}
    >
      <View
        style={{
          width: BAR,
          backgroundColor: p.brand.colour,
          borderTopLeftRadius: 4,
          borderBottomLeftRadius: 4,
        }}
      />
      <View style={{ padding: CARD_PAD, width: CARD_TEXT_WIDTH + 2 * CARD_PAD }}>
        <Text style={{ ...faceStyle('bold'), fontSize: 14, color: p.brand.accent, marginBottom: 5 }}>
          {props.section.heading}
        </Text>
        <View style={{ height: HANDOUT_BOXES.section.height }}>
          <Fitted text={p.texts[props.section.field]} face="regular" scale={1} color={INK} />
        </View>
      </View>
    </View>
  );
}

/**
 * HandoutLayout is the two-page A4 stramien of the handouts: masthead, title and introduction
 * on the first page, then the section cards, a tip and where to learn more.
 */
export function HandoutLayout(props: {
  p: TemplateProps;
  kicker: string;
  runningTitle: string;
  first: HandoutSection[];
  second: HandoutSection[];
  tipHeading: string;
}) {
  const { p } = props;
  const m = POSTER_MARGIN;
  return (
    <>
      <PrintPage size="A4" bleed={p.bleed}>
        <View style={{ flexDirection: 'column', height: '100%' }}>
          <Masthead p={p} />
          <View style={{ ...bleedBand(p.bleed), backgroundColor: p.brand.colour }}>
            <View style={{ paddingHorizontal: m, paddingTop: 22, paddingBottom: 24 }}>
              <Text
                style={{
                  ...faceStyle('bold'),
                  fontSize: 10.5,
                  letterSpacing: 1,
                  color: p.brand.ink,
                  marginBottom: 8,
                }}
              >
                {props.kicker.toUpperCase()}
              </Text>
              <View style={{ height: HANDOUT_BOXES.titel.height, justifyContent: 'flex-end' }}>
                <Fitted text={p.texts.titel} face="bold" scale={1} color={p.brand.ink} />
              </View>
              <View style={{ height: HANDOUT_BOXES.inleiding.height, marginTop: 8 }}>
                <Fitted text={p.texts.inleiding} face="regular" scale={1} color={p.brand.ink} />
              </View>
            </View>
          </View>
          <View style={{ flexGrow: 1, paddingHorizontal: m, paddingTop: 16 }}>
            {props.first.map((section) => (
              <Card key={section.field} p={p} section={section} />
            ))}
          </View>
          <NetwerkFooter brand={p.brand} scale={1} bleed={p.bleed} />
        </View>
      </PrintPage>
      <PrintPage size="A4" bleed={p.bleed}>
        <View style={{ flexDirection: 'column', height: '100%' }}>
          <View style={{ ...bleedBand(p.bleed, { top: true }), backgroundColor: p.brand.colour }}>
            <View
              style={{
                flexDirection: 'row',
                justifyContent: 'space-between',
                paddingHorizontal: m,
                paddingTop: 20,
                paddingBottom: 14,
              }}
            >
              <Text style={{ ...faceStyle('bold'), fontSize: 12, color: p.brand.ink }}>
                {props.runningTitle}
              </Text>
              <View style={{ width: POSTER_FIXED_BOXES._naam.width, alignItems: 'flex-end' }}>
                <Fitted text={p.texts._naam} face="bold" scale={1} color={p.brand.ink} align="right" />
              </View>
            </View>
          </View>
          <View style={{ flexGrow: 1, paddingHorizontal: m, paddingTop: 18 }}>
            {props.second.map((section) => (
              <Card key={section.field} p={p} section={section} />
            ))}
            <View style={{ backgroundColor: p.brand.tint, borderRadius: 4, padding: CARD_PAD, marginTop: 4 }}>
              <Text style={{ ...faceStyle('bold'), fontSize: 14, color: p.brand.accent, marginBottom: 5 }}>
                {props.tipHeading}
              </Text>
              <View style={{ height: HANDOUT_BOXES.tip.height }}>
                <Fitted text={p.texts.tip} face="regular" scale={1} color={INK} />
              </View>
            </View>
            <View style={{ marginTop: 16 }}>
              <Text style={{ ...faceStyle('bold'), fontSize: 10.5, color: INK, marginBottom: 3 }}>
                Meer weten? Kijk in de Kennisbank op netwerkamsterdamsestadsdorpen.nl of vraag het{' '}
                {NETWERK.name}.
              </Text>
              <Fitted text={p.texts._contact} face="regular" scale={1} color={INK} />
            </View>
          </View>
          <NetwerkFooter brand={p.brand} scale={1} bleed={p.bleed} />
        </View>
      </PrintPage>
    </>
  );
}

/** HandoutSectionSpec is one card: its field name, the locked heading (also the field's label) and the default text. */
export interface HandoutSectionSpec {
  field: string;
  heading: string;
  text: string;
}

/** HandoutSpec is everything that differs between two handouts: the texts and where they go. */
export interface HandoutSpec {
  slug: string;
  title: string;
  description: string;
  kicker: string;
  runningTitle: string;
  titel: string;
  inleiding: string;
  /** The tip's field label, its heading on the page and its default text. */
  tip: { label: string; heading: string; text: string };
  /** The section cards on the first and on the second page. */
  first: HandoutSectionSpec[];
  second: HandoutSectionSpec[];
}

/**
 * handoutTemplate makes a handout from its texts. Fields, their boxes and the pages all come
 * from the one list of sections, in the order an editor sees them: title, introduction, the
 * sections, the tip.
 */
export function handoutTemplate(spec: HandoutSpec): PrintTemplate {
  const sections = [...spec.first, ...spec.second];
  const fields = z.object({
    titel: text({ label: 'Titel', maxLength: 50, required: true, default: spec.titel }),
    inleiding: text({ label: 'Inleiding', maxLength: 500, multiline: true, default: spec.inleiding }),
    ...Object.fromEntries(
      sections.map((s) => [
        s.field,
        text({ label: s.heading, maxLength: 450, multiline: true, default: s.text }),
      ]),
    ),
    tip: text({ label: spec.tip.label, maxLength: 400, multiline: true, default: spec.tip.text }),
  });
  const boxes: Record<string, TextBox> = {
    titel: HANDOUT_BOXES.titel,
    inleiding: HANDOUT_BOXES.inleiding,
    tip: HANDOUT_BOXES.tip,
    ...Object.fromEntries(sections.map((s) => [s.field, HANDOUT_BOXES.section])),
  };
  // biome-ignore lint/correctness/noComponentHookFactories: made once per template at module load, never per render.
  const Pages = (p: TemplateProps) => (
    <HandoutLayout
      p={p}
      kicker={spec.kicker}
      runningTitle={spec.runningTitle}
      first={spec.first}
      second={spec.second}
      tipHeading={spec.tip.heading}
    />
  );
  return {
    slug: spec.slug,
    title: spec.title,
    kind: 'handout',
    description: spec.description,
    sizes: ['A4'],
    fields,
    boxes,
    fixedBoxes: HANDOUT_FIXED_BOXES,
    hasQr: false,
    Pages,
  };
}
