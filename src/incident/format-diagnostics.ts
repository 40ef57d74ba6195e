// Diagnostics in the formats CI systems read: GitHub workflow commands (annotations on the pull
// request's lines) and SARIF 2.1.0 (code scanning). Pure functions of the diagnostics; the text
// and JSON formats live with `validate`. Messages are bounded and kept on one line as in the
// text output, so no incident file can forge an annotation of its own.
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { boundText, type Diagnostic } from './diagnostic.js';

export const diagnosticFormats = ['text', 'json', 'github', 'sarif'] as const;
export type DiagnosticFormat = (typeof diagnosticFormats)[number];

/**
 * `::error file=…,line=…,col=…,title=…::message`. GitHub decodes `%25`, `%0D`, `%0A` in the
 * message, and also `%3A` and `%2C` in property values (where `:` and `,` are separators).
 */
export function githubCommand(d: Diagnostic): string {
  const message = d.hint ? `${boundText(d.message)} (hint: ${boundText(d.hint)})` : boundText(d.message);
  const props = [`file=${escapeProperty(d.file)}`, `line=${d.line}`, `col=${d.column}`, `title=${escapeProperty(d.rule)}`].join(',');
  return `::${d.severity} ${props}::${escapeData(message)}`;
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(boundText(text)).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface SarifTool {
  version: string;
  informationUri?: string;
}

/**
 * One SARIF run: every diagnostic a result at its file (relative to the project, forward
 * slashes, against the `%SRCROOT%` base GitHub code scanning resolves to the checkout) and
 * position; each rule id once in the driver's rule list, results pointing at it by index.
 */
export function toSarif(diagnostics: readonly Diagnostic[], tool: SarifTool): Log {
  const ruleIds = [...new Set(diagnostics.map((d) => d.rule))].sort();
  const rules: ReportingDescriptor[] = ruleIds.map((id) => ({ id, shortDescription: { text: id } }));
  const results: Result[] = diagnostics.map((d) => ({
    ruleId: d.rule,
    ruleIndex: ruleIds.indexOf(d.rule),
    level: d.severity === 'error' ? 'error' : 'warning',
    message: { text: d.hint ? `${boundText(d.message)}\nHint: ${boundText(d.hint)}` : boundText(d.message) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toUri(d.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: Math.max(1, d.line), startColumn: Math.max(1, d.column) },
        },
      },
    ],
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'incident-replay',
            version: tool.version,
            ...(tool.informationUri ? { informationUri: tool.informationUri } : {}),
            rules,
          },
        },
        results,
      },
    ],
  };
}

/** A relative file path as a URI reference: forward slashes, each segment percent-encoded. */
function toUri(file: string): string {
  return file
    .split(/[\\/]/)
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
