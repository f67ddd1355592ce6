import { Text, View } from '@react-pdf/renderer';
import type { ReactNode } from 'react';
import { bleedBand, Fitted, Logo, NetwerkFooter, PrintPage, QrSymbol } from './frame.js';
import { faceStyle, LOGO_BOX, scaleOf } from './theme.js';
import type { PrintTemplate, TemplateProps, TextBox } from './types.js';

/** POSTER_MARGIN is the side margin of every poster, in A4 points; text never comes closer to the trim. */
export const POSTER_MARGIN = 36;

/** POSTER_WIDTH is the width of the poster's text column, in A4 points. */
export const POSTER_WIDTH = 595.28 - 2 * POSTER_MARGIN;

const QR_SIZE = 96;
const QR_PAD = 14;
const QR_GAP = 18;
const QR_TEXT_WIDTH = POSTER_WIDTH - 2 * QR_PAD - QR_SIZE - QR_GAP;

/** POSTER_BOXES are the boxes every poster shares: title, subtitle and the text beside the QR code. */
export const POSTER_BOXES = {
  titel: {
    width: POSTER_WIDTH,
    height: 150,
    face: 'bold',
    maxSize: 58,
    minSize: 30,
    lineHeight: 1.05,
    balance: true,
  },
  ondertitel: {
    width: POSTER_WIDTH,
    height: 56,
    face: 'regular',
    maxSize: 22,
    minSize: 13,
    lineHeight: 1.2,
    balance: true,
  },
  qrTekst: { width: QR_TEXT_WIDTH, height: 40, face: 'bold', maxSize: 16, minSize: 10, lineHeight: 1.2 },
} satisfies Record<string, TextBox>;

/** POSTER_FIXED_BOXES hold texts that come from the stadsdorp rather than from a field. */
export const POSTER_FIXED_BOXES = {
  _naam: { width: 300, height: 44, face: 'bold', maxSize: 16, minSize: 8, lineHeight: 1.15 },
  _woordmerk: {
    width: LOGO_BOX.width,
    height: LOGO_BOX.height,
    face: 'bold',
    maxSize: 24,
    minSize: 9,
    lineHeight: 1.1,
  },
  _url: { width: QR_TEXT_WIDTH, height: 16, face: 'bold', maxSize: 11.5, minSize: 6, lineHeight: 1.25 },
  _contact: {
    width: QR_TEXT_WIDTH,
    height: 26,
    face: 'regular',
    maxSize: 10,
    minSize: 6.5,
    lineHeight: 1.25,
  },
} satisfies Record<string, TextBox>;

/**
 * PosterLayout is the stramien of the posterserie: logo, a band in the brand colour with
 * the title, the template's own body, the signup QR code, and the Netwerk's locked footer.
 */
