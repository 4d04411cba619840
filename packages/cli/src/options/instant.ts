import { InvalidArgumentError } from 'commander';

// A time of day needs its zone: a local time would make deadlines differ from machine to machine.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Commander's parser for `--now`: an ISO 8601 date or date-time, checked so a typo cannot become an Invalid Date. */
export function parseInstantOption(text: string): Date {
  const date = new Date(text);
  if (!ISO_INSTANT.test(text) || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError('Expected an ISO 8601 date, or a time with its zone, e.g. 2026-10-03T12:00:00Z.');
  }
  return date;
}
