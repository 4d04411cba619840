// `oversight report`: what reviewers did with a history, and which checkpoints
// protect and which are ceremony. Pure and streaming; the CLI reads the files.
export { reviewReport } from './review-report.js';
export { ReviewTally, DEFAULT_CEREMONIAL, DEFAULT_RUBBER_STAMP, DEFAULT_MIN_RECORDS, DEFAULT_TOP_REASONS } from './review-tally.js';
export { parsePeriod, isoWeek } from './period.js';
export type { Period } from './period.js';
export type * from './types.js';
