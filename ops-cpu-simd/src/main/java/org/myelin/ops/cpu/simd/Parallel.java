package org.myelin.ops.cpu.simd;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread pool of the backend. The calling thread always works too, so the pool holds
 * {@code THREADS - 1} daemon workers. Tasks are claimed from a shared counter: a caller never waits
 * for a task nobody has started (it would run it itself), so a busy or nested pool cannot deadlock.
 * Kernels split work so that each output element is computed by exactly one task in a fixed order,
 * which keeps results independent of which thread ran what.
 *
 * <p>A training step calls a split kernel every few tens of microseconds, and waking a parked
 * thread costs about as much on a virtual machine. So, as OpenMP runtimes and OpenBLAS do, a
 * worker that has finished a job keeps polling its mailbox for {@link #SPIN_NANOS} before it
 * parks, and a caller waiting for a task another thread started polls too. Only this one pool
 * ever spins, and only right after work.
 */
final class Parallel {
    /** Threads that work on one kernel call, the caller included ({@code -Dmyelin.threads=N}). */
    static final int THREADS;
    /** How long an idle worker keeps polling before it parks ({@code -Dmyelin.spinMicros}, default 200). */
    static final long SPIN_NANOS;
    private static final Worker[] WORKERS;

    static {
        THREADS = Math.max(1, intProperty("myelin.threads", Runtime.getRuntime().availableProcessors()));
        SPIN_NANOS = 1000L * Math.max(0, intProperty("myelin.spinMicros", 200));
        WORKERS = new Worker[THREADS - 1];
        for (int i = 0; i < WORKERS.length; i++) {
            WORKERS[i] = new Worker("myelin-cpu-" + (i + 1));
            WORKERS[i].start();
        }
    }

    private static int intProperty(String name, int fallback) {
        String p = System.getProperty(name);
        if (p != null) {
            try {
                return Integer.parseInt(p.trim());
            } catch (NumberFormatException ignored) {
                // keep the default: a bad setting must not stop the backend from loading
            }
        }
        return fallback;
    }

    /** A task body: runs task number {@code task}. */
    @FunctionalInterface
    interface Body {
        void run(int task);
    }

    private Parallel() {}

    /**
     * Runs tasks {@code 0 .. tasks-1}, in parallel when there are several, and returns when all are done.
     * The first failure is rethrown in the caller.
     */
    static void forEach(int tasks, Body body) {
        if (tasks <= 1 || WORKERS.length == 0) {
            for (int i = 0; i < tasks; i++) {
                body.run(i);
            }
            return;
        }
        Job job = new Job(tasks, body);
        int helpers = Math.min(WORKERS.length, tasks - 1);
        for (int h = 0; h < helpers; h++) {
            WORKERS[h].offer(job); // a busy worker takes it after its current job, or never: the caller does the rest
        }
        job.work();
        job.await();
        if (job.error != null) {
            if (job.error instanceof RuntimeException e) {
                throw e;
            }
            if (job.error instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(job.error);
        }
    }

    /**
     * @param work  an estimate of the work, in flops or element-operations
     * @param grain the least work worth a task of its own
     * @return how many tasks to split into: 1 below the grain, else up to the thread count
     */
    static int tasksFor(double work, double grain) {
        if (THREADS == 1 || work < 2 * grain) {
            return 1;
        }
        return (int) Math.min(THREADS, work / grain);
    }

    /** A daemon thread with a one-job mailbox. */
    private static final class Worker extends Thread {
        private final AtomicReference<Job> mailbox = new AtomicReference<>();
        private volatile boolean parked;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        void offer(Job job) {
            if (mailbox.compareAndSet(null, job) && parked) {
                LockSupport.unpark(this);
            }
        }

        @Override
        public void run() {
            while (true) {
                next().work();
            }
        }

        private Job next() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (true) {
                // Empty the mailbox on taking the job, not after it, so that a caller offering its next job
                // while this one is still being finished finds the mailbox free and is not left alone.
                Job job = mailbox.getAndSet(null);
                if (job != null) {
                    return job;
                }
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                    continue;
                }
                // offer() writes the mailbox before it reads parked; this writes parked before it reads the
                // mailbox: one of the two sees the other, so a job is never left waiting for a parked worker
                parked = true;
                if (mailbox.get() == null) {
                    LockSupport.park(this);
                }
                parked = false;
                spinUntil = System.nanoTime() + SPIN_NANOS;
            }
        }
    }

    private static final class Job {
        private final int tasks;
        private final Body body;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private volatile Throwable error;

        Job(int tasks, Body body) {
            this.tasks = tasks;
            this.body = body;
        }

        void work() {
            int i;
            while ((i = next.getAndIncrement()) < tasks) {
                try {
                    if (error == null) {
                        body.run(i);
                    }
                } catch (Throwable t) {
                    if (error == null) {
                        error = t;
                    }
                } finally {
                    done.incrementAndGet();
                }
            }
        }

        /** Waits for tasks other threads have started; they are running, so this polls, then yields. */
        void await() {
            int polls = 0;
            while (done.get() < tasks) {
                if (++polls < 20_000) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        }
    }
}
