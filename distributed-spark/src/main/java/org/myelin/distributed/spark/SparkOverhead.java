package org.myelin.distributed.spark;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code myelin-spark overhead}: what Spark itself costs a run on this master, with no training:
 * starting the session, then barrier stages of one task per worker that do nothing but the
 * rendezvous's one {@code allGather}. Prints {@code spark startup_seconds=...} and one
 * {@code barrier_stage seconds=...} per stage (the first pays for class loading and the executors' warm-up).
 */
@Command(name = "overhead", mixinStandardHelpOptions = true,
        description = "Measure Spark's start-up and a barrier stage's launch and rendezvous on this master, without training.")
final class SparkOverhead implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--workers", defaultValue = "2", description = "Tasks per barrier stage (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--master", description = "Spark master URL (default: local[workers]).")
    String master;

    @Option(names = "--stages", defaultValue = "4", description = "Barrier stages to time (default: ${DEFAULT-VALUE}).")
    int stages;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String url = master != null ? master.trim() : System.getProperty("spark.master", "local[" + workers + "]");
        SparkConf conf = SparkTrain.sparkConf(url, List.of(), workers);
        long t0 = System.nanoTime();
        SparkSession session = SparkSession.builder().config(conf).getOrCreate();
        try {
            return measure(out, session, t0);
        } finally {
            session.stop();
        }
    }

    private int measure(PrintWriter out, SparkSession session, long t0) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.sparkContext());
        out.printf(Locale.ROOT, "spark master=%s startup_seconds=%.3f%n", sc.master(), (System.nanoTime() - t0) / 1e9);
        BarrierTraining.checkCluster(sc, workers);
        List<Integer> ranks = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            ranks.add(i);
        }
        for (int s = 0; s < stages; s++) {
            long t = System.nanoTime();
            List<Integer> met = BarrierTraining.barrier(sc.parallelize(ranks, workers), rows -> {
                BarrierTaskContext ctx = BarrierTaskContext.get();
                String[] all = ctx.allGather("task " + ctx.partitionId());
                return List.of(all.length).iterator();
            }, Integer.class).collect();
            out.printf(Locale.ROOT, "barrier_stage workers=%d tasks_met=%d seconds=%.3f%n", workers, met.get(0),
                    (System.nanoTime() - t) / 1e9);
        }
        return 0;
    }
}
