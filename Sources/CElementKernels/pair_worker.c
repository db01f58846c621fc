// One persistent worker thread for two-way parallel loops (see pair_worker.h).
//
// Why not Dispatch: `concurrentPerform` hands work to a pool thread that usually sleeps,
// and the wake-up is paid on every product, while half of a 256 × 64 · 64 × 64 product is
// only about 20 µs of work. A worker that spins for a short while after each task is awake
// for the next product of the same step (numbers in NumericsCore's PairWorker.swift).
//
// Protocol. `state` is IDLE, POSTED, TAKEN or DONE. The caller writes (task, context),
// stores POSTED (release) and bumps `generation`, which is what the worker waits on
// (spinning first, then on the condition variable, re-checking under the mutex so that a
// wake-up is never lost). The worker takes the job with a compare-and-swap POSTED → TAKEN
// (acquire), runs part 1 and stores DONE (release). The caller, after its own part 0,
// tries POSTED → IDLE: if that succeeds the worker never started (it is asleep, or
// another program has its core) and the caller runs part 1 itself, so a late worker
// never makes the caller wait; otherwise it waits for DONE.

#include "pair_worker.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <time.h>
#if defined(__x86_64__)
#include <immintrin.h>
#define CPU_RELAX() _mm_pause()
#else
#define CPU_RELAX() ((void)0)
#endif

enum { IDLE, POSTED, TAKEN, DONE };

static pthread_once_t start_once = PTHREAD_ONCE_INIT;
static int started = 0;
static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static atomic_flag busy = ATOMIC_FLAG_INIT;
static _Atomic long generation = 0;
static _Atomic int state = IDLE;
static _Atomic int sleeping = 0;
static _Atomic long handoff_count = 0;
static _Atomic long taken_count = 0;
static _Atomic int worker_enabled = 1;
static pair_worker_task current_task;
static void *current_context;

static long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long)t.tv_sec * 1000000000L + t.tv_nsec;
}

static void *worker_main(void *unused) {
  (void)unused;
  long seen = 0;
  for (;;) {
    // Spin for the next generation, reading the clock every 64 pauses; then sleep.
    long deadline = now_ns() + PAIR_WORKER_SPIN_NS;
    int spins = 0;
    while (atomic_load_explicit(&generation, memory_order_acquire) == seen) {
      CPU_RELAX();
      if (++spins == 64) {
        spins = 0;
        if (now_ns() > deadline) break;
      }
    }
    if (atomic_load(&generation) == seen) {
      pthread_mutex_lock(&mutex);
      atomic_store(&sleeping, 1);
      while (atomic_load(&generation) == seen) pthread_cond_wait(&wake, &mutex);
      atomic_store(&sleeping, 0);
      pthread_mutex_unlock(&mutex);
    }
    seen = atomic_load(&generation);
    int posted = POSTED;
    if (atomic_compare_exchange_strong_explicit(
            &state, &posted, TAKEN, memory_order_acquire, memory_order_relaxed)) {
      current_task(current_context, 1);
      atomic_store_explicit(&state, DONE, memory_order_release);
    }
  }
  return NULL;
}

static void start_worker(void) {
  pthread_t thread;
  pthread_attr_t attributes;
  pthread_attr_init(&attributes);
  pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
  started = pthread_create(&thread, &attributes, worker_main, NULL) == 0;
  pthread_attr_destroy(&attributes);
}

int pair_worker_run(pair_worker_task task, void *context) {
  pthread_once(&start_once, start_worker);
  if (!started || atomic_flag_test_and_set_explicit(&busy, memory_order_acquire)) {
    task(context, 0);
    task(context, 1);
    return 1;
  }
  // No worker reads these while the state is IDLE.
  current_task = task;
  current_context = context;
  atomic_store_explicit(&state, POSTED, memory_order_release);
  // seq_cst: either the worker sees the new generation before it waits, or this thread
  // sees `sleeping` and signals under the mutex.
  atomic_fetch_add(&generation, 1);
  atomic_fetch_add_explicit(&handoff_count, 1, memory_order_relaxed);
  if (atomic_load(&sleeping)) {
    pthread_mutex_lock(&mutex);
    pthread_cond_signal(&wake);
    pthread_mutex_unlock(&mutex);
  }
  task(context, 0);
  int posted = POSTED;
  int ran = 1;
  if (atomic_compare_exchange_strong_explicit(
          &state, &posted, IDLE, memory_order_acq_rel, memory_order_acquire)) {
    task(context, 1);  // the worker did not start: part 1 here
  } else {
    // The worker has part 1; wait for it, yielding the core now and then in case it
    // waits for this one (more runnable threads than cores).
    int spins = 0;
    while (atomic_load_explicit(&state, memory_order_acquire) != DONE) {
      CPU_RELAX();
      if (++spins == 4096) {
        spins = 0;
        sched_yield();
      }
    }
    atomic_store_explicit(&state, IDLE, memory_order_relaxed);
    atomic_fetch_add_explicit(&taken_count, 1, memory_order_relaxed);
    ran = 2;
  }
  atomic_flag_clear_explicit(&busy, memory_order_release);
  return ran;
}

void pair_worker_set_enabled(int enabled) { atomic_store(&worker_enabled, enabled); }

int pair_worker_enabled(void) { return atomic_load(&worker_enabled); }

void pair_worker_counts(long *handoffs, long *taken) {
  *handoffs = atomic_load(&handoff_count);
  *taken = atomic_load(&taken_count);
}
