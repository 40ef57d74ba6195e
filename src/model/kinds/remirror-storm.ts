// PLACEHOLDER until the kind is implemented: registers the id with no mechanism.
import type { ModelKind } from '../types.js';

export const remirrorStorm: ModelKind<Record<string, never>> = {
  id: 'remirror-storm',
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
