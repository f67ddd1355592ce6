/** @jsxImportSource hono/jsx */
import { dutchNumber } from './parts.js';

const shortDate = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** weekLabel writes a week by its Monday: "3 nov.". */
export function weekLabel(isoDate: string): string {
  return shortDate.format(new Date(`${isoDate}T00:00:00Z`));
}

/**
 * BarChart draws counts as an SVG bar chart on the server. It is a picture for sighted
 * readers (aria-hidden); the same numbers follow as a table.
 */
export function BarChart(props: { bars: { label: string; value: number }[]; title: string }) {
  const w = 480;
  const h = 220;
  const left = 40;
  const bottom = 30;
  const top = 12;
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  const step = (w - left - 8) / Math.max(1, props.bars.length);
  const scale = (v: number) => ((h - bottom - top) * v) / max;
  // Whole numbers only: each one up to 5, else nought, the middle and the top.
  const ticks = max <= 5 ? Array.from({ length: max + 1 }, (_, i) => i) : [0, Math.round(max / 2), max];
  return (
    <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-hidden="true" focusable="false">
      <title>{props.title}</title>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={left} x2={w - 4} y1={h - bottom - scale(t)} y2={h - bottom - scale(t)} stroke="#c9d3cc" />
          <text x={left - 6} y={h - bottom - scale(t) + 4} text-anchor="end" font-size="15" fill="#4a554e">
            {dutchNumber(t)}
          </text>
        </g>
      ))}
      {props.bars.map((b, i) => (
        <g key={b.label}>
          <rect
            x={left + i * step + step * 0.15}
            y={h - bottom - scale(b.value)}
            width={step * 0.7}
            height={scale(b.value)}
            fill="#1f5c3a"
          />
          {i % 4 === 0 ? (
            <text x={left + i * step + step / 2} y={h - 8} text-anchor="middle" font-size="15" fill="#4a554e">
              {b.label}
            </text>
          ) : null}
        </g>
      ))}
    </svg>
  );
}
