package org.myelin.distributed.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** One embedded Spark per test JVM: starting one takes seconds, and Spark allows one context per JVM. */
final class SparkSessionSupport {
    private static SparkSession session;

    private SparkSessionSupport() {}

    /** local[2,4]: two task slots, and a task may fail up to four times (the fault test fails one once). */
    static synchronized SparkSession session() {
        if (session == null) {
            SparkConf conf = new SparkConf().setMaster("local[2,4]").setAppName("myelin-tests")
                    .set("spark.ui.enabled", "false").set("spark.sql.shuffle.partitions", "2");
            session = SparkSession.builder().config(conf).getOrCreate();
        }
        return session;
    }

    static JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(session().sparkContext());
    }
}
