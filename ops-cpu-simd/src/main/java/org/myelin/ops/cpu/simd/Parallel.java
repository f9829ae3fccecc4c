package org.myelin.ops.cpu.simd;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one thread pool of the backend. The calling thread always works too, so the pool holds
 * {@code THREADS - 1} daemon workers. Tasks are claimed from a shared counter: a caller never waits
 * for a task nobody has started (it would run it itself), so a busy or nested pool cannot deadlock.
 * Kernels split work so that each output element is computed by exactly one task in a fixed order,
 * which keeps results independent of which thread ran what.
 */
final class Parallel {
    /** Threads that work on one kernel call, the caller included ({@code -Dmyelin.threads=N}). */
    static final int THREADS;
    private static final ExecutorService POOL;

    static {
        int t = Runtime.getRuntime().availableProcessors();
        String p = System.getProperty("myelin.threads");
        if (p != null) {
            try {
                t = Integer.parseInt(p.trim());
            } catch (NumberFormatException ignored) {
                // keep the processor count: a bad setting must not stop the backend from loading
            }
        }
        THREADS = Math.max(1, t);
        AtomicInteger n = new AtomicInteger();
        POOL = THREADS == 1 ? null : Executors.newFixedThreadPool(THREADS - 1, r -> {
            Thread th = new Thread(r, "myelin-cpu-" + n.incrementAndGet());
            th.setDaemon(true);
            return th;
        });
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
        if (tasks <= 1 || POOL == null) {
            for (int i = 0; i < tasks; i++) {
                body.run(i);
            }
            return;
        }
        Job job = new Job(tasks, body);
        int helpers = Math.min(THREADS - 1, tasks - 1);
        for (int h = 0; h < helpers; h++) {
            POOL.execute(job::work);
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

    private static final class Job {
        private final int tasks;
        private final Body body;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch done;
        private volatile Throwable error;

        Job(int tasks, Body body) {
            this.tasks = tasks;
            this.body = body;
            this.done = new CountDownLatch(tasks);
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
                    done.countDown();
                }
            }
        }

        void await() {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the tasks are already running: wait for them, then restore the flag
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
