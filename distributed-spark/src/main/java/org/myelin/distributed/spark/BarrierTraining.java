package org.myelin.distributed.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.MyelinException;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Data-parallel training in one Spark barrier stage: Spark launches every worker at once (or none),
 * one task per rank, and relaunches them all when one fails; the gradients travel between the
 * tasks over Myelin's TCP ring, not through Spark. Rank 0's trained weights come back to the driver.
 *
 * <pre>{@code
 * WorkerReport r = BarrierTraining.fit(sc, TrainingPlan.course(2), new TrainingData.Files("mnist", null));
 * }</pre>
 */
public final class BarrierTraining {
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\s*\\d+)?])?");

    private BarrierTraining() {}

    /**
     * Trains on files every node can read: the stage has one empty partition per worker.
     *
     * @param sc   the Spark context
     * @param plan what to train
     * @param data the dataset's files
     * @return rank 0's report, with the weights
     */
    public static WorkerReport fit(JavaSparkContext sc, TrainingPlan plan, TrainingData.Files data) {
        List<LabeledExample> none = List.of();
        List<List<LabeledExample>> slices = new ArrayList<>();
        for (int i = 0; i < plan.workers(); i++) {
            slices.add(none);
        }
        JavaRDD<LabeledExample> empty = sc.parallelize(slices, plan.workers()).flatMap(List::iterator);
        return run(sc, plan, data, empty);
    }

    /**
     * Trains on rows: each of the plan's workers takes one partition (the rows are repartitioned
     * round-robin into as many as the workers, so the shards are of one size).
     *
     * @param rows the examples
     * @param plan what to train
     * @return rank 0's report, with the weights
     */
    public static WorkerReport fit(JavaRDD<LabeledExample> rows, TrainingPlan plan) {
        // Always: a source's own partitions may be of any sizes, and the shortest would be repeated to the longest's length.
        JavaRDD<LabeledExample> shards = rows.repartition(plan.workers());
        return run(JavaSparkContext.fromSparkContext(rows.context()), plan, new TrainingData.Partitions(), shards);
    }

    private static WorkerReport run(JavaSparkContext sc, TrainingPlan plan, TrainingData data, JavaRDD<LabeledExample> rows) {
        checkCluster(sc, plan.workers());
        WorkerTask task = new WorkerTask(plan, data, java.util.UUID.randomUUID().toString());
        // Behind a shuffle, the barrier stage is a map stage, which Spark relaunches when a task fails;
        // a failed barrier result stage it would abort.
        List<WorkerReport> got = barrier(rows, task::run, WorkerReport.class).repartition(1).collect();
        if (got.size() != 1) {
            throw new MyelinException("the barrier stage gave " + got.size() + " reports; rank 0 sends exactly one");
        }
        return got.get(0);
    }

    /**
     * What a barrier stage needs, said up front: with dynamic allocation Spark refuses barrier
     * stages, and with fewer task slots than workers it waits minutes before it gives up.
     */
    static void checkCluster(JavaSparkContext sc, int workers) {
        requireFixedExecutors(sc.getConf());
        int slots = localSlots(sc.master());
        // A cluster's executors may still be registering now, so its slots cannot be counted yet:
        // there, Spark's own check says it (spark.scheduler.barrier.maxConcurrentTasksCheck).
        if (slots >= 0) {
            requireSlots(workers, slots, sc.master());
        }
    }

    static void requireFixedExecutors(SparkConf conf) {
        if (conf.getBoolean("spark.dynamicAllocation.enabled", false)) {
            throw new InvalidArgumentException("spark.dynamicAllocation.enabled is true, and a barrier stage needs its "
                    + "executors fixed; set it to false (--conf spark.dynamicAllocation.enabled=false)");
        }
    }

    static void requireSlots(int workers, int slots, String master) {
        if (workers > slots) {
            throw new InvalidArgumentException(workers + " workers need " + workers + " task slots at once, but " + master
                    + " has " + slots + "; give --workers " + slots + " or fewer, or a larger master (local[" + workers
                    + "], or more executor cores)");
        }
    }

    /** @return the task slots of a local master (local, local[N], local[N,F], local[*]), or -1 for any other */
    static int localSlots(String master) {
        Matcher m = LOCAL.matcher(master.toLowerCase(Locale.ROOT).trim());
        if (!m.matches()) {
            return -1;
        }
        String n = m.group(1);
        return n == null ? 1 : n.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n);
    }

    /** A task's body, as Spark sends it to the executors. */
    @FunctionalInterface
    interface TaskBody<T, R> extends java.io.Serializable {
        java.util.Iterator<R> run(java.util.Iterator<T> rows);
    }

    /**
     * @param rows one partition per task
     * @param body what each task runs, all at once
     * @param type the results' class
     * @return the barrier stage's results (RDDBarrier has only a Scala API)
     */
    static <T, R> JavaRDD<R> barrier(JavaRDD<T> rows, TaskBody<T, R> body, Class<R> type) {
        ClassTag<R> tag = ClassTag$.MODULE$.apply(type);
        RDD<R> out = rows.rdd().barrier().mapPartitions(new TaskFunction<>(body), false, tag);
        return out.toJavaRDD();
    }

    /** The stage's function: Scala's Function1. */
    private static final class TaskFunction<T, R> extends scala.runtime.AbstractFunction1<scala.collection.Iterator<T>,
            scala.collection.Iterator<R>> implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final TaskBody<T, R> body;

        TaskFunction(TaskBody<T, R> body) {
            this.body = body;
        }

        @Override
        public scala.collection.Iterator<R> apply(scala.collection.Iterator<T> rows) {
            return scala.jdk.javaapi.CollectionConverters.asScala(body.run(scala.jdk.javaapi.CollectionConverters.asJava(rows)));
        }
    }
}
