// Diagnose an inline incident text with the schema and every semantic check, and show each
// diagnostic with the text found at its place, so expectations prove they point at the node.
import { expect } from 'vitest';
import { checkIncident } from '../../src/incident/check.js';
import { loadIncidentBytes } from '../../src/incident/load.js';
import { byPosition, type Diagnostic } from '../../src/incident/diagnostic.js';

export function createDiagnose() {
  let lastText = '';
  return {
    /** The semantic diagnostics of `text` (which must pass the schema), in file order. */
    async diagnose(text: string): Promise<Diagnostic[]> {
      lastText = text;
      const loaded = loadIncidentBytes('x.yaml', new TextEncoder().encode(text));
      expect(loaded.diagnostics, 'the file should pass the schema').toEqual([]);
      return (await checkIncident(loaded)).sort(byPosition);
    },
    /** The text at a diagnostic's place, up to a delimiter. */
    textAt(d: Diagnostic): string {
      return lastText.split('\n')[d.line - 1]!.slice(d.column - 1).split(/[,}\]]/)[0]!.trim();
    },
  };
}
