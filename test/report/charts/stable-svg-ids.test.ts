import { describe, expect, it } from 'vitest';
import { stableSvgIds } from '../../../src/report/charts/stable-svg-ids.js';

const drawn = (surface: number, clip: number) =>
  `<svg><defs><symbol id="glyph0-7"/><symbol id="glyph0-2"/><clipPath id="clip${clip}"/></defs>` +
  `<g id="surface${surface}"><use xlink:href="#glyph0-2"/><use xlink:href="#glyph0-7"/>` +
  `<g clip-path="url(#clip${clip})" fill="#ff0000" style="fill:rgb(13%,13%,13%)"/></g></svg>`;

describe('stableSvgIds', () => {
  it('gives the same bytes whatever the process counters were', () => {
    expect(stableSvgIds(drawn(176, 3))).toBe(stableSvgIds(drawn(528, 12)));
  });

  it('renames definitions and references together, leaving colours alone', () => {
    expect(stableSvgIds(drawn(176, 3))).toBe(
      `<svg><defs><symbol id="glyph0"/><symbol id="glyph1"/><clipPath id="clip0"/></defs>` +
        `<g id="surface0"><use xlink:href="#glyph1"/><use xlink:href="#glyph0"/>` +
        `<g clip-path="url(#clip0)" fill="#ff0000" style="fill:rgb(13%,13%,13%)"/></g></svg>`,
    );
  });

  it('is idempotent', () => {
    const once = stableSvgIds(drawn(9, 9));
    expect(stableSvgIds(once)).toBe(once);
  });
});
