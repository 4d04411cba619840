import { formatDiagnostics } from '../diagnostics.js';
import { countCases, fileDiagnostics, type TestFormatter } from './test-formatter.js';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * One line a failed case or problem, `file:line:col  error  message  (rule-id)`
 * as `oversight lint` prints them (a failed case sits on its name in the
 * cases file), then a one-line summary. Passing cases are only counted.
 */
export const formatStylish: TestFormatter = ({ files }) => {
  const lines = formatDiagnostics(files.flatMap(fileDiagnostics));
  const counts = countCases(files);
  const notRun = `${plural(counts.filesNotRun, 'file')} could not be run`;
  let summary: string;
  if (counts.filesRun === 0) summary = `${notRun}; no case ran.`;
  else if (counts.failed + counts.filesNotRun === 0) summary = `${plural(counts.cases, 'case')} passed in ${plural(counts.filesRun, 'file')}.`;
  else summary = `${plural(counts.cases, 'case')}, ${counts.failed} failed in ${plural(counts.filesRun, 'file')}${counts.filesNotRun === 0 ? '' : `; ${notRun}`}.`;
  return lines === '' ? `${summary}\n` : `${lines}\n${summary}\n`;
};
