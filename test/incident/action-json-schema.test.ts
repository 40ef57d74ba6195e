// A model's actions as the JSON Schema of a timeline effect: names with descriptions, and per
// action the arguments it takes, as `validate` checks them.
import { describe, it, expect } from 'vitest';
import { Ajv } from 'ajv';
import { effectJsonSchema } from '../../src/incident/action-json-schema.js';
import type { ActionSpec } from '../../src/model/types.js';

const actions: Record<string, ActionSpec> = {
  add: {
    description: 'add capacity',
    args: { amount: { description: 'how much', unit: 'servers', min: 0, required: true }, mode: { description: 'how', type: 'string', values: ['now', 'ramp'] } },
  },
  stop: { description: 'stop it', args: {} },
  free: { description: 'declares no arguments' },
};

const validate = new Ajv({ strict: true, strictRequired: false, allowUnionTypes: true }).compile(effectJsonSchema('`test`', actions));

describe('effectJsonSchema', () => {
  it('offers each action with its description', () => {
    const schema = effectJsonSchema('`test`', actions) as any;
    expect(schema.properties.action.oneOf).toEqual([
      { const: 'add', description: 'add (amount, mode): add capacity' },
      { const: 'stop', description: 'stop (): stop it' },
      { const: 'free', description: 'free: declares no arguments' },
    ]);
    expect(validate({ action: 'nope' })).toBe(false);
  });

  it('holds the arguments to the action: required, bounded, a word among its choices, none unknown', () => {
    expect(validate({ action: 'add', with: { amount: 3, mode: 'ramp' } })).toBe(true);
    expect(validate({ action: 'add', with: { amount: 'extra / 2' } })).toBe(true); // an expression
    expect(validate({ action: 'add', with: {} })).toBe(false);
    expect(validate({ action: 'add', with: { amount: -1 } })).toBe(false);
    expect(validate({ action: 'add', with: { amount: 1, mode: 'later' } })).toBe(false);
    expect(validate({ action: 'add', with: { amount: 1, amout: 2 } })).toBe(false);
    expect(validate({ action: 'stop', with: { x: 1 } })).toBe(false);
    expect(validate({ action: 'free', with: { anything: 1 } })).toBe(true);
  });
});
