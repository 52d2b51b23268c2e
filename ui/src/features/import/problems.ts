// What a dry run's problems mean for the real import: a file with problem
// rows imports nothing unless the lead says to skip them. Pure, tested in
// problems.test.ts.
import type { ImportReport } from '../../api/desk';

/** The rows with problems (a row may have several), and the rows that would come in. */
export interface ProblemCount {
  /** Lines with at least one problem: the rows skipped. */
  bad: number;
  /** Rows without problems: new, updated or already up to date. */
  good: number;
}

export function problemCount(report: Pick<ImportReport, 'problems' | 'new' | 'updated' | 'unchanged'>): ProblemCount {
  const bad = new Set(report.problems.map((p) => p.line)).size;
  return { bad, good: report.new + report.updated + report.unchanged };
}
