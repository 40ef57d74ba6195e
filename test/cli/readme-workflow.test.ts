// The README's CI workflow is what users copy: it must be a valid GitHub Actions workflow
// (checked with action-validator, the schema-based validator, run locally from its npm build)
// and must use the CI-native outputs the tool has (annotations, SARIF for code scanning).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateWorkflow } from '@action-validator/core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

/** The first yaml block after the `### In CI` heading. */
function workflow(): string {
  const section = readme.slice(readme.indexOf('\n### In CI\n'));
  const block = /```yaml\n([\s\S]*?)\n```/.exec(section);
  expect(block, 'a yaml block under "### In CI"').not.toBeNull();
  return block![1]!;
}

describe('the README’s CI workflow', () => {
  it('passes action-validator', () => {
    expect(validateWorkflow(workflow()).errors).toEqual([]);
  });

  it('is checked for real: a job without runs-on fails the validator', () => {
    expect(validateWorkflow(workflow().replace(/^\s+runs-on: .*\n/m, '')).errors.length).toBeGreaterThan(0);
  });

  it('annotates the pull request and uploads SARIF with the permission it needs', () => {
    const text = workflow();
    expect(text).toContain('validate --format github --max-warnings 0');
    expect(text).toContain('validate --format sarif -o incident-replay.sarif');
    expect(text).toMatch(/uses: github\/codeql-action\/upload-sarif@v\d+[\s\S]*sarif_file: incident-replay\.sarif/);
    expect(text).toContain('security-events: write');
  });
});
