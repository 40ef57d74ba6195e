// A first guess at the phase of an event from the words of its clause. The user corrects it:
// the draft says it is a guess and which word it rests on. Later phases are tried first, because
// a recovery sentence often also mentions the change or the alarm that came before it.
import type { Phase } from '../incident/schema.js';

const cues: Array<[Phase, RegExp]> = [
  ['resolved', /\bfully (?:restored|recovered|resolved|operational|mitigated)\b|\bresolved\b|\ball clear\b/i],
  [
    'recovery',
    /\brestor(?:ed|ing|ation)\b|\brecover(?:ed|ing|y)?\b|\breturned to (?:near-)?normal\b|\bback to (?:near-)?normal\b|\bnear-normal\b|\bunstuck\b|\bbacklog\b|\bre-?enabl\w*|\bfinished enabling\b|\bhealthy again\b|\bcaught up\b/i,
  ],
  [
    'mitigation',
    /\bdisabl\w*|\brolled back\b|\broll(?:ing)? back\b|\brollback\b|\bthrottl\w*|\bremov(?:ed|ing|al)\b|\bfail(?:ed)? ?over\b|\bcontained\b|\bstabiliz\w*|\bstopped\b|\bprevent\w*|\bworkaround\b|\bmitigat\w*|\bisolat\w*|\bdrain\w*|\bshed\w*/i,
  ],
  ['diagnosis', /\bidentified\b|\broot cause\b|\bdetermined\b|\bconfirmed\b|\bdiagnos\w*|\bnarrowed\b|\bfound the cause\b|\binvestigat\w*/i],
  ['detection', /\balarm\w*|\balert\w*|\bnoticed\b|\bdetected\b|\bpaged\b|\bcustomers reported\b/i],
  [
    'trigger',
    /\bchange\b|\bdeploy(?:ed|ment|ing)?\b|\bbegan\b|\bstarted\b|\bcaused by\b|\btriggered\b|\bupgrad\w*|\brollout\b|\brolled out\b|\bpushed\b|\badd(?:ing|ed|ition)\b/i,
  ],
];

export interface PhaseGuess {
  phase: Phase;
  /** The word the guess rests on; absent when nothing matched and `impact` is the default. */
  cue?: string;
}

export function guessPhase(clause: string, sentence: string = clause): PhaseGuess {
  for (const text of [clause, sentence]) {
    // "would have prevented the impact" describes what did not happen.
    const factual = text.replace(/\bwould have \w+/gi, ' ');
    for (const [phase, re] of cues) {
      const m = re.exec(factual);
      if (m) return { phase, cue: m[0] };
    }
  }
  return { phase: 'impact' };
}

/** The clause of `sentence` that holds `index`: split at `;`, `, and`, `, but`, `, while`. */
export function clauseAt(sentence: string, index: number): string {
  const re = /;\s+|,\s+(?:and|but|while|whereas)\s+/g;
  let start = 0;
  for (const m of sentence.matchAll(re)) {
    if (m.index >= index) return sentence.slice(start, m.index);
    start = m.index + m[0].length;
  }
  return sentence.slice(start);
}
