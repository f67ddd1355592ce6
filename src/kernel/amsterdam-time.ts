// Amsterdam wall-clock time, which the volunteers type and read, and UTC, which the database
// keeps (Cron Triggers on Workers run in UTC too). Europe/Amsterdam moves an hour forward on
// the last Sunday of March at 02:00 (02:00-02:59 does not exist) and back on the last Sunday
// of October at 03:00 (02:00-02:59 happens twice).

const ZONE = 'Europe/Amsterdam';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** amsterdamParts is a moment as Amsterdam's wall clock shows it: "2026-10-25" and "02:30". */
export function amsterdamParts(moment: Date): { date: string; time: string } {
  const p = Object.fromEntries(parts.formatToParts(moment).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** AmsterdamTime is what reading a wall-clock time gives: the moment, or why there is none. */
export type AmsterdamTime =
  | {
      ok: true;
      moment: Date /** true when the clock shows this time twice (October) and the first was taken */;
      ambiguous: boolean;
    }
  | { ok: false; reason: 'format' | 'gap' };

/**
 * fromAmsterdam reads a date (2026-12-10) and time (19:30) on Amsterdam's clock as a moment.
 * A time the clock skips in March is refused ('gap'); one it shows twice in October is the
 * first of the two (still summer time), marked ambiguous so the page can say so.
 */
export function fromAmsterdam(date: string, time: string): AmsterdamTime {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  const t = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!d || !t) return { ok: false, reason: 'format' };
  const [y, mo, da, h, mi] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return { ok: false, reason: 'format' };
  const asUtc = Date.UTC(y, mo - 1, da, h, mi);
  if (new Date(asUtc).getUTCDate() !== da) return { ok: false, reason: 'format' };
  const wanted = { date: `${d[1]}-${d[2]}-${d[3]}`, time: `${String(h).padStart(2, '0')}:${t[2]}` };
  // Amsterdam is UTC+2 in summer and UTC+1 in winter: the earlier reading comes first.
  const fits = [2, 1]
    .map((offset) => new Date(asUtc - offset * 3_600_000))
    .filter((m) => {
      const p = amsterdamParts(m);
      return p.date === wanted.date && p.time === wanted.time;
    });
  if (fits.length === 0) return { ok: false, reason: 'gap' };
  return { ok: true, moment: fits[0]!, ambiguous: fits.length > 1 };
}

/** timeLeft says how long until a moment, in Dutch words: "2 dagen en 3 uur", "40 minuten". */
export function timeLeft(from: Date, to: Date): string {
  const minutes = Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  if (days > 0)
    return hours ? `${n(days, 'dag', 'dagen')} en ${n(hours, 'uur', 'uur')}` : n(days, 'dag', 'dagen');
  if (hours > 0)
    return mins ? `${n(hours, 'uur', 'uur')} en ${n(mins, 'minuut', 'minuten')}` : n(hours, 'uur', 'uur');
  return minutes < 1 ? 'minder dan een minuut' : n(mins, 'minuut', 'minuten');
}
