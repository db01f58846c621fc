#ifndef PAIR_WORKER_H
#define PAIR_WORKER_H

/// A task run by two threads at once: `task(context, 0)` on the caller and
/// `task(context, 1)` on the pair worker.
typedef void (*pair_worker_task)(void *context, int thread);

/// Runs `task(context, 0)` on the calling thread and `task(context, 1)` on one persistent
/// worker thread, and returns when both have returned.
///
/// The worker is started on first use. After a task it spins for up to
/// `PAIR_WORKER_SPIN_NS` nanoseconds (pause instructions, a clock read every 64) waiting
/// for the next one, then sleeps on a condition variable: the back-to-back products of one
/// training step find it awake (a hand-off costs well under a microsecond), an idle
/// program costs nothing after that. If the worker has not started part 1 when the caller
/// is done with part 0 (asleep, or its core busy with another program), the caller takes
/// part 1 back and runs it itself: a late worker never makes the caller wait.
/// When the worker is already taken (another thread is
/// inside `pair_worker_run`, or a task calls it again), both parts run on the caller, one
/// after the other: callers must not depend on the two parts running at the same time.
/// Returns 2 if the worker ran part 1, 1 if the caller ran both parts.
int pair_worker_run(pair_worker_task task, void *context);

/// How long the worker spins after a task before it sleeps: 200 µs.
#define PAIR_WORKER_SPIN_NS 200000L

/// Whether `runOnPair` (NumericsCore) uses this worker (1, the default) or Dispatch (0):
/// for `bench`'s same-process comparisons.
void pair_worker_set_enabled(int enabled);
int pair_worker_enabled(void);

/// Jobs offered to the worker, and how many of them it ran (for tests and `bench`).
void pair_worker_counts(long *handoffs, long *taken);

#endif
