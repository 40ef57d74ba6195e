// Where a number, a time or a moment comes from: the one vocabulary every stage uses (incident
// file, `simulate --json`, the markdown reports and the charts). A reviewer must be able to tell a
// figure the operator published from one we read into vague words ("a large number" → 35%), so
// each kind has one label, one marker and one sentence saying what it means.
import type { ObservedPoint, TimelineEvent } from './schema.js';

export const provenanceKinds = ['published', 'secondary', 'reading', 'derived', 'assumed', 'replayed'] as const;
export type Provenance = (typeof provenanceKinds)[number];

/** The kinds a fact in an incident file can have (`replayed` is what the model computes). */
export const factProvenances = ['published', 'secondary', 'reading', 'derived', 'assumed'] as const;
export type FactProvenance = (typeof factProvenances)[number];

export interface ProvenanceInfo {
  /** Word used in tables and footnotes. */
  label: string;
  /** Short marker put after a figure in a report: one letter, as a superscript-like tag. */
  marker: string;
  /** What the label promises, for the key under a table and for the README. */
  meaning: string;
}

export const provenanceInfo: Record<Provenance, ProvenanceInfo> = {
  published: { label: 'published', marker: 'P', meaning: 'stated by the source, with its words quoted' },
  secondary: {
    label: 'secondary',
    marker: 'S',
    meaning: 'a paraphrase of a named public source, whose words we do not have',
  },
  reading: { label: 'reading', marker: 'R', meaning: 'our interpretation of the source, explained in the reading' },
  derived: { label: 'derived', marker: 'D', meaning: 'computed from published facts, with how' },
  assumed: { label: 'assumed', marker: 'A', meaning: 'not published: a value we chose' },
  replayed: { label: 'replayed', marker: 'M', meaning: 'computed by the replay of the model' },
};

/** `published` and nothing else may be labelled "Published" in a report. */
export function isPublished(p: Provenance): boolean {
  return p === 'published';
}

/**
 * The provenance of an observed figure or a timeline event. An explicit `provenance:` wins.
 * Otherwise: an `approximate` time is our `reading`; an entry with a quote is `published`; one
 * with neither is `assumed`. A `reading:` alone does not demote an entry, since most readings
 * explain a published fact (which base a percentage has) rather than replace it; the checks catch
 * the cases where the label cannot hold (a number its quote does not state, a reading that says
 * "not published"). Inference never yields `secondary` or `derived`: only the author can say so.
 */
export function provenanceOf(entry: Pick<ObservedPoint, 'quote'> & { provenance?: FactProvenance; approximate?: boolean }): FactProvenance {
  if (entry.provenance !== undefined) return entry.provenance;
  if (entry.approximate === true) return 'reading';
  if (entry.quote !== undefined && entry.quote.trim() !== '') return 'published';
  return 'assumed';
}

/**
 * An observed figure's provenance. As `provenanceOf`, except that a quote which does not state
 * the figure's number does not make it published: "a large number" read as 35% is a reading,
 * whatever the author forgot to write. An explicit `provenance: published` is kept (and
 * `validate` warns about it: provenance/value-not-in-quote).
 */
export function observedProvenance(point: Pick<ObservedPoint, 'quote' | 'value' | 'provenance'>): FactProvenance {
  const p = provenanceOf(point);
  if (point.provenance === undefined && p === 'published' && !numberIsIn(point.value, point.quote ?? '')) return 'reading';
  return p;
}

/** True when the text states `value` (13 in "about 13%", 41 in "41.0%", 3680 in "3,680"). */
export function numberIsIn(value: number, text: string): boolean {
  for (const match of text.replace(/(\d),(\d{3})/g, '$1$2').matchAll(/\d+(?:\.\d+)?/g)) {
    if (Math.abs(Number(match[0]) - value) < 1e-9) return true;
  }
  return false;
}

/** A timeline event's provenance (of its time and what it says). */
export function eventProvenance(event: Pick<TimelineEvent, 'quote' | 'reading' | 'approximate' | 'provenance'>): FactProvenance {
  return provenanceOf(event);
}

/** Words in a `reading:` that contradict a `published` figure ("The number is not published"). */
export const valueNotPublishedPattern = /\bnot (?:a )?published\b/i;

/** Words in a `reading:` saying the record gives no time ("\"At this point\" has no time"). */
export const timeNotPublishedPattern = /\b(?:has no time|gives no (?:time|hour|date)|no time is (?:published|given))\b/i;
