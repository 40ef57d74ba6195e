// The postmortem sections of an incident file (customer impact, detection, lessons, communication,
// action items' owner, type and tracker): valid when filled in, and each mistake reported at its
// line and column with a rule, like every other field.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runValidate } from '../../src/incident/validate.js';
import { captureIo } from '../cli/report-helpers.js';
import './test-kind.js';

const root = path.resolve(import.meta.dirname, '../..');
let dir: string;
let base: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'incident-replay-postmortem-'));
  await mkdir(path.join(dir, 'incidents'));
  base = await readFile(path.join(root, 'test/fixtures/valid/full.yaml'), 'utf8');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sections = `customerImpact:
  - who: Checkout users
    what: Orders failed.
    source: pm
    quote: orders failed
detection:
  text: A page from the queue-depth alarm.
  source: pm
  notAlarmed:
    - text: Worker memory.
lessons:
  wentWell:
    - text: The rollback was quick.
      source: pm
  gotLucky:
    - text: It happened at night.
communication:
  - at: 2021-03-10 10:30
    channel: status page
    text: First update.
    source: pm
`;

async function validate(yaml: string): Promise<{ code: number; lines: string[] }> {
  await writeFile(path.join(dir, 'incidents/x.yaml'), yaml);
  const io = captureIo(dir);
  const code = await runValidate({ paths: ['incidents/x.yaml'], format: 'text' }, io);
  return { code, lines: io.out.join('').split('\n').filter((l) => l && !l.startsWith('    hint:')) };
}

/** The line (1-based) of the first line of `yaml` that contains `needle`. */
const lineOf = (yaml: string, needle: string) => yaml.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('postmortem fields of an incident file', () => {
  it('accepts them all, and action items with owner, type and a tracker (id, URL or both)', async () => {
    const yaml = `${base.replace(
      '    status: proposed',
      '    status: proposed\n    owner: Platform team\n    type: prevent\n    tracker: { id: OPS-1, url: https://tracker.example/OPS-1 }',
    )}${sections}`;
    const { code, lines } = await validate(yaml);
    // The fixture's start is an approximate event: the one warning is about that, not the fields.
    expect(lines.at(-1)).toBe('1 file checked: 0 errors, 1 warning');
    expect(lines[0]).toContain('moments/guessed');
    expect(code).toBe(0);
  });

  it('reports a tracker URL that is not http(s), an unknown type and an empty tracker at their places', async () => {
    const yaml = base.replace(
      '    status: proposed',
      "    status: proposed\n    type: prevnt\n    tracker: { url: 'javascript:alert(1)' }\n  - id: second\n    text: Another.\n    tracker: {}",
    );
    const { code, lines } = await validate(yaml);
    expect(code).toBe(1);
    expect(lines).toContain(
      `incidents/x.yaml:${lineOf(yaml, 'type: prevnt')}:11  error  unexpected \`prevnt\` for \`actionItems[0].type\`, expected one of \`prevent\`, \`detect\`, \`mitigate\`  schema/invalid-value`,
    );
    expect(lines).toContain(
      `incidents/x.yaml:${lineOf(yaml, 'javascript:')}:21  error  \`actionItems[0].tracker.url\` is \`javascript:alert(1)\`, expected an http or https URL  schema/invalid-format`,
    );
    expect(lines.some((l) => l.startsWith(`incidents/x.yaml:${lineOf(yaml, 'tracker: {}')}:`) && l.includes('a tracker needs an `id`, a `url`, or both'))).toBe(true);
  });

  it('reports a quote without its source at the quote', async () => {
    const yaml = `${base}${sections.replace('    source: pm\n    quote: orders failed', '    quote: orders failed')}`;
    const { lines } = await validate(yaml);
    expect(lines).toContain(
      `incidents/x.yaml:${lineOf(yaml, 'quote: orders failed')}:12  error  \`customerImpact[0].quote\`: a \`quote\` needs the \`source\` it is quoted from  schema/invalid`,
    );
  });

  it('checks their sources and times like the timeline’s', async () => {
    const yaml = `${base}${sections.replace('  wentWell:\n    - text: The rollback was quick.\n      source: pm', '  wentWell:\n    - text: The rollback was quick.\n      source: pmx')
      .replace('2021-03-10 10:30', '2021-03-10 25:30')}`;
    const { code, lines } = await validate(yaml);
    expect(code).toBe(1);
    expect(lines.some((l) => l.startsWith(`incidents/x.yaml:${lineOf(yaml, 'source: pmx')}:15`) && l.includes('`lessons.wentWell[0].source` is `pmx`, which is not a declared source') && l.endsWith('ref/unknown-source'))).toBe(true);
    expect(lines.some((l) => l.startsWith(`incidents/x.yaml:${lineOf(yaml, '25:30')}:`) && l.includes('`communication[0].at`') && l.endsWith('time/invalid'))).toBe(true);
  });

  it('reports an unknown template name, listing the built-in ones', async () => {
    const yaml = `${base}template: breif\n`;
    const { code, lines } = await validate(yaml);
    expect(code).toBe(1);
    expect(lines).toContain(
      `incidents/x.yaml:${lineOf(yaml, 'template: breif')}:11  error  \`template\`: unknown template \`breif\`; the built-in templates are \`brief\`, \`default\`  template/unknown`,
    );
  });
});
