// A 2D context that records what is drawn on it, so that one Chart.js run can paint two
// canvases: the chart is laid out and drawn once, on the SVG canvas, and the same calls are then
// replayed on a raster canvas for the PNG. Chart.js's layout, option resolution and plugins were
// half the time of every chart, paid twice (once per canvas) before.
//
// Only calls that change the drawing are recorded; calls that read (measureText, getLineDash,
// …) run on the SVG context alone, and their answers are already baked into the recorded calls.
// Anything that cannot be replayed by value (a gradient, a pattern, an image, reading pixels
// back) marks the recording unusable, and the caller draws the raster canvas with Chart.js as
// before.

type Op = { set: string; value: unknown } | { call: string; args: unknown[] };

/** Methods that only read the context's state: not replayed. */
const reads = new Set(['measureText', 'getLineDash', 'getTransform', 'isPointInPath', 'isPointInStroke', 'createImageData']);
/** Methods whose result or argument is an object of the context's own: not replayable by value. */
const unreplayable = new Set(['createLinearGradient', 'createRadialGradient', 'createConicGradient', 'createPattern', 'getImageData', 'putImageData', 'drawImage']);

export interface DrawingRecording<C extends object> {
  /** The context to hand to Chart.js: the real one, with every drawing call recorded. */
  context: C;
  /** Whether every recorded call can be replayed on another context. */
  readonly replayable: boolean;
  /** How many calls are recorded so far. */
  readonly length: number;
  /** Paint what was drawn on `target` (a fresh context of the same size), up to the first `upTo` calls. */
  replay(target: C, upTo?: number): void;
}

export function recordDrawing<C extends object>(real: C): DrawingRecording<C> {
  const ops: Op[] = [];
  let replayable = true;
  const wrapped = new Map<PropertyKey, unknown>();
  const context = new Proxy(real, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown;
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      let method = wrapped.get(key);
      if (method === undefined) {
        method = (...args: unknown[]) => {
          if (unreplayable.has(key)) replayable = false;
          else if (!reads.has(key)) {
            if (!args.every(byValue)) replayable = false;
            ops.push({ call: key, args: args.map((a) => (Array.isArray(a) ? [...a] : a)) });
          }
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
        wrapped.set(key, method);
      }
      return method;
    },
    set(target, key, value) {
      if (typeof key !== 'string' || !byValue(value)) replayable = false;
      else ops.push({ set: key, value });
      return Reflect.set(target, key, value, target);
    },
  });
  return {
    context,
    get replayable() {
      return replayable;
    },
    get length() {
      return ops.length;
    },
    replay(target: C, upTo = ops.length) {
      const t = target as Record<string, unknown>;
      for (const op of ops.slice(0, upTo)) {
        if ('set' in op) t[op.set] = op.value;
        else (t[op.call] as (...a: unknown[]) => unknown).apply(target, op.args);
      }
    },
  };
}

/** A value that means the same on any context: a primitive, or an array of them. */
function byValue(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'function' && typeof value !== 'symbol';
  return Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object');
}
