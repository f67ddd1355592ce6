/** @jsxImportSource hono/jsx */
import { dutchNumber } from './parts.js';

const shortDate = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** weekLabel writes a week by its Monday: "3 nov.". */
export function weekLabel(isoDate: string): string {
  return shortDate.format(new Date(`${isoDate}T00:00:00Z`));
}

/** Series is one colour of a StackedBarChart: a label for the legend and its colour. */
export interface Series {
  key: string;
  label: string;
  colour: string;
}

/**
 * StackedBarChart draws, per bar, the counts of several series on top of each other, with a
 * legend in text under it. It is a picture for sighted readers (aria-hidden); a table gives the numbers.
 */
export function StackedBarChart(props: {
  bars: { label: string; values: Record<string, number> }[];
  series: Series[];
  title: string;
}) {
  const w = 480;
  const h = 220;
  const left = 40;
  const bottom = 30;
  const top = 12;
  const totals = props.bars.map((b) => props.series.reduce((n, s) => n + (b.values[s.key] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const step = (w - left - 8) / Math.max(1, props.bars.length);
  const scale = (v: number) => ((h - bottom - top) * v) / max;
  // Whole numbers only: each one up to 5, else nought, the middle and the top.
  const ticks = max <= 5 ? Array.from({ length: max + 1 }, (_, i) => i) : [0, Math.round(max / 2), max];
  return (
    <>
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-hidden="true" focusable="false">
        <title>{props.title}</title>
        {ticks.map((t) => (
          <g key={t}>
            <line
              x1={left}
              x2={w - 4}
              y1={h - bottom - scale(t)}
              y2={h - bottom - scale(t)}
              stroke="#c9d3cc"
            />
            <text x={left - 6} y={h - bottom - scale(t) + 4} text-anchor="end" font-size="15" fill="#4a554e">
              {dutchNumber(t)}
            </text>
          </g>
        ))}
        {props.bars.map((b, i) => {
          let base = h - bottom;
          return (
            <g key={b.label}>
              {props.series.map((s) => {
                const v = b.values[s.key] ?? 0;
                if (v === 0) return null;
                base -= scale(v);
                return (
                  <rect
                    key={s.key}
                    x={left + i * step + step * 0.15}
                    y={base}
                    width={step * 0.7}
                    height={scale(v)}
                    fill={s.colour}
                  />
                );
              })}
              {i % 4 === 0 ? (
                <text
                  x={left + i * step + step / 2}
                  y={h - 8}
                  text-anchor="middle"
                  font-size="15"
                  fill="#4a554e"
                >
                  {b.label}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <Legend series={props.series} />
    </>
  );
}

/**
 * StackedRowChart draws one horizontal bar per row (a stadsdorp, say), its series side by
 * side, with the row's label and total in text beside it. A picture for sighted readers
 * (aria-hidden); a table gives the numbers.
 */
export function StackedRowChart(props: {
  rows: { label: string; values: Record<string, number> }[];
  series: Series[];
  title: string;
}) {
  const w = 640;
  const labelW = 210;
  const totalW = 48;
  const rowH = 26;
  const barH = 18;
  const totals = props.rows.map((r) => props.series.reduce((n, s) => n + (r.values[s.key] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const scale = (v: number) => ((w - labelW - totalW - 8) * v) / max;
  const h = Math.max(1, props.rows.length) * rowH + 4;
  // Long names are cut with an ellipsis: the table under the chart has them in full.
  const short = (s: string) => (s.length > 26 ? `${s.slice(0, 25)}…` : s);
  return (
    <>
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-hidden="true" focusable="false">
        <title>{props.title}</title>
        {props.rows.map((r, i) => {
          let x = labelW;
          const y = i * rowH + 2;
          return (
            <g key={r.label}>
              <text x={labelW - 8} y={y + barH - 4} text-anchor="end" font-size="14" fill="#1b1b1b">
                {short(r.label)}
              </text>
              {props.series.map((s) => {
                const v = r.values[s.key] ?? 0;
                if (v === 0) return null;
                const bar = <rect key={s.key} x={x} y={y} width={scale(v)} height={barH} fill={s.colour} />;
                x += scale(v);
                return bar;
              })}
              <text x={x + 6} y={y + barH - 4} font-size="14" fill="#4a554e">
                {dutchNumber(totals[i]!)}
              </text>
            </g>
          );
        })}
      </svg>
      <Legend series={props.series} />
    </>
  );
}

/** Legend names each series beside its colour, under a chart (aria-hidden: the table has the words). */
function Legend(props: { series: Series[] }) {
  return (
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
  );
}
