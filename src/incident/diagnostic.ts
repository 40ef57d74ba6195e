// Problems in user data are data: each one carries a place, a severity, a rule id and a hint.

export type Severity = 'error' | 'warning';

export interface Position {
  line: number;
  column: number;
}

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  /** What is wrong, and what was expected. */
  message: string;
  /** Stable id of the check, e.g. `schema/unknown-field`, `time/nonexistent`. */
  rule: string;
  /** How to fix it. */
  hint?: string;
}

/** `file:line:col  severity  message  rule-id` followed by an indented hint. */
export function formatDiagnostic(d: Diagnostic): string {
  const head = `${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.message}  ${d.rule}`;
  return d.hint ? `${head}\n    hint: ${d.hint}` : head;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);
}
