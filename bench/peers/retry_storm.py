"""The retry-storm model of incident-replay ported to Python with numpy, vectorised over seeds,
for the side-by-side benchmark (bench/peers/peers.bench.mjs). It replays
bench/peers/retry-storm-84h.yaml: the same equations, in the same order, as the composition of
`capacity`, `open-clients` and `service-queue` (src/model/kinds/retry-storm.ts), with that
incident's parameters and events written in (the port reads no YAML: a peer that had to parse
it would measure a YAML parser).

    python3 retry_storm.py                 deterministic: prints the series as JSON
    python3 retry_storm.py SEEDS [SEED]    Monte Carlo: every seed advanced together a chunk of
                                           steps at a time, each step reduced to the 10th, 50th
                                           and 90th percentiles (type 7, numpy's default, as ours);
                                           prints the peak of each median

Arrivals are Poisson draws from numpy's generator, not our per-variable streams, so Monte
Carlo bands agree with ours within sampling error, not to the bit.
"""
import json
import sys

import numpy as np

# The incident (bench/peers/retry-storm-84h.yaml), minutes from its start.
MINUTES = 84 * 60
DT = 1.0
CAPACITY = 1000.0
LOAD = 700.0
TIMEOUT = 0.5
MAX_ATTEMPTS = 3
TRIGGER_AT, TRIGGER_FACTOR, TRIGGER_FOR = 120.0, 0.5, 15.0
ADD_AT, ADD_AMOUNT, ADD_OVER = 4200.0, 10000.0, 60.0
SERIES = ["goodput", "errorPercent", "queue", "wait", "retryLoad", "attempts", "capacity"]
# Rates over a step have no value before the first step: their first sample repeats the second.
BACKFILL = ["goodput", "errorPercent", "retryLoad", "attempts"]
QUANTILES = [0.1, 0.5, 0.9]
CHUNK = 128


