// The bookkeeping of an action item, as postmortem templates list it: type (prevent / detect /
// mitigate), owner, status and where it is tracked. Written as one parenthesis after the item's
// text, in that order, each part only when the incident file gives it.
import type { ActionItem } from '../../incident/schema.js';
import { link, text, type Phrasing } from '../mdast.js';

export function actionItemMeta(item: ActionItem): Phrasing[] {
  const parts: Phrasing[][] = [];
  if (item.type) parts.push([text(item.type)]);
  if (item.owner) parts.push([text(`owner: ${item.owner}`)]);
  if (item.status) parts.push([text(`status: ${item.status}`)]);
  const tracker = item.tracker;
  if (tracker) {
    // A link when there is an address: the ticket id as its text, else the word `ticket`.
    const label = tracker.id ?? 'ticket';
    parts.push(['tracker: ', tracker.url ? link(tracker.url, text(label)) : text(label)]);
  }
  if (parts.length === 0) return [];
  return [' (', ...parts.flatMap((p, i) => (i === 0 ? p : ['; ', ...p])), ')'];
}
