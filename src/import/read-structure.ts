// Structure first: which stated times can be timeline events. Times in quoted chat and alerts,
// in appendices of raw output, in action items and lessons learned are not read at all (they are
// plans, deadlines or pasted logs), unless nothing else in the document states a time. When the
// document has a timeline section, a time outside it is kept only when it is phrased as an event
// of its own: one that repeats the clock of a timeline event (the summary, the impact section,
// a "Duration:" line, a heading) is dropped, and so is one whose clause names no happening.
import type { BlockRole } from './document-sections.js';
import type { TimeMentions, ClockMention } from './find-time-mentions.js';
import type { PlacedEvent } from './place-events.js';
import type { Sentence } from './split-sentences.js';
import { clauseAt, guessPhase } from './guess-phase.js';

export interface Structure {
  /** The mentions with those of skipped sentences emptied (their years still count). */
  mentions: TimeMentions[];
  /** Whether a placed event is kept (see the file comment). */
  keep(event: PlacedEvent, sentence: Sentence, clock: ClockMention, all: readonly PlacedEvent[]): boolean;
}

const notEvents = new Set(['appendix', 'actions', 'lessons']);
// "Duration: 2h 10m", "Start time: 14:03", "Detected: 14:10": a field restating the timeline.
const fieldLine = /^\s*(?:[-*]\s*)?(?:\*\*)?(?:duration|start(?:ed)?(?: time)?|end(?:ed)?(?: time)?|detect(?:ed|ion)(?: time)?|resolved(?: at)?|mitigated|time to \w+|impact (?:start|end)|date|published|posted|updated|last updated)(?:\*\*)?\s*:/i;

export function readStructure(sentences: ReadonlyArray<Sentence & { block: number }>, roles: readonly BlockRole[], found: readonly TimeMentions[]): Structure {
  const skipped = (i: number) => {
    const role = roles[sentences[i]!.block]!;
    return role.quoted || notEvents.has(role.section);
  };
  const keptTimes = found.some((m, i) => m.clocks.length > 0 && !skipped(i));
  const mentions = found.map((m, i) => (keptTimes && skipped(i) ? emptied(m) : m));
  const inTimeline = (i: number) => roles[sentences[i]!.block]!.section === 'timeline';
  const hasTimeline = mentions.some((m, i) => m.clocks.length > 0 && inTimeline(i));

  let timelineClocks: Set<string> | undefined;
  return {
    mentions,
    keep(event, sentence, clock, all) {
      if (!hasTimeline || inTimeline(event.sentence)) return true;
      timelineClocks ??= new Set(all.filter((e) => inTimeline(e.sentence)).map((e) => e.at.wall.slice(11, 16)));
      if (timelineClocks.has(event.at.wall.slice(11, 16))) return false;
      if (fieldLine.test(sentence.text)) return false;
      if (roles[(sentence as Sentence & { block: number }).block]?.heading === sentence.text) return false;
      return guessPhase(clauseAt(sentence.text, clock.start)).cue !== undefined;
    },
  };
}

function emptied(m: TimeMentions): TimeMentions {
  return { clocks: [], dates: [], years: m.years, namedDays: [], nextDay: false, ambiguousDates: [], statesDefaults: false };
}
