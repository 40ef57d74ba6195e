// path: a route that operators can disable or throttle (new CreateVolume calls to a degraded
// zone refused, a cluster's link to the control plane cut). Each step, what is in `input` goes
// to `output` in the share the path lets through and to `refused` for the rest:
//   passed = share · A, refused = (1 − share) · A, share = 0 when disabled.
import type { ComponentType } from '../compose/component.js';
import { numberArg } from '../compose/component.js';

interface State {
  enabled: boolean;
  share: number;
}

export const path: ComponentType<State> = {
  type: 'path',
  description: 'A route operators can disable or throttle: what arrives in `input` goes to `output` in the share the path lets through, the rest to `refused`.',
  equations: 'passed = share·A → output; refused = (1 − share)·A → refused; share = 0 while disabled',
  parameters: {
    share: { unit: 'share', description: 'share of what arrives that the path lets through', default: 1, min: 0, max: 1 },
  },
  stocks: {
    input: { unit: 'requests', access: 'write', description: 'what arrives this step (the path takes it all)' },
    output: { unit: 'requests', access: 'write', description: 'where what passes goes' },
    refused: { unit: 'requests', access: 'write', optional: true, role: 'sink', description: 'where what is refused goes' },
  },
  flows: {
    passed: { unit: 'requests', description: 'what went through' },
    refused: { unit: 'requests', description: 'what was refused' },
  },
  actions: {
    disable: { description: 'refuse everything' },
    enable: { description: 'let the path’s share through again' },
    throttle: { description: 'let only a share through', args: { share: { description: 'share let through', required: true, min: 0, max: 1 } } },
  },
  init: (api) => ({ enabled: true, share: api.p.share! }),
  apply(s, action, args) {
    if (action === 'disable') s.enabled = false;
    else if (action === 'enable') s.enabled = true;
    else if (action === 'throttle') s.share = numberArg(args, 'share') ?? s.share;
  },
  update(s, api, previous) {
    if (api.p.share !== previous.share) s.share = api.p.share!;
  },
  step(s, api) {
    const arrived = Math.max(0, api.values[api.port.input!]!);
    const passed = s.enabled ? arrived * s.share : 0;
    api.move(api.port.input!, api.port.output!, passed, api.flow.passed!);
    api.move(api.port.input!, api.port.refused!, arrived - passed, api.flow.refused!);
  },
};
