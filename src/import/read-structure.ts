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

const startsAt = /\b(?:starting|beginning|began|begins|started|starts)\s+(?:at|around|from)\s+(?:about|around|approximately|roughly|~)?\s*$/i;
const neverEvents = new Set(['actions', 'lessons', 'plans']);
/** Sections whose times are not events: those that never state one, and appendices of raw output. */
const notEvents = new Set([...neverEvents, 'appendix']);
// "Duration: 2h 10m", "Start time: 14:03", "Detected: 14:10": a field restating the timeline.
const fieldLine = /^\s*(?:[-*]\s*)?(?:\*\*)?(?:duration|start(?:ed)?(?: time)?|end(?:ed)?(?: time)?|detect(?:ed|ion)(?: time)?|resolved(?: at)?|mitigated|time to \w+|impact (?:start|end)|date|published|posted|updated|last updated)(?:\*\*)?\s*:/i;

// A time that stamps the text rather than the incident: "as of now (2023-12-11 17:00 UTC)",
// "Updated 2019-04-12 11:00 UTC", "Last modified: …".
const stampBefore = /\b(?:as of(?: now)?|(?:last )?updated|(?:last )?modified|edited)\b[\s:(,*_-]*(?:on|at)?[\s:(*_]*$/i;
// A time announced for later: "the next update at 15:00", "will be down from 02:00", "ETA 16:00".
const planBefore =
  /\b(?:next update|further update|update (?:at|by|in)|will(?: \w+){0,4}|shall(?: \w+){0,3}|eta|estimated(?: \w+){0,2}|expected (?:at|by|around|to \w+(?: \w+)?)|scheduled (?:for|at|on)|planned (?:for|at|on)|due (?:at|by))[\s:,]*(?:at|by|from|on|around|about|approximately|until)?[\s:,]*(?:\S+\s+){0,3}$/i;
// Future tense anywhere in a sentence outside the timeline ("There will be an outage starting at …").
const futureSentence = /\b(?:will|shall|is going to|are going to|is scheduled|are scheduled|is planned|are planned|we plan to|we expect to)\b/i;

export function readStructure(sentences: ReadonlyArray<Sentence & { block: number }>, roles: readonly BlockRole[], found: readonly TimeMentions[]): Structure {
  const skipped = (i: number) => {
    const role = roles[sentences[i]!.block]!;
    return role.quoted || notEvents.has(role.section);
  };
  // The clock times (minute of the day) each block announces as plans.
  const plannedIn = new Map<number, Set<number>>();
  found.forEach((m, i) => {
    const text = sentences[i]!.text;
    const inTimelineSection = roles[sentences[i]!.block]!.section === 'timeline';
    // Read once per sentence, and only when a lead does not settle it.
    let future: boolean | undefined;
    const saysFuture = () => (future ??= !inTimelineSection && futureSentence.test(text));
    for (const clock of m.clocks) {
      const lead = text.slice(Math.max(0, clock.start - 60), clock.start);
      if (stampBefore.test(lead)) clock.notEvent = 'stamp';
      else if (planBefore.test(lead) || saysFuture()) clock.notEvent = 'plan';
      if (clock.notEvent === 'plan') {
        const block = sentences[i]!.block;
        if (!plannedIn.has(block)) plannedIn.set(block, new Set());
        plannedIn.get(block)!.add(clock.hour * 60 + clock.minute);
      }
    }
    if (m.clocks.length === 0 && m.dates.length > 0) {
      const lead = text.slice(Math.max(0, m.dates[0]!.start - 60), m.dates[0]!.start);
      if (stampBefore.test(lead) || planBefore.test(lead) || saysFuture()) m.datesNotCurrent = true;
    }
  });
  // Plans, action items and lessons never state events; quotes and appendices of raw output are
  // read only when nothing else in the document states a time (a postmortem that is all chat log).
  const never = (i: number) => neverEvents.has(roles[sentences[i]!.block]!.section);
  const events = (m: TimeMentions) => m.clocks.some((c) => c.notEvent === undefined);
  const keptTimes = found.some((m, i) => events(m) && !skipped(i));
  const mentions = found.map((m, i) => ((keptTimes && skipped(i)) || never(i) ? emptied(m) : m));
  const inTimeline = (i: number) => roles[sentences[i]!.block]!.section === 'timeline';
  const hasTimeline = mentions.some((m, i) => events(m) && inTimeline(i));

  // A status page's announcement ("At 17:00 UTC we will conduct maintenance") is often stamped
  // with the start it announces, which a later update ("Maintenance has begun", 17:00) states
  // as the event: the announcement's stamp restates it. Only when another block states that
  // instant, so an entry that both happened and announced the same time is not lost.
  let statedOutsidePlans: Set<number> | undefined;
  const restatesPlan = (event: PlacedEvent, all: readonly PlacedEvent[]) => {
    const planned = plannedIn.get(sentences[event.sentence]!.block);
    if (!planned) return false;
    const clock = found[event.sentence]!.clocks[event.clock]!;
    if (clock.notEvent !== undefined || !planned.has(clock.hour * 60 + clock.minute)) return false;
    // Instants placed from blocks that announce no plan for their clock, built once.
    statedOutsidePlans ??= new Set(
      all.filter((e) => !plannedIn.get(sentences[e.sentence]!.block)?.has(found[e.sentence]!.clocks[e.clock]!.hour * 60 + found[e.sentence]!.clocks[e.clock]!.minute)).map((e) => e.at.epochMs),
    );
    return statedOutsidePlans.has(event.at.epochMs);
  };

  let timelineClocks: Set<string> | undefined;
  return {
    mentions,
    keep(event, sentence, clock, all) {
      if (restatesPlan(event, all)) return false;
      if (!hasTimeline || inTimeline(event.sentence)) return true;
      timelineClocks ??= new Set(all.filter((e) => inTimeline(e.sentence)).map((e) => e.at.wall.slice(11, 16)));
      if (timelineClocks.has(event.at.wall.slice(11, 16))) return false;
      if (fieldLine.test(sentence.text)) return false;
      if (roles[(sentence as Sentence & { block: number }).block]?.heading === sentence.text) return false;
      // A window ("between 1:46pm - 5:30pm", "from 17:39-18:12 UTC") that starts at a time the
      // timeline does not have states when the impact began and ended.
      if (event.until) return true;
      // "starting at approximately 20:00 UTC, crates.io sustained an incident": the start, told in the summary.
      if (startsAt.test(sentence.text.slice(Math.max(0, clock.start - 40), clock.start))) return true;
      return guessPhase(clauseAt(sentence.text, clock.start)).cue !== undefined;
    },
  };
}

function emptied(m: TimeMentions): TimeMentions {
  return { clocks: [], dates: [], years: m.years, namedDays: [], nextDay: false, ambiguousDates: [], statesDefaults: false };
}
