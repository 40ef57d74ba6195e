// A problem in a composition (wiring, units, expressions), with its path inside the composition
// so that validate can place it at the file's line and column.

/** A problem in a composition, with the path of the offending value inside it. */
export interface CompositionProblem {
  path: (string | number)[];
  message: string;
  hint?: string;
  /** Offset inside an expression string, when the problem is in one. */
  offset?: number;
  severity?: 'error' | 'warning';
}

export class CompositionError extends Error {
  constructor(readonly problems: CompositionProblem[]) {
    super(problems.filter((p) => p.severity !== 'warning').map((p) => `${p.path.join('.')}: ${p.message}`).join('; '));
  }
}
