import { Canvas, Image, Page, Text, View } from '@react-pdf/renderer';
import type { ComponentProps, ReactNode } from 'react';
import { BLEED, CROP_MARK, faceStyle, INK, LOGO_BOX, NETWERK, PAPER, SLUG } from './theme.js';
import type { Brand, FittedText, FontFace, LogoImage, PaperSize, QrCode } from './types.js';

/** BULLET_INDENT_EM is the hanging indent of a bullet item, in em; fitting measures with the same value. */
export const BULLET_INDENT_EM = 1.1;

/**
 * PrintPage is one page: the trim area at its A size; with bleed, 3 mm of bleed around it
 * and outside that a white slug with the crop marks.
 */
export function PrintPage(props: { size: PaperSize; bleed: boolean; children: ReactNode }) {
  const trim = PAPER[props.size];
  const out = props.bleed ? BLEED + SLUG : 0;
  const width = trim.width + 2 * out;
  const height = trim.height + 2 * out;
  return (
    // wrap={false}: a page of the locked design never flows on (fit.ts makes every text fit its
    // box), so react-pdf skips pagination, which would lay the whole page out a second time
    // (a sixth of the render time). Without pagination react-pdf takes the page's height from
    // its content (react-pdf issue #1601), and all of ours is positioned absolutely: the
    // empty View holds the page open to its full height.
    <Page size={[width, height]} wrap={false} style={{ ...faceStyle('regular'), color: INK }}>
      <View style={{ height }} />
      <View style={{ position: 'absolute', left: out, top: out, width: trim.width, height: trim.height }}>
        {props.children}
      </View>
      {out > 0 ? <CropMarks width={width} height={height} trimAt={out} /> : null}
    </Page>
  );
}

// Crop marks lie in the slug, on the extensions of the trim lines: each starts at the edge of
// the bleed and runs outward, so nothing of them is left after cutting, even a cut that strays
// into the bleed. Hairlines in registration black on the white slug.
function CropMarks(props: { width: number; height: number; trimAt: number }) {
  const { width: w, height: h, trimAt: t } = props;
  const near = t - BLEED - CROP_MARK;
  const far = w - t + BLEED;
  const low = h - t + BLEED;
  const stroke = 0.3;
  const marks: { x: number; y: number; horizontal: boolean }[] = [
    { x: near, y: t, horizontal: true },
    { x: t, y: near, horizontal: false },
    { x: far, y: t, horizontal: true },
    { x: w - t, y: near, horizontal: false },
    { x: near, y: h - t, horizontal: true },
    { x: t, y: low, horizontal: false },
    { x: far, y: h - t, horizontal: true },
    { x: w - t, y: low, horizontal: false },
  ];
  return (
    <>
      {marks.map((m) => (
        <View
          key={`${m.x}-${m.y}-${m.horizontal}`}
          style={{
            position: 'absolute',
            backgroundColor: '#000000',
            left: m.horizontal ? m.x : m.x - stroke / 2,
            top: m.horizontal ? m.y - stroke / 2 : m.y,
            width: m.horizontal ? CROP_MARK : stroke,
            height: m.horizontal ? stroke : CROP_MARK,
          }}
        />
      ))}
    </>
  );
}

/**
 * bleedBand is the style of a band that runs to the paper edge: it reaches into the bleed by
 * negative margins and pads its content back, so content never moves when bleed is on.
 */
export function bleedBand(bleed: boolean, edges: { top?: boolean; bottom?: boolean } = {}) {
  const b = bleed ? BLEED : 0;
  return {
    marginLeft: -b,
    marginRight: -b,
    paddingLeft: b,
    paddingRight: b,
    ...(edges.top ? { marginTop: -b, paddingTop: b } : {}),
    ...(edges.bottom ? { marginBottom: -b, paddingBottom: b } : {}),
  };
}

/**
 * Fitted prints a field's fitted lines exactly as measured. Every Text gets its exact width,
 * so the layout engine measures it once instead of probing widths.
 */
