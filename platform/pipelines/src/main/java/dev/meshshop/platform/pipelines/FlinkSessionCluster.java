package dev.meshshop.platform.pipelines;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint;
import org.apache.flink.runtime.taskexecutor.TaskManagerRunner;

/**
 * A Flink session cluster's processes, run from the Flink runtime the mesh's Beam runner already brings, so that
 * the cluster has Beam, Flink and the mesh's libraries at the versions the domains submit with (ADR 30). The first
 * argument names the process, the others are Flink's own: {@code --configDir <folder>} (its flink-conf.yaml) and
 * {@code -D key=value} settings.
 *
 * <ul>
 *   <li>{@code jobmanager}: the cluster's JobManager, with its REST API (jobs, task managers; no web UI);
 *   <li>{@code taskmanager}: a TaskManager. Its memory is derived from {@code taskmanager.memory.process.size} as
 *       Flink's start scripts derive it; the JVM's own heap should be at least the derived heap sizes, which the
 *       TaskManager logs at start.
 * </ul>
 *
 * docker-compose.scale.yml runs the cluster from the mesh's image this way; users with a registry may run the
 * official Flink image of the runner's version instead.
 */
public final class FlinkSessionCluster {

    /** The logging of a cluster process: Flink at INFO, without Spring Boot's configuration. */
    static final String LOGGING = "dev/meshshop/platform/pipelines/flink-cluster-logback.xml";

    private FlinkSessionCluster() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException(usage("no process named"));
        }
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGGING);
        }
        String[] flink = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "jobmanager" -> StandaloneSessionClusterEntrypoint.main(flink);
            case "taskmanager" -> TaskManagerRunner.main(withDerivedMemory(flink));
            default -> throw new IllegalArgumentException(usage("unknown process '" + args[0] + "'"));
        }
    }

    /**
     * {@code args} with the TaskManager's memory sizes, derived from its configuration as Flink's start scripts
     * derive them (a TaskManager refuses to start without them).
     */
    static String[] withDerivedMemory(String[] args) throws Exception {
        var config = TaskManagerRunner.loadConfiguration(args);
        var spec = TaskExecutorProcessUtils.processSpecFromConfig(
                TaskExecutorProcessUtils.getConfigurationMapLegacyTaskManagerHeapSizeToConfigOption(
                        config, TaskManagerOptions.TOTAL_PROCESS_MEMORY));
        List<String> all = new ArrayList<>(Arrays.asList(args));
        for (String token :
                TaskExecutorProcessUtils.generateDynamicConfigsStr(spec).trim().split("\\s+")) {
            if (!token.isEmpty()) {
                all.add(token);
            }
        }
        return all.toArray(String[]::new);
    }

    private static String usage(String problem) {
        return "A Flink session cluster process: " + problem + "; name jobmanager or taskmanager, then Flink's"
                + " arguments, such as: taskmanager --configDir /flink-conf -D jobmanager.rpc.address=jobmanager";
    }
}
