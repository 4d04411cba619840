import type { LintFormatter } from './lint-formatter.js';

// GitHub's workflow-command escaping: data escapes %, CR and LF; properties also : and ,.
const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<rule>::message`: annotations on the PR's diff. */
export const formatGithub: LintFormatter = ({ results }) =>
  results
    .flatMap((result) =>
      result.diagnostics.map((d) => {
        const { start, end } = d.range;
        const properties = `file=${escapeProperty(d.file)},line=${start.line},col=${start.column},endLine=${end.line},endColumn=${end.column},title=${escapeProperty(d.ruleId)}`;
        return `::${d.severity} ${properties}::${escapeData(d.message)}\n`;
      }),
    )
    .join('');
