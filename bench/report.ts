/** result prints one summary line: `RESULT name: value (target) PASS|FAIL`, collected by bench/run.ts. */
export function result(name: string, value: string, target: string, pass: boolean): void {
  console.log(`RESULT ${name}: ${value} (target ${target}) ${pass ? 'PASS' : 'FAIL'}`);
}

/** median of a list of numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
