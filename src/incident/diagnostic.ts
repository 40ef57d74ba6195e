// Problems in user data are data: each one carries a place, a severity, a rule id and a hint.
import { escapeControl, quoteUserText } from './quote-user-text.js';

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

/**
 * `file:line:col  severity  message  rule-id` followed by an indented hint. The message and hint
 * quote the user's text: each is kept on its line and bounded here too, whatever a check put in
 * it, so that no file can print a line of its own (a forged `0 errors`) or flood the output.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const head = `${escapeControl(d.file)}:${d.line}:${d.column}  ${d.severity}  ${boundText(d.message)}  ${d.rule}`;
  return d.hint ? `${head}\n    hint: ${boundText(d.hint)}` : head;
}

/** Characters of a message or hint printed at most. */
export const maxMessageChars = 1000;

/** Text on one line (control characters escaped), cut at `maxMessageChars`. */
export function boundText(text: string): string {
  return quoteUserText(text, maxMessageChars);
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);
}