def fraction_above(w0, w1, limit):
    """Share of a wait moving linearly from w0 to w1 spent above `limit` (service-queue.ts)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        crossing = np.where(w1 > w0, (w1 - limit) / (w1 - w0), (w0 - limit) / (w0 - w1))
    both_below = (w0 <= limit) & (w1 <= limit)
    both_above = (w0 > limit) & (w1 > limit)
    infinite = ~np.isfinite(w0) | ~np.isfinite(w1)
    return np.where(both_below, 0.0, np.where(both_above | infinite, 1.0, crossing))


def clamp_move(amount, have):
    """What `move` moves out of a stock that is not a source: at most what it holds, nothing for amount ≤ 0."""
    return np.where(amount > 0, np.minimum(amount, np.maximum(have, 0.0)), 0.0)


def run(seeds, rng, emit):
    """Advance `seeds` runs (rng None: one deterministic run) and call emit(step, series) per sample."""
    n = 1 if rng is None else seeds
    z = lambda: np.zeros(n)
    cap, lost = np.full(n, CAPACITY), z()
    incoming, succeeded, failed, queue = z(), z(), z(), z()
    # open-clients: retries due by level (maxAttempts − 1 levels) in a ring of 2 slots (no backoff).
    levels, ring = MAX_ATTEMPTS - 1, 2
    due = np.zeros((levels * ring, n))
    due_now = np.zeros((levels, n))
    slot = 0
    waiting, gave_up, retried, sent_fresh = z(), z(), z(), z()
    sent_any = False
    cap_ends, clients_ends = np.inf, np.inf
    ramp = None
    flows = {k: z() for k in ("good", "timedOut", "shed", "offered", "retries", "attempts")}
    triggered = added = False
    steps = int(MINUTES / DT) + 1
    for i in range(steps):
        t = i * DT
        if not triggered and TRIGGER_AT <= t + 1e-9:
            triggered = True
            moved = clamp_move(np.full(n, CAPACITY * max(0.0, 1 - TRIGGER_FACTOR)), cap)
            cap -= moved
            lost += moved
            cap_ends = clients_ends = t + TRIGGER_FOR
        if not added and ADD_AT <= t + 1e-9:
            added = True
            ramp = [ADD_AMOUNT, ADD_AMOUNT / ADD_OVER]
        # Record: flows per minute of the last step, stocks now.
        # A series' division by zero is 0 (series-program.ts: divideOrZero).
        with np.errstate(divide="ignore", invalid="ignore"):
            offered = flows["offered"] * (1 / DT)
            emit(i, {
                "goodput": flows["good"] * (1 / DT),
                "errorPercent": np.where(offered == 0, 0.0, 100 * (flows["shed"] * (1 / DT) + flows["timedOut"] * (1 / DT)) / offered),
                "queue": queue.copy(),
                "wait": np.where(cap == 0, 0.0, queue / cap),
                "retryLoad": flows["retries"] * (1 / DT),
                "attempts": flows["attempts"] * (1 / DT),
                "capacity": cap.copy(),
            })
        if i == steps - 1:
            break
        for f in flows.values():
            f.fill(0.0)
        # capacity: a timed trigger ends, ramps add capacity.
        if t >= cap_ends - 1e-9:
            moved = clamp_move(lost, lost)
            lost -= moved
            cap += moved
            cap_ends = np.inf
        if ramp is not None:
            amount = min(ramp[0], ramp[1] * DT)
            ramp[0] -= amount
            if amount > 0:
                cap += amount
        # open-clients: settle last step's attempts, collect, send new requests and retries due.
        if t >= clients_ends - 1e-9:
            clients_ends = np.inf
        good, bad = succeeded.copy(), failed.copy()
        if sent_any:
            with np.errstate(divide="ignore", invalid="ignore"):
                fail_fraction = np.where(good + bad > 0, bad / (good + bad), 0.0)
            f = np.minimum(1.0, np.maximum(0.0, fail_fraction))
            for level in range(levels - 1, -1, -1):
                lost_level = due_now[level] * f
                due_now[level] = 0.0
                if level + 1 < levels:
                    due[(level + 1) * ring + (slot + 1) % ring] += lost_level
                    waiting += lost_level
                else:
                    gave_up += lost_level
            first = np.maximum(0.0, sent_fresh * fail_fraction)
            due[(slot + 1) % ring] += first
            waiting += first
            slot = (slot + 1) % ring
        succeeded -= clamp_move(good, succeeded)
        failed -= clamp_move(bad, failed)
        expected = max(0.0, LOAD) * DT
        fresh = np.full(n, expected) if rng is None else rng.poisson(expected, n).astype(np.float64)
        total = np.zeros(n)
        for level in range(levels):
            d = due[level * ring + slot].copy()
            due[level * ring + slot] = 0.0
            due_now[level] = d
            total += d
        waiting -= total
        waiting = np.where(waiting < 1e-9 * (total + 1), np.maximum(0.0, waiting), waiting)
        retried += total
        incoming += np.where(fresh > 0, fresh, 0.0)
        flows["fresh"] = np.where(fresh > 0, fresh, 0.0)
        incoming += np.where(total > 0, total, 0.0)
        flows["retries"] += np.where(total > 0, total, 0.0)
        flows["attempts"] += fresh + total
        sent_fresh = fresh
        sent_any = True
        # service-queue: a FIFO queue; what would wait past the timeout times out.
        capacity = np.maximum(0.0, cap)
        attempts = np.maximum(0.0, incoming)
        q0 = queue.copy()
        serveable = capacity * DT
        admitted = attempts
        q1 = np.maximum(0.0, q0 + admitted - serveable)
        with np.errstate(divide="ignore", invalid="ignore"):
            timed_out_fraction = np.where(admitted == 0, 0.0, np.where(capacity > 0, fraction_above(q0 / capacity, q1 / capacity, TIMEOUT), 1.0))
        timed_out = admitted * timed_out_fraction
        good = admitted - timed_out
        flows["offered"] += attempts
        moved = clamp_move(timed_out, incoming)
        incoming -= moved
        failed += moved
        flows["timedOut"] += moved
        moved = clamp_move(good, incoming)
        incoming -= moved
        succeeded += moved
        flows["good"] += moved
        queue += np.where(admitted > 0, admitted, 0.0)
        queue -= clamp_move(np.minimum(queue, serveable), queue)


def deterministic():
    out = {name: [] for name in SERIES}
    run(1, None, lambda i, s: [out[name].append(float(s[name][0])) for name in SERIES])
    for name in BACKFILL:
        out[name][0] = out[name][1]
    json.dump(out, sys.stdout)


def monte_carlo(seeds, seed):
    rng = np.random.default_rng(seed)
    steps = int(MINUTES / DT) + 1
    reduced = {name: np.empty((len(QUANTILES), steps)) for name in SERIES}
    chunk = {name: np.empty((CHUNK, seeds)) for name in SERIES}
    state = {"from": 0}

    def reduce(upto):
        start = state["from"]
        for name in SERIES:
            reduced[name][:, start:upto] = np.quantile(chunk[name][: upto - start], QUANTILES, axis=1)
        state["from"] = upto

    def emit(i, series):
        for name in SERIES:
            chunk[name][i - state["from"]] = series[name]
        if i + 1 - state["from"] == CHUNK or i == steps - 1:
            reduce(i + 1)

    run(seeds, rng, emit)
    for name in BACKFILL:
        reduced[name][:, 0] = reduced[name][:, 1]
    peaks = {name: float(np.nanmax(reduced[name][1])) for name in SERIES}
    print(json.dumps({"seeds": seeds, "medianPeak": peaks, "median": {name: reduced[name][1].tolist() for name in ("queue",)}}))


if __name__ == "__main__":
    if len(sys.argv) > 1:
        monte_carlo(int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    else:
        deterministic()
