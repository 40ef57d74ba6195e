// A statement of the record in a list (customer impact, detection, lessons, communication): the
// text in our words, then its citation `[n]`. The quote stays in the incident file, where
// `validate` can hold it against the source; the reader follows `[n]` to the source itself.
import type { ReportState } from '../report-state.js';
import { prose, type Phrasing } from '../mdast.js';
import { sourceRef } from './source-ref.js';

export function statementPhrasing(state: ReportState, statement: { text: string; source?: string }): Phrasing[] {
  const ref = sourceRef(state, statement.source);
  return ref.length > 0 ? [...prose(statement.text), ' ', ...ref] : prose(statement.text);
}
