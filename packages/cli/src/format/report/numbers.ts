/** Figures in reports, formatted for people: 12,345 · 1.25% · 3.5 h · unknown. */
export const count = (value: number): string => value.toLocaleString('en-US');
export const percent = (value: number | null, digits = 2): string => (value === null ? 'unknown' : `${(value * 100).toFixed(digits).replace(/\.?0+$/, '')}%`);
export const hours = (value: number | null): string => (value === null ? 'unknown' : `${value.toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} h`);
export const signed = (value: number, format: (v: number) => string = count): string => (value > 0 ? `+${format(value)}` : value < 0 ? `−${format(-value)}` : format(0));
export const interval = (range: readonly [number, number] | null): string => (range === null ? 'unknown' : `${percent(range[0])}–${percent(range[1])}`);
