// restore-at-rate: operators work a backlog at a steady rate once they start: volumes restored
// from snapshots, by forensics, servers rebuilt. The rate is a share of a base amount per hour
// (the incident files give rates as % of the zone's volumes per hour).
//
// From the April 2011 EBS summary (aws.amazon.com/message/65648): "The team had snapshotted
// these volumes to S3 backups early in the event ... began processing batches through the
// night": a steady rate, once API access is back. And "The team began forensics on the
// remaining volumes which had suffered machine failure and for which we had not been able to
// take a snapshot. At 3:00 PM PDT, the team began restoring these." What cannot be restored
// is simply never wired to a restore.
import type { ComponentType } from '../compose/component.js';
import { perStep } from './replica-search.js';

interface State {
  active: boolean;
}

export const restoreAtRate: ComponentType<State> = {
  type: 'restore-at-rate',
  description: 'Once started, moves a backlog to its restored stock at a steady rate (a share of a base amount per hour) until the backlog is empty or the work stops.',
  equations: 'while started: min(from, base·percentPerHour/100·dt/60) from → to',
  parameters: {
    base: { unit: 'volumes', description: 'the amount the rate is a share of', min: 0 },
    percentPerHour: { unit: 'percent/hour', description: 'amount restored per hour, % of `base`', min: 0 },
  },
  stocks: {
    from: { unit: 'volumes', access: 'write', description: 'the backlog' },
    to: { unit: 'volumes', access: 'write', description: 'where restored amounts go' },
  },
  flows: {
    restored: { unit: 'volumes', description: 'amount restored' },
  },
  actions: {
    start: { description: 'the restores start' },
    stop: { description: 'the restores stop' },
  },

  init() {
    return { active: false };
  },

  apply(s, action) {
    s.active = action === 'start';
  },

  step(s, api) {
    if (!s.active) return;
    const from = api.port.from!;
    const n = Math.min(api.values[from]!, perStep(api.p.base!, api.p.percentPerHour!, api.dt));
    api.move(from, api.port.to!, n, api.flow.restored!);
  },
};
