import { InvalidArgumentError } from 'commander';
import { parseEscapeBudget, parsePercent, type Parsed } from '@oversight/simulator';

/** A parsed option value, or commander's error with the parser's message as a sentence. */
export const valueOrThrow = <T>(parsed: Parsed<T>): T => {
  if (!parsed.ok) throw new InvalidArgumentError(parsed.message.replace(/^./, (c) => c.toUpperCase()) + '.');
  return parsed.value;
};

/** Commander's parsers for the budget options of `simulate`. */
export const parseMaxEscapes = (text: string) => valueOrThrow(parseEscapeBudget(text));
export const parseReviewIncrease = (text: string) => valueOrThrow(parsePercent(text));
export const parseFidelity = (text: string) => valueOrThrow(parsePercent(text, 100));

/** A whole number from `min` up: `--allow-invalid`, `--examples`. */
export function wholeNumber(min: number): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!/^\d+$/.test(text.trim()) || value < min) throw new InvalidArgumentError(`Expected a whole number${min > 0 ? ` of at least ${min}` : ''}.`);
    return value;
  };
}

/** Commander's collector for a repeatable option. */
export const collect = (value: string, previous: readonly string[]): string[] => [...previous, value];
