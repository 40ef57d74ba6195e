// PLACEHOLDER until the kind is implemented: registers the id with no mechanism.
import type { ModelKind } from '../types.js';

export const threadLimit: ModelKind<Record<string, never>> = {
  id: 'thread-limit',
  description: 'not implemented yet',
  parameters: {},
  series: {},
  primarySeries: '',
  actions: {},
  init: () => ({}),
  apply: () => {},
  step: () => {},
  observe: () => {},
};
