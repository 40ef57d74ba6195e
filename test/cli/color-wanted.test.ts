import { describe, it, expect } from 'vitest';
import { colorWanted } from '../../src/cli/color-wanted.js';

describe('colorWanted', () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ CI: 'true' }, true, false],
    [{ TERM: 'dumb' }, true, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '1', FORCE_COLOR: '1' }, false, false],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '' }, false, true],
    [{ FORCE_COLOR: '3', CI: 'true' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ FORCE_COLOR: 'false' }, true, false],
    // An empty NO_COLOR is unset, by the convention's own wording.
    [{ NO_COLOR: '' }, true, true],
  ])('%j on a terminal: %s → %s', (env, tty, expected) => {
    expect(colorWanted(env, tty)).toBe(expected);
  });
});
