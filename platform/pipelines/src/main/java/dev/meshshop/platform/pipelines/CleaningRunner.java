package dev.meshshop.platform.pipelines;

import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Where cleaning pipelines run. {@link #flinkLocal} runs them on an in-process Flink cluster, the default for
 * real runs. Beam's direct runner is for small test inputs only (it slows down badly on grouping over many keys):
 * {@link #direct} with its checks that no step mutates its input or depends on encoding, for the tests of the steps
 * and of the cleaning stage; {@link #directWithoutChecks} without them, about twice as fast, for tests of the whole
 * mesh ({@code mesh.runner=direct}), whose steps those tests have checked. To run on a Flink cluster, pass its address
 * as {@code flinkMaster}: each job then ships only the mesh's own classes (docs/adr/0030). See docs/adr/0002.
 */
public record CleaningRunner(Kind kind, String flinkMaster, int parallelism) {

    static final long MAX_BUNDLE_SIZE = 100_000;

    public enum Kind {
        FLINK,
        /** The direct runner with its checks on. */
        DIRECT,
        /** The direct runner with its checks off. */
        DIRECT_WITHOUT_CHECKS
    }

    public CleaningRunner {
        if (parallelism < 1) {
            throw new IllegalArgumentException("Pipeline parallelism must be at least 1, was " + parallelism);
        }
    }

    /** Flink in this JVM, one task slot per core. */
    public static CleaningRunner flinkLocal() {
        return new CleaningRunner(Kind.FLINK, "[local]", Runtime.getRuntime().availableProcessors());
    }

    /** Beam's direct runner, checking that no step mutates its input or depends on encoding. */
    public static CleaningRunner direct() {
        return new CleaningRunner(Kind.DIRECT, null, 1);
    }

    /** Beam's direct runner without its checks: what {@code mesh.runner=direct} runs. */
    public static CleaningRunner directWithoutChecks() {
        return new CleaningRunner(Kind.DIRECT_WITHOUT_CHECKS, null, 1);
    }

    /**
     * Parses {@code flink}, {@code direct} or {@code flink:<host:port>}, optionally with the task slots a cleaning
     * uses on the cluster, {@code flink:<host:port>?parallelism=4} (else one per core of this process's machine).
     */
    public static CleaningRunner parse(String text) {
        if (text.equals("direct")) {
            return directWithoutChecks();
        }
        if (text.equals("flink")) {
            return flinkLocal();
        }
        if (text.startsWith("flink:")) {
            String master = text.substring("flink:".length());
            int parallelism = Runtime.getRuntime().availableProcessors();
            int query = master.indexOf("?parallelism=");
            if (query >= 0) {
                String value = master.substring(query + "?parallelism=".length());
                master = master.substring(0, query);
                try {
                    parallelism = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("The parallelism of pipeline runner '" + text + "' is '" + value
                            + "'; give the number of task slots a cleaning may use, such as ?parallelism=4");
                }
            }
            if (master.isBlank()) {
                throw new IllegalArgumentException("Pipeline runner '" + text
                        + "' names no cluster; use flink:<host:port>, such as" + " flink:jobmanager:8081");
            }
            return new CleaningRunner(Kind.FLINK, master, parallelism);
        }
        throw new IllegalArgumentException("Unknown pipeline runner '" + text + "'; use flink (in-process),"
                + " flink:<host:port>[?parallelism=N] or direct (tests)");
    }

    PipelineOptions options(String jobName) {
        if (kind != Kind.FLINK) {
            var options = PipelineOptionsFactory.as(DirectOptions.class);
            options.setRunner(DirectRunner.class);
            options.setJobName(jobName);
            boolean checks = kind == Kind.DIRECT;
            options.setEnforceImmutability(checks);
            options.setEnforceEncodability(checks);
            return options;
        }
        var options = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
        options.setRunner(FlinkRunner.class);
        options.setJobName(jobName);
        options.setFlinkMaster(flinkMaster);
        options.setParallelism(parallelism);
        // Our steps never mutate their inputs, so Flink may pass objects between chained steps without copies.
        options.setObjectReuse(true);
        options.setFasterCopy(true);
        // Larger bundles than Flink's default of 1,000 elements: each bundle costs a temporary file per
        // output in TextIO's writes and a round of start/finish calls in every step (about 14% at a million).
        options.setMaxBundleSize(MAX_BUNDLE_SIZE);
        if (flinkMaster.equals("[local]")) {
            options.setFlinkConfDir(LocalFlinkConfig.directory().toString());
        } else {
            // a cluster has Beam and Flink on its own class path: ship only the mesh's classes with each job, not
            // the whole class path (hundreds of megabytes) Beam would stage otherwise
            options.setFilesToStage(ProjectJars.onClassPath());
        }
        return options;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case DIRECT -> "direct, checked";
            case DIRECT_WITHOUT_CHECKS -> "direct";
            case FLINK -> "flink " + flinkMaster + " x" + parallelism;
        };
    }
}