export function Fitted(props: {
  text: FittedText | undefined;
  face: FontFace;
  scale: number;
  color: string;
  align?: 'left' | 'center' | 'right';
  bulletColor?: string;
}) {
  const t = props.text;
  if (!t) return null;
  const size = t.fontSize * props.scale;
  const width = t.width * props.scale;
  const style = { ...faceStyle(props.face), fontSize: size, lineHeight: t.lineHeight, color: props.color };
  const indent = BULLET_INDENT_EM * size;
  // The bullet is a drawn dot, not a glyph: one Text less per item to lay out.
  const dot = 0.32 * size;
  return (
    <View style={{ width }}>
      {t.paragraphs.map((lines, i) => {
        const gap = i === 0 ? 0 : t.paragraphGap * size;
        const key = `${i}-${lines[0] ?? ''}`;
        if (t.bullets) {
          return (
            <View key={key} style={{ flexDirection: 'row', marginTop: gap }}>
              <View style={{ width: indent, height: t.lineHeight * size, justifyContent: 'center' }}>
                <View
                  style={{
                    width: dot,
                    height: dot,
                    borderRadius: dot / 2,
                    backgroundColor: props.bulletColor ?? props.color,
                    marginLeft: 0.1 * size,
                  }}
                />
              </View>
              <Lines lines={lines} style={{ ...style, width: width - indent }} />
            </View>
          );
        }
        return (
          <View key={key} style={{ marginTop: gap }}>
            <Lines lines={lines} style={{ ...style, width, textAlign: props.align ?? 'left' }} />
          </View>
        );
      })}
    </View>
  );
}

// One Text per paragraph, the measured lines joined by newlines: every line is narrower than
// the box, so react-pdf breaks exactly there. (One Text per line costs twice the render time.)
function Lines(props: { lines: string[]; style: ComponentProps<typeof View>['style'] }) {
  return <Text style={props.style}>{props.lines.join('\n')}</Text>;
}

/** Logo shows the stadsdorp's logo fitted into the logo box, or its name as a word mark when there is none. */
export function Logo(props: {
  logo: LogoImage | null;
  name: FittedText | undefined;
  scale: number;
  brand: Brand;
}) {
  const boxW = LOGO_BOX.width * props.scale;
  const boxH = LOGO_BOX.height * props.scale;
  if (!props.logo) {
    return (
      <View style={{ width: boxW, height: boxH, justifyContent: 'center' }}>
        <Fitted text={props.name} face="bold" scale={props.scale} color={props.brand.accent} />
      </View>
    );
  }
  const { width, height } = logoPlacement(props.logo, props.scale);
  return (
    <View style={{ width: boxW, height: boxH, justifyContent: 'center' }}>
      {/* The bytes themselves, not {data, format}: for that form react-pdf turns the whole
          file into a string as its cache key, on every render (a twentieth of a poster's time). */}
      <Image src={props.logo.data} cache={false} style={{ width, height }} />
    </View>
  );
}

/** logoPlacement is the printed size of a logo contained in the logo box, in points. */
export function logoPlacement(logo: { width: number; height: number }, scale: number) {
  const boxW = LOGO_BOX.width * scale;
  const boxH = LOGO_BOX.height * scale;
  const k = Math.min(boxW / logo.width, boxH / logo.height);
  return { width: logo.width * k, height: logo.height * k };
}

/**
 * QrSymbol draws the QR code as filled vector rectangles with its quiet zone, so it prints
 * sharp at any size. It paints straight to the PDF (Canvas) rather than through an SVG path,
 * which react-pdf would parse on every render.
 */
export function QrSymbol(props: { qr: QrCode; size: number }) {
  const unit = props.size / props.qr.modules;
  return (
    <Canvas
      style={{ width: props.size, height: props.size, backgroundColor: '#FFFFFF' }}
      paint={(painter: CanvasPainter) => {
        for (const [x, y, w, h] of props.qr.rects) painter.rect(x * unit, y * unit, w * unit, h * unit);
        painter.fill('#000000');
        return null;
      }}
    />
  );
}

interface CanvasPainter {
  rect(x: number, y: number, w: number, h: number): CanvasPainter;
  fill(color: string): CanvasPainter;
}

/** NetwerkFooter is the locked band with the Netwerk's name and motto; it runs to the bottom edge. */
export function NetwerkFooter(props: { brand: Brand; scale: number; bleed: boolean }) {
  const s = props.scale;
  return (
    <View
      style={{
        ...bleedBand(props.bleed, { bottom: true }),
        backgroundColor: props.brand.dark,
      }}
    >
      <View
        style={{
          flexDirection: 'row',
          alignItems: 'center',
          justifyContent: 'space-between',
          paddingHorizontal: 36 * s,
          paddingVertical: 12 * s,
        }}
      >
        <Text style={{ ...faceStyle('regular'), fontSize: 9.5 * s, color: props.brand.darkInk }}>
          <Text style={faceStyle('bold')}>{NETWERK.name}</Text>
          {'  ·  '}
          <Text style={faceStyle('italic')}>{NETWERK.motto}</Text>
        </Text>
        <Text style={{ ...faceStyle('bold'), fontSize: 9.5 * s, color: props.brand.darkInk }}>
          {NETWERK.website}
        </Text>
      </View>
    </View>
  );
}
