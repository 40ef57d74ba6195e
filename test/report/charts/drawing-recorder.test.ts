import { describe, it, expect } from 'vitest';
import { recordDrawing } from '../../../src/report/charts/drawing-recorder.js';

/** A stand-in context that logs what is done to it. */
function loggingContext() {
  const log: string[] = [];
  const context = {
    log,
    canvas: 'the canvas',
    fillStyle: '#000',
    fillRect: (...a: number[]) => void log.push(`fillRect ${a.join(',')}`),
    setLineDash: (d: number[]) => void log.push(`setLineDash ${d.join(',')}`),
    measureText: (t: string) => (log.push(`measureText ${t}`), { width: t.length * 7 }),
    createLinearGradient: () => ({ addColorStop() {} }),
    drawImage: () => void log.push('drawImage'),
  };
  return new Proxy(context, {
    set(target, key, value) {
      log.push(`${String(key)}=${value}`);
      return Reflect.set(target, key, value);
    },
  });
}

describe('recordDrawing', () => {
  it('passes every call through and replays the drawing ones, not the reads, up to a mark', () => {
    const real = loggingContext();
    const recording = recordDrawing(real);
    const ctx = recording.context;
    ctx.fillStyle = '#fff';
    const dash = [4, 2];
    ctx.setLineDash(dash);
    dash.push(9); // changed after the call: the replay keeps what was passed
    expect(ctx.measureText('abc').width).toBe(21);
    expect(ctx.canvas).toBe('the canvas');
    ctx.fillRect(0, 0, 10, 5);
    const mark = recording.length;
    ctx.fillRect(1, 1, 1, 1); // after the mark (Chart.js clearing the canvas): not replayed
    expect(real.log).toEqual(['fillStyle=#fff', 'setLineDash 4,2', 'measureText abc', 'fillRect 0,0,10,5', 'fillRect 1,1,1,1']);
    expect(recording.replayable).toBe(true);
    const target = loggingContext();
    recording.replay(target, mark);
    expect(target.log).toEqual(['fillStyle=#fff', 'setLineDash 4,2', 'fillRect 0,0,10,5']);
  });

  it('is not replayable once a gradient, an image or an object value is used', () => {
    for (const draw of [
      (c: any) => c.createLinearGradient(0, 0, 1, 1),
      (c: any) => c.drawImage({}, 0, 0),
      (c: any) => (c.fillStyle = { pattern: true }),
    ]) {
      const recording = recordDrawing(loggingContext());
      draw(recording.context);
      expect(recording.replayable).toBe(false);
    }
  });
});