export function PosterLayout(props: { p: TemplateProps; kicker: string; children: ReactNode }) {
  const { p } = props;
  const s = scaleOf(p.size);
  const m = POSTER_MARGIN * s;
  return (
    <PrintPage size={p.size} bleed={p.bleed}>
      <View style={{ flexDirection: 'column', height: '100%' }}>
        <Masthead p={p} />
        <View style={{ ...bleedBand(p.bleed), backgroundColor: p.brand.colour }}>
          <View style={{ paddingHorizontal: m, paddingTop: 26 * s, paddingBottom: 28 * s }}>
            <Text
              style={{
                ...faceStyle('bold'),
                fontSize: 12 * s,
                letterSpacing: 1.2 * s,
                color: p.brand.ink,
                marginBottom: 10 * s,
              }}
            >
              {props.kicker.toUpperCase()}
            </Text>
            <View style={{ height: POSTER_BOXES.titel.height * s, justifyContent: 'flex-end' }}>
              <Fitted text={p.texts.titel} face="bold" scale={s} color={p.brand.ink} />
            </View>
            <View style={{ height: POSTER_BOXES.ondertitel.height * s, marginTop: 10 * s }}>
              <Fitted text={p.texts.ondertitel} face="regular" scale={s} color={p.brand.ink} />
            </View>
          </View>
        </View>
        <View style={{ flexGrow: 1, paddingHorizontal: m, paddingTop: 22 * s }}>{props.children}</View>
        {p.qr ? (
          <View
            style={{
              flexDirection: 'row',
              alignItems: 'center',
              marginHorizontal: m,
              marginBottom: 22 * s,
              padding: QR_PAD * s,
              backgroundColor: p.brand.tint,
              borderRadius: 6 * s,
            }}
          >
            <QrSymbol qr={p.qr} size={QR_SIZE * s} />
            <View style={{ marginLeft: QR_GAP * s, width: QR_TEXT_WIDTH * s }}>
              <View style={{ minHeight: POSTER_BOXES.qrTekst.height * s, justifyContent: 'center' }}>
                <Fitted text={p.texts.qrTekst} face="bold" scale={s} color={INK_ON_TINT} />
              </View>
              <View style={{ marginTop: 4 * s }}>
                <Fitted text={p.texts._url} face="bold" scale={s} color={p.brand.accent} />
              </View>
              <View style={{ marginTop: 4 * s }}>
                <Fitted text={p.texts._contact} face="regular" scale={s} color={INK_ON_TINT} />
              </View>
            </View>
          </View>
        ) : null}
        <NetwerkFooter brand={p.brand} scale={s} bleed={p.bleed} />
      </View>
    </PrintPage>
  );
}

const INK_ON_TINT = '#1D2326';

/** InfoRow is a labelled line on a poster body (Wanneer, Waar), label in the brand colour. */
export function InfoRow(props: { label: string; p: TemplateProps; field: string; height: number }) {
  const s = scaleOf(props.p.size);
  return (
    <View style={{ flexDirection: 'row', alignItems: 'flex-start', minHeight: props.height * s }}>
      <Text
        style={{
          ...faceStyle('bold'),
          width: INFO_LABEL_WIDTH * s,
          fontSize: 12 * s,
          letterSpacing: 0.8 * s,
          color: props.p.brand.accent,
          paddingTop: 5 * s,
        }}
      >
        {props.label.toUpperCase()}
      </Text>
      <Fitted text={props.p.texts[props.field]} face="bold" scale={s} color={INK_ON_TINT} />
    </View>
  );
}

/** INFO_LABEL_WIDTH is the label column of an InfoRow, in A4 points. */
export const INFO_LABEL_WIDTH = 110;

/** Masthead is the white top band with the stadsdorp's logo (or its name as a word mark). */
export function Masthead(props: { p: TemplateProps }) {
  const { p } = props;
  const s = scaleOf(p.size);
  return (
    <View style={{ ...bleedBand(p.bleed, { top: true }), backgroundColor: '#FFFFFF' }}>
      <View
        style={{
          flexDirection: 'row',
          alignItems: 'center',
          justifyContent: 'space-between',
          paddingHorizontal: POSTER_MARGIN * s,
          paddingTop: 28 * s,
          paddingBottom: 18 * s,
        }}
      >
        <Logo logo={p.logo} name={p.texts._woordmerk} scale={s} brand={p.brand} />
        {p.logo ? (
          <View style={{ width: POSTER_FIXED_BOXES._naam.width * s, alignItems: 'flex-end' }}>
            <Fitted text={p.texts._naam} face="bold" scale={s} color={p.brand.accent} align="right" />
          </View>
        ) : null}
      </View>
    </View>
  );
}

/** posterTemplate completes a poster of the series: A3 and A4, with the QR code, on the shared masthead. */
export function posterTemplate(
  spec: Pick<PrintTemplate, 'slug' | 'title' | 'description' | 'fields' | 'boxes' | 'Pages'>,
): PrintTemplate {
  return { ...spec, kind: 'poster', sizes: ['A3', 'A4'], fixedBoxes: POSTER_FIXED_BOXES, hasQr: true };
}
