import { describe, it, expect } from 'vitest';
import { splitSentences } from '../../src/import/split-sentences.js';
import { textBlocks } from '../../src/import/text-blocks.js';

const sentences = (md: string) => textBlocks(md).flatMap((b) => splitSentences(b).map((s) => s.text));

describe('splitSentences', () => {
  it('splits at sentence ends but not after abbreviations, initials or decimals', () => {
    expect(sentences('We disabled APIs (e.g. Create Volume). At 9 a.m. PDT the team met J. Smith. Then 2.2% remained.')).toEqual([
      'We disabled APIs (e.g. Create Volume).',
      'At 9 a.m. PDT the team met J. Smith.',
      'Then 2.2% remained.',
    ]);
  });

  it('splits after a day number ("April 21st.") and after "I/O."', () => {
    expect(sentences('It ended on April 21st. To fix it we waited. Instances had stuck I/O. This was bad.')).toEqual([
      'It ended on April 21st.',
      'To fix it we waited.',
      'Instances had stuck I/O.',
      'This was bad.',
    ]);
  });

  it('keeps a hard-wrapped sentence whole', () => {
    expect(sentences('The traffic shift was executed\nincorrectly and the network\nwas saturated.')).toEqual([
      'The traffic shift was executed\nincorrectly and the network\nwas saturated.',
    ]);
  });

  it('splits heading-like lines of plain text off the paragraph', () => {
    expect(sentences('The summary ends here.\nPrimary Outage\nAt 12:47 AM PDT a change was made.')).toEqual([
      'The summary ends here.',
      'Primary Outage',
      'At 12:47 AM PDT a change was made.',
    ]);
  });

  it('maps each character back to its offset in the input', () => {
    const md = '- **10:05 UTC**: the alarm fired.';
    const [s] = textBlocks(md).flatMap((b) => splitSentences(b));
    expect(s!.text).toBe('10:05 UTC: the alarm fired.');
    expect(md.slice(s!.offsets[0], s!.offsets[0]! + 5)).toBe('10:05');
    expect(md[s!.offsets[s!.text.indexOf('alarm')]!]).toBe('a');
  });
});
