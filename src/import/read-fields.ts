// What a postmortem already says beyond its timeline, read from its sections: action items
// (with ticket ids and owners where written), contributing factors, severity, customer impact
// and lessons learned. Each keeps the input line it comes from; nothing is invented: an item
// is the text of one list item, table row or paragraph of the section that names it.
import type { BlockRole } from './document-sections.js';
import type { TextBlock } from './text-blocks.js';

export interface FoundItem {
  text: string;
  /** Offset of the item in the input. */
  offset: number;
}

export interface ActionFound extends FoundItem {
  /** A ticket id or URL written with the item: `PAY-123`, `#456`, a tracker link. */
  tracker?: string;
  /** "owner: alice", "@alice", "(Owner: Alice)". */
  owner?: string;
}

export type Severity = 'sev1' | 'sev2' | 'sev3' | 'sev4';

export interface Fields {
  actionItems: ActionFound[];
  factors: FoundItem[];
  severity?: { value: Severity; written: string; offset: number };
  customerImpact?: FoundItem;
  lessons: { wentWell: FoundItem[]; wentWrong: FoundItem[]; gotLucky: FoundItem[] };
}

/** Items per list: a section longer than this is not a list of items a draft can use. */
const maxItems = 50;
const trackerRe = /\b[A-Z][A-Z0-9]{1,9}-\d{1,7}\b|(?<![\w&])#\d{1,7}\b|https?:\/\/\S+\/(?:issues|browse|pull|tickets?)\/[\w-]+/;
const ownerRe = /\b(?:owner|owners|assignee|assigned to|dri)\s*[:=-]?\s*@?([\p{L}][\p{L}\d._-]*(?:\s+[\p{Lu}][\p{L}]+)?)|(?<![\w.])@([\p{L}\d][\p{L}\d._-]*)/iu;
const severityRe = /\b(?:sev(?:erity)?[\s:-]*([0-5])|severity(?: level)?\s*[:=]?\s*(?:sev\s*)?([0-5])|p([0-4])\s+(?:incident|outage))\b/i;

export function readFields(blocks: readonly TextBlock[], roles: readonly BlockRole[]): Fields {
  const fields: Fields = { actionItems: [], factors: [], lessons: { wentWell: [], wentWrong: [], gotLucky: [] } };
  blocks.forEach((block, i) => {
    const role = roles[i]!;
    if (block.kind === 'heading' || role.quoted || !['actions', 'factors', 'impact', 'lessons'].includes(role.section)) return;
    const item = itemOf(block);
    if (!item) return;
    if (role.section === 'actions' && isListed(block) && fields.actionItems.length < maxItems) {
      const tracker = trackerRe.exec(item.text)?.[0];
      const owner = ownerRe.exec(item.text);
      fields.actionItems.push({ ...item, ...(tracker ? { tracker } : {}), ...(owner ? { owner: (owner[1] ?? owner[2])! } : {}) });
    } else if (role.section === 'factors' && fields.factors.length < maxItems) {
      fields.factors.push(item);
    } else if (role.section === 'impact' && !fields.customerImpact && block.kind === 'paragraph') {
      fields.customerImpact = item;
    } else if (role.section === 'lessons' && isListed(block)) {
      const bucket = /lucky/i.test(role.heading ?? '') ? 'gotLucky' : /well/i.test(role.heading ?? '') ? 'wentWell' : 'wentWrong';
      if (fields.lessons[bucket].length < maxItems) fields.lessons[bucket].push(item);
    }
  });
  for (const block of blocks) {
    const m = severityRe.exec(block.text);
    if (m) {
      const n = Number(m[1] ?? m[2] ?? m[3]);
      // Scales start at 0 or 1; the schema's runs sev1–sev4: the most severe maps to sev1.
      const value = `sev${Math.min(4, Math.max(1, n))}` as Severity;
      fields.severity = { value, written: m[0], offset: block.offsets[m.index] ?? 0 };
      break;
    }
  }
  return fields;
}

function isListed(block: TextBlock): boolean {
  return block.listItem === true || block.kind === 'row';
}

/** The item a block states: a list item's or paragraph's text on one line, a table row's cells. */
function itemOf(block: TextBlock): FoundItem | undefined {
  let text = block.text;
  if (block.kind === 'row') {
    // The header row of a table names columns, it is no item.
    if (block.header === undefined) return undefined;
    const cells = text.split('|').map((c) => c.trim()).filter((c) => c !== '');
    // The delimiter row of a table ("| --- | --- |") is no item.
    if (cells.every((c) => /^:?-+:?$/.test(c))) return undefined;
    text = cells.join('; ');
  }
  text = text.replace(/\s+/g, ' ').replace(/^\[[ xX]\]\s*/, '').trim();
  if (text.length < 3) return undefined;
  if (text.length > 300) text = `${text.slice(0, 300).replace(/\s+\S*$/, '')}…`;
  return { text, offset: block.offsets[0] ?? 0 };
}
