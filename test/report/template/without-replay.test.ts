import { describe, it, expect } from 'vitest';
import { parseTemplate } from '../../../src/report/template/parse-template.js';
import { withoutReplaySections } from '../../../src/report/template/without-replay.js';
import { sections } from '../../../src/report/sections/index.js';
import { toString } from 'mdast-util-to-string';
import type { RootContent } from 'mdast';

/** The template's blocks as written: `## Heading`, `::name`, paragraph text. */
function outline(node: RootContent): string {
  if (node.type === 'heading') return `${'#'.repeat(node.depth)} ${node.children.map((c) => (c.type === 'textDirective' ? `:${c.name}` : toString(c))).join('')}`;
  if (node.type === 'leafDirective') return `::${node.name}`;
  return toString(node);
}

const strip = (text: string) => withoutReplaySections(parseTemplate(text, 't.md').tree, sections).children.map(outline).join('\n\n');

describe('withoutReplaySections', () => {
  it('leaves out a heading whose part shows only sections that need a replay, with its prose', () => {
    const text = [
      '# :value',
      '## Timeline',
      '::timeline',
      '## What the replay shows',
      'The replay runs through :value{name=kind}.',
      '::chart',
      '::observed',
      '## Sources',
      '::sources',
    ].join('\n\n');
    expect(strip(text)).toBe(['# :value', '## Timeline', '::timeline', '## Sources', '::sources'].join('\n\n'));
  });

  it('keeps a heading that also shows a section of the record, and its subheadings that do', () => {
    const text = ['## Response', '::moments', '::chart', '## Analysis', 'Prose.', '### Charts', '::chart', '### Factors', '::factors'].join('\n\n');
    // `::chart` under Response stays in the tree here; the renderer drops it (it needs a replay).
    expect(strip(text)).toBe(['## Response', '::moments', '::chart', '## Analysis', 'Prose.', '### Factors', '::factors'].join('\n\n'));
  });

  it('leaves out a heading with subheadings when all of them need a replay', () => {
    const text = ['## Model', 'About the model.', '### Parameters', '::parameters', '### Sensitivity', '::sensitivity', '## Sources', '::sources'].join('\n\n');
    expect(strip(text)).toBe(['## Sources', '::sources'].join('\n\n'));
  });

  it('keeps headings over prose only, and parts with a directive it does not know (the renderer reports it)', () => {
    const text = ['## Notes', 'Written by hand.', '## Odd', '::chart', '::nope'].join('\n\n');
    expect(strip(text)).toBe(text);
  });
});
