"""The one timing loop every peer uses (imported from this folder: `from timing import ...`).

A peer's workload is a function of no arguments. `seconds_per_call` warms it up, then
times samples of `calls_per_sample` calls each on the monotonic clock until
`target_seconds` have been spent and at least `minimum_samples` samples exist, and returns
the best sample (what the code costs without interference from other processes) or the
median one, in seconds per call. `Sources/bench` measures our side the same way (best or
median batch), so the two columns of a ratio are the same statistic.

`calls_per_sample=None` picks it from one timed call, so that a sample lasts about 2 ms
(tiny GEMMs would otherwise measure the clock).
"""
import time


def median(values):
    """The middle value (the mean of the two middle ones for an even count)."""
    s = sorted(values)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


def seconds_per_call(fn, target_seconds, *, calls_per_sample=1, warmup=1,
                     minimum_samples=5, statistic="best"):
    """Seconds per call of `fn`: the best (or median) of the timed samples."""
    for _ in range(warmup):
        fn()  # page in, start the library's threads
    if calls_per_sample is None:
        start = time.perf_counter()
        fn()
        once = max(time.perf_counter() - start, 1e-9)
        calls_per_sample = max(1, int(-(-2e-3 // once)))
    samples, spent = [], 0.0
    while spent < target_seconds or len(samples) < minimum_samples:
        start = time.perf_counter()
        for _ in range(calls_per_sample):
            fn()
        elapsed = time.perf_counter() - start
        samples.append(elapsed / calls_per_sample)
        spent += elapsed
    return min(samples) if statistic == "best" else median(samples)


def best_of(fn, target_seconds, calls_per_sample=10):
    """The training-step peers' rule: 3 warm-up calls, samples of `calls_per_sample`
    calls, at least 5 samples, the best one."""
    return seconds_per_call(fn, target_seconds, calls_per_sample=calls_per_sample, warmup=3)


def alternating_rounds(ours, peers, rounds):
    """Times our side and the peers in turn, `rounds` times, and keeps each one's best round.

    `ours` is a function returning our time in ms (one run of `bench`), or None when only
    the peers run (then one round); `peers` maps names to functions returning ms. Side by
    side rounds share the machine's good and bad moments, which on a shared VM swing one
    process's time by up to 2x between half-minutes.

    Returns (best ms by name, the list of rounds as {name: ms}).
    """
    timed = []
    for _ in range(max(1, rounds) if ours else 1):
        times = {"ours": ours()} if ours else {}
        for name, run in peers.items():
            times[name] = run()
        timed.append(times)
    best = {name: min(r[name] for r in timed) for name in timed[0]}
    return best, timed
