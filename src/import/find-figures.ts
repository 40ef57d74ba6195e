// Impact figures in a sentence: percentages ("13% of the volumes", "a 55% error rate") and
// counts of things that fail ("3.7M failed requests"). Thresholds, limits, targets, credits and
// version numbers are not impact and are left out.

export interface Figure {
  value: number;
  unit: 'percent' | 'count';
  /** What a percentage is a percentage of, from the words around it. */
  basis?: string;
  /** Index of the number in the sentence. */
  index: number;
}

const notImpact = /threshold|limit|target|goal|\bSL[OA]s?\b|objective|credit|budget|discount|uptime|\bversion\b|\bv\d/i;
const percentRe = /(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(%|percent\b|per cent\b)/gi;
const countRe =
  /(?<![\w.,:%-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d.,]|\s?(?:%|percent\b|per cent\b))\s?(k|K|M|B|thousand|million|billion)?\+?\s+((?:[\w-]+\s+){0,2}?)(requests|errors|failures|volumes|instances|servers|hosts|nodes|customers|users|accounts|calls|connections|messages|jobs|transactions|orders|databases|queries|pages|packets|devices|sites)\b/g;
const basisStop =
  /[,.;:()]|\s(?:were|was|is|are|could|would|can|will|do|does|did|required|suffered|experienced|saw|failed|had|have|has|became|becoming|remained|to|that|which|who|with|when|after|before|because|as|by|at|during|and|or|did|for|from|until|on)\b/;
const hasDigit = /\d/;
const magnitudes: Record<string, number> = { k: 1e3, K: 1e3, thousand: 1e3, M: 1e6, million: 1e6, B: 1e9, billion: 1e9 };

export function findFigures(sentence: string): Figure[] {
  const figures: Figure[] = [];
  // Every figure is written with digits: most sentences have none and need no pattern run.
  if (!hasDigit.test(sentence)) return figures;
  for (const m of sentence.matchAll(percentRe)) {
    if (excluded(sentence, m.index, m.index + m[0].length)) continue;
    const basis = basisAfter(sentence.slice(m.index + m[0].length)) ?? basisBefore(sentence.slice(0, m.index));
    figures.push({ value: Number(m[1]!.replace(/,/g, '')), unit: 'percent', ...(basis ? { basis } : {}), index: m.index });
  }
  for (const m of sentence.matchAll(countRe)) {
    if (excluded(sentence, m.index, m.index + m[0].length)) continue;
    const value = Number(m[1]!.replace(/,/g, '')) * (m[2] ? magnitudes[m[2]]! : 1);
    figures.push({ value, unit: 'count', basis: `${m[3] ?? ''}${m[4]}`.trim(), index: m.index });
  }
  return figures.sort((a, b) => a.index - b.index);
}

/** A threshold, target or version within a few words of the number. */
function excluded(sentence: string, start: number, end: number): boolean {
  const before = sentence.slice(Math.max(0, start - 30), start);
  const after = sentence.slice(end, end + 30);
  return notImpact.test(before.split(/[,;]/).pop() ?? '') || notImpact.test(after.split(/[,;]/)[0] ?? '');
}

/** "… of the volumes in the affected Availability Zone were …" → "the volumes in the affected Availability Zone". */
function basisAfter(rest: string): string | undefined {
  const of = /^\s+of\s+/i.exec(rest);
  if (of) {
    const phrase = rest.slice(of[0].length);
    const stop = basisStop.exec(phrase);
    const basis = (stop ? phrase.slice(0, stop.index) : phrase).trim();
    return basis.split(/\s+/).length <= 12 && basis !== '' ? basis : undefined;
  }
  // "a 55% error rate": the noun the percentage qualifies.
  const noun = /^\s+((?:[a-z][\w-]*\s+)?(?:rate|ratio|share|fraction|loss|drop|increase|decrease|of requests))\b/i.exec(rest);
  return noun?.[1];
}

/** "Of multi-AZ database instances in the US East Region, 2.5% …" */
function basisBefore(text: string): string | undefined {
  const m = /(?:^|[.;:]\s+)Of\s+([^,]{3,80}),\s*$/.exec(text);
  return m?.[1]?.trim();
}
