/** @jsxImportSource hono/jsx */
import { dutchNumber } from './parts.js';

const shortDate = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** weekLabel writes a week by its Monday: "3 nov.". */
export function weekLabel(isoDate: string): string {
  return shortDate.format(new Date(`${isoDate}T00:00:00Z`));
}

const W = 480;
const H = 220;
const LEFT = 40;
const BOTTOM = 30;
const TOP = 12;

/** Plot is the geometry both charts share: the width of a bar's slot and a count's height. */
interface Plot {
  step: number;
  scale: (v: number) => number;
  ticks: number[];
}

/** plot sizes a chart of `count` bars whose tallest is `max`. */
function plot(count: number, max: number): Plot {
  const top = Math.max(1, max);
  // Whole numbers only: each one up to 5, else nought, the middle and the top.
  const ticks = top <= 5 ? Array.from({ length: top + 1 }, (_, i) => i) : [0, Math.round(top / 2), top];
  return {
    step: (W - LEFT - 8) / Math.max(1, count),
    scale: (v: number) => ((H - BOTTOM - TOP) * v) / top,
    ticks,
  };
}

/** Gridlines draws the horizontal lines with their numbers on the left. */
function Gridlines(props: { p: Plot }) {
  const { scale, ticks } = props.p;
  return (
    <>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={LEFT} x2={W - 4} y1={H - BOTTOM - scale(t)} y2={H - BOTTOM - scale(t)} stroke="#c9d3cc" />
          <text x={LEFT - 6} y={H - BOTTOM - scale(t) + 4} text-anchor="end" font-size="15" fill="#4a554e">
            {dutchNumber(t)}
          </text>
        </g>
      ))}
    </>
  );
}

/** BarLabel writes the label under every fourth bar. */
function BarLabel(props: { p: Plot; i: number; label: string }) {
  if (props.i % 4 !== 0) return null;
  return (
    <text
      x={LEFT + props.i * props.p.step + props.p.step / 2}
      y={H - 8}
      text-anchor="middle"
      font-size="15"
      fill="#4a554e"
    >
      {props.label}
    </text>
  );
}

/**
 * BarChart draws counts as an SVG bar chart on the server. It is a picture for sighted
 * readers (aria-hidden); the same numbers follow as a table.
 */
export function BarChart(props: { bars: { label: string; value: number }[]; title: string }) {
  const p = plot(props.bars.length, Math.max(...props.bars.map((b) => b.value)));
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-hidden="true" focusable="false">
      <title>{props.title}</title>
      <Gridlines p={p} />
      {props.bars.map((b, i) => (
        <g key={b.label}>
          <rect
            x={LEFT + i * p.step + p.step * 0.15}
            y={H - BOTTOM - p.scale(b.value)}
            width={p.step * 0.7}
            height={p.scale(b.value)}
            fill="#1f5c3a"
          />
          <BarLabel p={p} i={i} label={b.label} />
        </g>
      ))}
    </svg>
  );
}

/** Series is one colour of a StackedBarChart: a label for the legend and its colour. */
export interface Series {
  key: string;
  label: string;
  colour: string;
}

/**
 * StackedBarChart draws, per bar, the counts of several series on top of each other, with a
 * legend in text under it. Like BarChart it is a picture (aria-hidden); a table gives the numbers.
 */
export function StackedBarChart(props: {
  bars: { label: string; values: Record<string, number> }[];
  series: Series[];
  title: string;
}) {
  const totals = props.bars.map((b) => props.series.reduce((n, s) => n + (b.values[s.key] ?? 0), 0));
  const p = plot(props.bars.length, Math.max(...totals));
  return (
    <>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-hidden="true" focusable="false">
        <title>{props.title}</title>
        <Gridlines p={p} />
        {props.bars.map((b, i) => {
          let base = H - BOTTOM;
          return (
            <g key={b.label}>
              {props.series.map((s) => {
                const v = b.values[s.key] ?? 0;
                if (v === 0) return null;
                base -= p.scale(v);
                return (
                  <rect
                    key={s.key}
                    x={LEFT + i * p.step + p.step * 0.15}
                    y={base}
                    width={p.step * 0.7}
                    height={p.scale(v)}
                    fill={s.colour}
                  />
                );
              })}
              <BarLabel p={p} i={i} label={b.label} />
            </g>
          );
        })}
      </svg>
      <ul
        class="legenda"
        aria-hidden="true"
        style="list-style:none;padding:0;margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem"
      >
        {props.series.map((s) => (
          <li key={s.key}>
            <span
              style={`display:inline-block;width:.9rem;height:.9rem;margin-right:.4rem;vertical-align:-.1rem;background:${s.colour}`}
            />
            {s.label}
          </li>
        ))}
      </ul>
    </>
  );
}
