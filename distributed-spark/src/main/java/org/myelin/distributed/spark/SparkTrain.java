package org.myelin.distributed.spark;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.launcher.JavaModuleOptions;
import org.apache.spark.sql.SparkSession;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.MyelinException;
import org.myelin.api.Tensor;
import org.myelin.data.DataLoader;
import org.myelin.nn.Module;
import org.myelin.nn.io.SafeTensors;
import org.myelin.nn.loss.CrossEntropyLoss;
import org.myelin.train.Evaluation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code myelin-spark train}: data-parallel training on Apache Spark, in one barrier stage. With no
 * {@code --master} it runs on an embedded {@code local[N]}, with Spark from Maven and nothing to
 * install; on a cluster, give {@code --master spark://HOST:7077}, or {@code spark-submit} this
 * module's job jar with this class as {@code --class}.
 */
@Command(name = "myelin-spark", mixinStandardHelpOptions = true, subcommands = {SparkTrain.Train.class, SparkOverhead.class, SparkTrain.JvmOptions.class},
        description = "Train a Myelin network data-parallel on Apache Spark.")
public final class SparkTrain implements Runnable {
    static final int USER_ERROR = 2;
    static final int RUN_FAILED = 1;
    private static final Pattern MASTER = Pattern.compile(
            "local(\\[(\\*|\\d+)(,\\s*\\d+)?])?|local-cluster\\[\\d+,\\s*\\d+,\\s*\\d+]|spark://.+|yarn|k8s://.+");

    /** @param args the command line */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command without exiting, for tests.
     *
     * @return the exit status: 0, 1 when training failed, 2 for a command given wrongly
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean debug = List.of(args).contains("--debug");
        CommandLine cl = new CommandLine(new SparkTrain());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((e, a) -> {
            err.println("myelin-spark: " + e.getMessage());
            return USER_ERROR;
        });
        cl.setExecutionExceptionHandler((e, c, p) -> {
            Throwable cause = rootCause(e);
            if (e instanceof InvalidArgumentException) {
                err.println("myelin-spark: " + e.getMessage());
            } else if (cause instanceof MyelinException) {
                err.println("myelin-spark: training failed: " + cause.getMessage());
            } else {
                err.println("myelin-spark: training failed: " + cause + (debug ? "" : " (run with --debug for the stack trace)"));
            }
            if (debug) {
                e.printStackTrace(err);
            }
            return e instanceof InvalidArgumentException ? USER_ERROR : RUN_FAILED;
        });
        return cl.execute(args);
    }

    /** A task's failure reaches the driver wrapped in Spark's exceptions, with its message in the last cause. */
    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            if (t instanceof MyelinException && !(t.getCause() instanceof MyelinException)) {
                return t;
            }
            t = t.getCause();
        }
        return t;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Checked before Spark starts: a wrong master or a barrier stage that cannot run is one line, not a wait. */
    static SparkConf sparkConf(String url, List<String> conf, int workers) {
        if (!MASTER.matcher(url).matches()) {
            throw new InvalidArgumentException("--master '" + url + "' is not a Spark master URL; give local[N], "
                    + "spark://HOST:7077, yarn or k8s://HOST:PORT");
        }
        SparkConf c = new SparkConf().setMaster(url).set("spark.ui.showConsoleProgress", "false");
        if (!c.contains("spark.app.name")) {
            c.setAppName("myelin");
        }
        // Spark waits for task slots 15 s a try, 40 tries by default: 45 s is enough to say there are too few.
        c.setIfMissing("spark.scheduler.barrier.maxConcurrentTasksCheck.maxFailures", "3");
        for (String kv : conf) {
            int eq = kv.indexOf('=');
            if (eq < 1) {
                throw new InvalidArgumentException("--conf '" + kv + "' is not KEY=VALUE");
            }
            c.set(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        // Executors are JVMs Spark starts: they need the Vector API and the opens Spark itself asks for.
        String given = c.get("spark.executor.extraJavaOptions", "");
        c.set("spark.executor.extraJavaOptions", (JavaModuleOptions.defaultModuleOptions() + " " + given).trim());
        BarrierTraining.requireFixedExecutors(c);
        int slots = BarrierTraining.localSlots(url);
        if (slots >= 0) {
            BarrierTraining.requireSlots(workers, slots, url);
        }
        return c;
    }

    /** For the myelin-spark script: the JVM options Spark 4.2 asks for, which it must give the driver's JVM. */
    @Command(name = "jvm-options", hidden = true)
    static final class JvmOptions implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().getOut().println(JavaModuleOptions.defaultModuleOptions());
        }
    }

    /** The one subcommand: train, and write the weights on the driver. */
    @Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Train on Spark: one task per worker in a barrier stage, gradients averaged over Myelin's TCP ring.")
    static final class Train implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--workers", defaultValue = "2", description = "Workers, one Spark task each (default: ${DEFAULT-VALUE}).")
        int workers;

        @Option(names = "--master", description = "Spark master URL: local[N], spark://HOST:7077, yarn, k8s://... (default: local[workers]).")
        String master;

        @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting, as spark-submit's --conf; may repeat.")
        List<String> conf = new ArrayList<>();

        @Option(names = "--model", defaultValue = "784-30-10", description = "Layer sizes or a layer spec, as myelin train's (default: ${DEFAULT-VALUE}).")
        String model;

        @Option(names = "--activation", defaultValue = "sigmoid", description = "Activation for the sizes form (default: ${DEFAULT-VALUE}).")
        String activation;

        @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd, adam, adamw or rmsprop (default: ${DEFAULT-VALUE}).")
        String optimizer;

        @Option(names = "--lr", defaultValue = "0.5", description = "Learning rate (default: ${DEFAULT-VALUE}).")
        double lr;

        @Option(names = "--momentum", defaultValue = "0", description = "Momentum for sgd and rmsprop (default: ${DEFAULT-VALUE}).")
        double momentum;

        @Option(names = "--epochs", defaultValue = "3", description = "Passes over the training data (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--batch-size", defaultValue = "10", description = "The global batch, split evenly over the workers (default: ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--seed", defaultValue = "42", description = "Seed for initialisation and shuffling (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--dataset", defaultValue = "mnist", description = "mnist or fashion-mnist, from files every node reads (default: ${DEFAULT-VALUE}).")
        String dataset;

        @Option(names = "--data", paramLabel = "DIR", description = "The dataset cache folder on every node (default: $MYELIN_DATA, else ~/.cache/myelin/datasets).")
        String dataDir;

        @Option(names = "--parquet", paramLabel = "PATH", description = "Train on this Parquet data instead: a features column (vector or array) and a label column; each worker takes one partition.")
        String parquet;

        @Option(names = "--save", paramLabel = "FILE", description = "Write the trained weights here (safetensors, for myelin eval and predict), atomically.")
        Path save;

        @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Where rank 0 writes its resumable checkpoint, a folder every executor sees; a relaunched stage resumes from it.")
        String checkpointDir;

        @Option(names = "--checkpoint-every", paramLabel = "STEPS", defaultValue = "0", description = "A checkpoint every STEPS steps as well as each epoch (default: each epoch only).")
        long checkpointEvery;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", description = "The longest any wait for another worker lasts (default: ${DEFAULT-VALUE}).")
        int timeout;

        @Option(names = "--debug", description = "Print stack traces on errors.")
        boolean debug;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            TrainingPlan plan = new TrainingPlan(model, activation, optimizer, lr, momentum, epochs, batchSize, seed, workers,
                    checkpointDir, checkpointEvery, timeout, 0);
            plan.check();
            // spark-submit gives its --master as this property; a master set on the SparkConf would override it.
            String url = master != null ? master.trim() : System.getProperty("spark.master", "local[" + workers + "]");
            SparkConf sparkConf = SparkTrain.sparkConf(url, conf, workers);
            TrainingData.Files files = parquet == null ? new TrainingData.Files(dataset.toLowerCase(Locale.ROOT), dataDir) : null;
            if (save != null && save.toAbsolutePath().getParent() != null && !Files.isDirectory(save.toAbsolutePath().getParent())) {
                throw new InvalidArgumentException("--save " + save + ": the folder " + save.toAbsolutePath().getParent()
                        + " does not exist; create it or choose another");
            }
            if (checkpointDir != null) {
                try {
                    Files.createDirectories(Path.of(checkpointDir));
                } catch (java.io.IOException e) {
                    throw new InvalidArgumentException("--checkpoint-dir " + checkpointDir + " cannot be created: " + e.getMessage());
                }
            }
            long started = System.nanoTime();
            SparkSession session = SparkSession.builder().config(sparkConf).getOrCreate();
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.sparkContext());
            double startup = (System.nanoTime() - started) / 1e9;
            out.printf("training %s on Spark %s (%s), %d workers, batch %d (%d each), %s lr %s, %d epochs%n", model,
                    sc.version(), sc.master(), workers, batchSize, batchSize / workers, optimizer, lr, epochs);
            WorkerReport report = files != null ? BarrierTraining.fit(sc, plan, files)
                    : BarrierTraining.fit(FeatureColumns.examples(session.read().parquet(parquet), "features", "label"), plan);
            double total = (System.nanoTime() - started) / 1e9;
            Map<String, Tensor> weights = WeightBytes.tensors(report.weights(), "rank 0's report");
            out.printf("trained %d steps in %.1f s (Spark start-up %.1f s, stage and rendezvous %.1f s)%s%n", report.steps(),
                    report.trainSeconds(), startup, total - startup - report.trainSeconds(),
                    report.stageAttempt() == 0 ? "" : "; stage attempt " + report.stageAttempt() + " resumed at step "
                            + report.resumedAtStep());
            if (files != null) {
                Module net = plan.newModel();
                net.loadStateDict(weights);
                var eval = Evaluation.of(net, new DataLoader(files.load(false), 1000), new CrossEntropyLoss());
                out.printf(Locale.ROOT, "test accuracy %.2f%%%n", 100 * eval.accuracy());
            }
            if (save != null) {
                Map<String, String> meta = new LinkedHashMap<>();
                meta.put("format", "myelin");
                meta.put("model", model);
                meta.put("activation", activation);
                if (files != null) {
                    meta.put("dataset", files.dataset());
                } else {
                    meta.put("source", parquet);
                }
                SafeTensors.save(save, weights, meta);
                out.println("saved " + save);
            }
            return 0;
        }
    }
}
