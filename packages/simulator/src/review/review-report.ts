import type { HistorySource } from '../history/replay-history.js';
import { ReviewTally } from './review-tally.js';
import type { ReviewReport, ReviewReportOptions } from './types.js';

/**
 * What reviewers did with a history, and which checkpoints protect and which
 * are ceremony: reads every source once, line by line, in bounded memory (see
 * ReviewTally), and returns the report. Throws a RangeError for a `since` or
 * `until` that is not a date or a date-time with a zone, before reading.
 */
export async function reviewReport(sources: AsyncIterable<HistorySource> | Iterable<HistorySource>, options: ReviewReportOptions = {}): Promise<ReviewReport> {
  const tally = new ReviewTally(options);
  for await (const source of sources) {
    tally.startSource(source.name);
    const splitter = tally.lineSplitter();
    for await (const chunk of source.chunks) splitter.push(chunk);
    splitter.end();
  }
  return tally.result();
}
