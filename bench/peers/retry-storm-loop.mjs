// The retry-storm model of bench/peers/retry-storm-84h.yaml as a plain loop: the equations of
// `capacity`, `open-clients` and `service-queue` written out over scalars, deterministic, with
// the incident's parameters and events written in. It is the floor the engine's step is
// measured against (peers.bench.mjs checks it gives the engine's curve to the bit first).

/** Series in the order of the kind: goodput, errorPercent, queue, wait, retryLoad, attempts, capacity. */
export function retryStormLoop(columns, steps = 84 * 60 + 1) {
  const dt = 1;
  const pm = 1 / dt;
  const [goodput, errorPercent, queueOut, waitOut, retryLoad, attemptsOut, capacityOut] = columns;
  let cap = 1000;
  let lost = 0;
  let incoming = 0;
  let succeeded = 0;
  let failed = 0;
  let queue = 0;
  // Retries due by level (2 levels: maxAttempts 3) in a ring of 2 slots (no backoff).
  const due = new Float64Array(4);
  let dueNow0 = 0;
  let dueNow1 = 0;
  let slot = 0;
  let waiting = 0;
  let gaveUp = 0;
  let sentFresh = 0;
  let sentAny = false;
  let capEnds = Infinity;
  let triggered = false;
  let added = false;
  let rampLeft = 0;
  let rampRate = 0;
  let fGood = 0;
  let fTimedOut = 0;
  let fOffered = 0;
  let fRetries = 0;
  let fAttempts = 0;
  const take = (amount, have) => (amount > 0 ? (amount > have ? (have > 0 ? have : 0) : amount) : 0);
  for (let i = 0; i < steps; i++) {
    const t = i * dt;
    if (!triggered && 120 <= t + 1e-9) {
      triggered = true;
      const moved = take(1000 * 0.5, cap);
      cap -= moved;
      lost += moved;
      capEnds = t + 15;
    }
    if (!added && 4200 <= t + 1e-9) {
      added = true;
      rampLeft = 10000;
      rampRate = 10000 / 60;
    }
    goodput[i] = fGood * pm;
    // A series' division by zero is 0 (series-program.ts: divideOrZero).
    errorPercent[i] = div(100 * (0 * pm + fTimedOut * pm), fOffered * pm);
    queueOut[i] = queue;
    waitOut[i] = div(queue, cap);
    retryLoad[i] = fRetries * pm;
    attemptsOut[i] = fAttempts * pm;
    capacityOut[i] = cap;
    if (i === steps - 1) break;
    fGood = fTimedOut = fOffered = fRetries = fAttempts = 0;
    // capacity
    if (t >= capEnds - 1e-9) {
      const moved = take(lost, lost);
      lost -= moved;
      cap += moved;
      capEnds = Infinity;
    }
    if (rampLeft > 0 || rampRate > 0) {
      const amount = Math.min(rampLeft, rampRate * dt);
      rampLeft -= amount;
      if (amount > 0) cap += amount;
    }
    // open-clients
    const good = succeeded;
    const bad = failed;
    if (sentAny) {
      const failFraction = good + bad > 0 ? bad / (good + bad) : 0;
      const f = Math.min(1, Math.max(0, failFraction));
      const failed1 = dueNow1 * f;
      dueNow1 = 0;
      if (failed1 !== 0) gaveUp += failed1;
      const failed0 = dueNow0 * f;
      dueNow0 = 0;
      if (failed0 !== 0) {
        due[2 + ((slot + 1) % 2)] += failed0;
        waiting += failed0;
      }
      const first = Math.max(0, sentFresh * failFraction);
      if (first > 0) {
        due[(slot + 1) % 2] += first;
        waiting += first;
      }
      slot = (slot + 1) % 2;
    }
    succeeded -= take(good, succeeded);
    failed -= take(bad, failed);
    const fresh = Math.max(0, 700) * dt;
    const d0 = due[slot];
    due[slot] = 0;
    dueNow0 = d0;
    const d1 = due[2 + slot];
    due[2 + slot] = 0;
    dueNow1 = d1;
    const retries = 0 + d0 + d1;
    waiting -= retries;
    if (waiting < 1e-9 * (retries + 1)) waiting = Math.max(0, waiting);
    if (fresh > 0) incoming += fresh;
    if (retries > 0) {
      incoming += retries;
      fRetries += retries;
    }
    fAttempts += fresh + retries;
    sentFresh = fresh;
    sentAny = true;
    // service-queue
    const capacity = Math.max(0, cap);
    const attempts = Math.max(0, incoming);
    const q0 = queue;
    const serveable = capacity * dt;
    const admitted = attempts;
    const q1 = Math.max(0, q0 + admitted - serveable);
    const timedOutFraction = admitted === 0 ? 0 : capacity > 0 ? fractionAbove(q0 / capacity, q1 / capacity, 0.5) : 1;
    const timedOut = admitted * timedOutFraction;
    const goodNow = admitted - timedOut;
    fOffered += attempts;
    let moved = take(timedOut, incoming);
    incoming -= moved;
    failed += moved;
    fTimedOut += moved;
    moved = take(goodNow, incoming);
    incoming -= moved;
    succeeded += moved;
    fGood += moved;
    if (admitted > 0) queue += admitted;
    queue -= take(Math.min(queue, serveable), queue);
  }
  // Rates over a step: the first sample repeats the second.
  for (const c of [goodput, errorPercent, retryLoad, attemptsOut]) c[0] = c[1];
  return gaveUp + waiting;
}

const div = (a, b) => (b === 0 ? 0 : a / b);

function fractionAbove(w0, w1, limit) {
  if (w0 <= limit && w1 <= limit) return 0;
  if (w0 > limit && w1 > limit) return 1;
  if (!Number.isFinite(w0) || !Number.isFinite(w1)) return 1;
  return w1 > w0 ? (w1 - limit) / (w1 - w0) : (w0 - limit) / (w0 - w1);
}
