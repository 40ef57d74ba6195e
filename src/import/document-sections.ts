// What each block of a postmortem is, from the headings above it: part of a timeline, a section
// whose times are not events (lessons learned, action items, an appendix of raw output), a
// quoted chat or alert, or ordinary prose. The import takes events from the timeline when the
// document has one: elsewhere times mostly restate it (summary, impact, "Duration:" lines), and
// times inside quotes, logs and plans are not things that happened in the incident.
import type { TextBlock } from './text-blocks.js';
import { zoneNamedIn, type ZoneRef } from './zone-names.js';

export type SectionKind = 'timeline' | 'actions' | 'factors' | 'lessons' | 'impact' | 'appendix' | 'plans' | 'other';

export interface BlockRole {
  section: SectionKind;
  /** The heading text of the section the block is in. */
  heading?: string;
  /** A zone the section's heading names ("Timeline (all times BST)"). */
  zone?: ZoneRef;
  /** Inside a quote: a pasted chat line, alert or customer message. */
  quoted: boolean;
}

const kinds: Array<[SectionKind, RegExp]> = [
  ['appendix', /\b(?:appendix|raw (?:logs?|output)|log (?:output|excerpts?)|transcripts?|chat logs?|glossary|references)\b/i],
  ['actions', /\b(?:action items?|follow[- ]?ups?|remediations?|next steps|corrective (?:actions?|measures)|preventi(?:ve|on) (?:actions?|measures)|what we(?:'|’)re doing|what we are doing|moving forward|going forward|future work|improvements)\b/i],
  ['lessons', /\b(?:lessons? learn(?:ed|t)|what went (?:well|wrong)|where we got lucky|takeaways|retrospective)\b/i],
  ['factors', /\b(?:root causes?|contributing factors?|causes?|trigger|why (?:it|this) happened)\b/i],
  ['impact', /\b(?:impact|customer impact|user impact|scope)\b/i],
  // An announcement of work to come: its times are plans, not events.
  ['plans', /\b(?:planned (?:outage|maintenance|downtime|work)|scheduled (?:maintenance|downtime)|maintenance window|upcoming (?:maintenance|work))\b/i],
  ['timeline', /\b(?:timeline|chronology|incident log|sequence of events|events|updates|detailed (?:description|timeline)|time ?line)\b/i],
];

const timelineRe = kinds.find(([kind]) => kind === 'timeline')![1];

/** The kind of section a heading opens. */
export function sectionKind(heading: string): SectionKind {
  // The timeline wins when a heading names both ("Timeline and impact").
  if (timelineRe.test(heading)) return 'timeline';
  for (const [kind, re] of kinds) if (re.test(heading)) return kind;
  return 'other';
}

/**
 * The role of each block. A section runs from its heading to the next heading of the same or a
 * higher level; a sub-heading inside a timeline ("### April 21") stays in the timeline.
 */
export function documentSections(blocks: readonly TextBlock[]): BlockRole[] {
  const roles: BlockRole[] = [];
  // Open headings, outermost first: level, kind, text, zone.
  const open: Array<{ depth: number; kind: SectionKind; text: string; zone?: ZoneRef }> = [];
  for (const block of blocks) {
    if (block.kind === 'heading' || pseudoHeading(block)) {
      const depth = block.depth ?? 7;
      while (open.length > 0 && open[open.length - 1]!.depth >= depth) open.pop();
      const parent = open[open.length - 1];
      const own = sectionKind(block.text);
      // A sub-heading of a timeline (a date, "Detection") is still timeline; one of any other
      // kind names its own section.
      const kind = parent && parent.kind !== 'other' && own === 'other' ? parent.kind : own;
      const zone = zoneNamedIn(block.text) ?? parent?.zone;
      open.push({ depth, kind, text: block.text, ...(zone ? { zone } : {}) });
    }
    const top = open[open.length - 1];
    roles.push({ section: top?.kind ?? 'other', ...(top ? { heading: top.text } : {}), ...(top?.zone ? { zone: top.zone } : {}), quoted: block.quoted === true });
  }
  return roles;
}

/**
 * A short paragraph that names a section on a line of its own ("Timeline:", "**Action items**"):
 * exports from wikis and blogs often write headings so. It opens a section below every real
 * heading (level 7), closed by the next heading of any kind.
 */
function pseudoHeading(block: TextBlock): boolean {
  if (block.kind !== 'paragraph' || block.listItem || block.quoted) return false;
  const text = block.text.trim();
  return text.length <= 60 && !text.includes('\n') && !/[.!?]$/.test(text) && !/\d{1,2}:\d{2}/.test(text) && sectionKind(text) !== 'other';
}
