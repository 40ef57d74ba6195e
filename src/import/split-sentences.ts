// Split a block of prose into sentences, each with the input offsets of its characters.
//
// Plain-text postmortems are read as markdown, so a file that puts one paragraph on each line
// (and short headings on lines of their own, like the AWS summaries) arrives as a single
// paragraph. A line is therefore also a boundary when it looks like a heading: short (at most 60
// characters), no closing punctuation, the line before it ended a sentence, and the next line starts
// with a capital or a digit. A hard-wrapped paragraph does not match: its lines end mid-sentence.
import { sliceOffsets, type Offsets } from './offset-list.js';
import type { TextBlock } from './text-blocks.js';

export interface Sentence {
  text: string;
  offsets: Offsets;
}

const abbreviations = new Set([
  'e.g', 'i.e', 'etc', 'vs', 'mr', 'mrs', 'ms', 'dr', 'st', 'inc', 'ltd', 'co', 'corp', 'approx', 'no',
  'fig', 'u.s', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'est',
]);
const zoneAfter = /^\s*(?:[A-Z]{2,5}\b|UTC|GMT)/;

/**
 * Longest sentence kept whole. An event quotes its sentence: a block without sentence ends (a
 * pasted log, a run-on list of times) would otherwise be quoted once per time in it, which made
 * a 20 kB paragraph of times cost seconds and hundreds of megabytes.
 */
export const maxSentenceLength = 400;

export function splitSentences(block: TextBlock): Sentence[] {
  return rawSentences(block).flatMap(windowed);
}

function rawSentences(block: TextBlock): Sentence[] {
  if (block.kind !== 'paragraph') return trimmed(block.text, block.offsets, 0, block.text.length);
  const sentences: Sentence[] = [];
  for (const [from, to] of lineChunks(block.text)) {
    let start = from;
    for (const end of sentenceEnds(block.text, from, to)) {
      sentences.push(...trimmed(block.text, block.offsets, start, end));
      start = end;
    }
    sentences.push(...trimmed(block.text, block.offsets, start, to));
  }
  return sentences;
}

/** Ranges of the block split at heading-like lines (see the file comment). */
function lineChunks(text: string): Array<[number, number]> {
  const lines: Array<[number, number]> = [];
  let at = 0;
  for (const line of text.split('\n')) {
    lines.push([at, at + line.length]);
    at += line.length + 1;
  }
  const chunks: Array<[number, number]> = [];
  let chunkStart = 0;
  for (let i = 0; i < lines.length; i++) {
    const [s, e] = lines[i]!;
    const line = text.slice(s, e).trim();
    const previous = i === 0 ? '' : text.slice(lines[i - 1]![0], lines[i - 1]![1]).trim();
    const next = i + 1 < lines.length ? text.slice(lines[i + 1]![0], lines[i + 1]![1]).trim() : '';
    // The line before ended a sentence, or closed a chunk itself (two heading lines in a row).
    const previousEnded = i === 0 || chunkStart >= s - 1 || /[.!?]["”’)\]]*$/.test(previous);
    const headingLike =
      line.length > 0 && line.length <= 60 && !/[.!?:;,]["”’)\]]*$/.test(line) && previousEnded && /^[\p{Lu}\d]/u.test(next);
    if (headingLike) {
      if (s > chunkStart) chunks.push([chunkStart, s]);
      chunks.push([s, e]);
      chunkStart = e;
    } else if (/[.!?]["”’)\]]*$/.test(line)) {
      chunks.push([chunkStart, e]);
      chunkStart = e;
    }
  }
  if (chunkStart < text.length) chunks.push([chunkStart, text.length]);
  return chunks;
}

function* sentenceEnds(text: string, from: number, to: number): Generator<number> {
  const re = /[.!?]+["”’)\]]*(?=\s+["“‘(\[]?[\p{Lu}\d])/gu;
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (end >= to) break;
    const word = /(?<![\p{L}\d.])([\p{L}.]+)$/u.exec(text.slice(Math.max(from, m.index - 12), m.index))?.[1]?.toLowerCase() ?? '';
    if (abbreviations.has(word.replace(/^\./, ''))) continue;
    if (/(?:^|\s)\p{Lu}$/u.test(text.slice(from, m.index))) continue; // an initial: "J. Smith"
    if ((word === 'a.m' || word === 'p.m') && zoneAfter.test(text.slice(end, end + 8))) continue;
    yield end;
  }
}

function trimmed(text: string, offsets: Offsets, start: number, end: number): Sentence[] {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end <= start) return [];
  return [{ text: text.slice(start, end), offsets: sliceOffsets(offsets, start, end) }];
}

/**
 * A sentence longer than `maxSentenceLength` cut into windows: at a line break, a `;` or a `, `
 * before a word when there is one in the second half of the window, else at a space. Each window
 * is then linear work for the steps after, whatever the input.
 */
function windowed(sentence: Sentence): Sentence[] {
  if (sentence.text.length <= maxSentenceLength) return [sentence];
  const out: Sentence[] = [];
  const { text } = sentence;
  let start = 0;
  while (text.length - start > maxSentenceLength) {
    const window = text.slice(start + maxSentenceLength / 2, start + maxSentenceLength);
    let cut = -1;
    for (const re of [/\n/g, /;\s/g, /,\s+(?=\p{L})/gu, /\s/g]) {
      for (const m of window.matchAll(re)) cut = m.index + m[0].length;
      if (cut !== -1) break;
    }
    const end = cut === -1 ? start + maxSentenceLength : start + maxSentenceLength / 2 + cut;
    out.push(...trimmed(text, sentence.offsets, start, end));
    start = end;
  }
  out.push(...trimmed(text, sentence.offsets, start, text.length));
  return out;
}
