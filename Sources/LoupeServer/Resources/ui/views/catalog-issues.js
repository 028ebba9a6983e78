// The catalog sidebar's "Data issues" section: the dataset's stored data-issue reports (outliers,
// near-duplicates, label errors…), each one click from the rows it flags, worst first.

import { el } from '../dom.js';
import { count as formatCount, fixed } from '../lib/format.js';
import { quoteString } from '../lib/filter-tokens.js';

/**
 * The section node, or null when the dataset has no stored report. A report's button applies the
 * filter `issue("KIND").flagged = true` sorted by `issue("KIND")` (lowest score, the worst, first).
 * @param {{reports: object[], apply: (changes: {filter: string, sort: string}) => void}} options
 */
export function issuesSection({ reports, apply }) {
  if (reports.length === 0) return null;
  const items = reports.map((report) => {
    const field = `issue(${quoteString(report.kind, '"')})`;
    return el('li', {},
      el('button', {
        type: 'button', class: 'facet issue-report', dataset: { kind: report.kind },
        title: `${report.source}; dataset score ${fixed(report.dataset_score, 3)} (1 is clean)`,
        on: { click: () => apply({ filter: `${field}.flagged = true`, sort: field }) },
      },
      el('span', { class: 'facet-label' }, report.kind.replaceAll('_', ' ')),
      el('span', { class: 'facet-count' }, `${formatCount(report.flagged_count)} / ${formatCount(report.row_count)}`)));
  });
  return el('section', { class: 'facet-issues', 'aria-label': 'Data issues' },
    el('h2', {}, 'Data issues'), el('ul', { class: 'facet-list' }, items));
}
