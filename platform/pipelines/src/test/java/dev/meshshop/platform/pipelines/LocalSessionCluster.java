package dev.meshshop.platform.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Flink session cluster on this machine, a JobManager and a TaskManager each in a process of its own, started
 * with {@link FlinkSessionCluster} on this JVM's class path, as docker-compose.scale.yml starts them from the mesh's
 * image. Jobs reach it only through its REST API, as from a domain's container.
 */
final class LocalSessionCluster implements AutoCloseable {

    static final Duration START = Duration.ofMinutes(2);
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path dir;
    private final int restPort;
    private final List<Process> processes = new ArrayList<>();

    private LocalSessionCluster(Path dir, int restPort) {
        this.dir = dir;
        this.restPort = restPort;
    }

    /** Starts a JobManager and a TaskManager of two slots, keeping their configuration and logs in {@code dir}. */
    static LocalSessionCluster start(Path dir) throws IOException, InterruptedException {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        int rest = freePort();
        Files.writeString(
                conf.resolve("flink-conf.yaml"),
                String.join(
                        "\n",
                        "jobmanager.rpc.address: localhost",
                        "jobmanager.rpc.port: " + freePort(),
                        "jobmanager.bind-host: localhost",
                        "rest.address: localhost",
                        "rest.bind-address: localhost",
                        "rest.port: " + rest,
                        "taskmanager.host: localhost",
                        "taskmanager.bind-host: localhost",
                        "taskmanager.numberOfTaskSlots: 2",
                        "taskmanager.memory.process.size: 1400m",
                        // as docker/flink/conf/flink-conf.yaml: a cleaning writes many blocking results at once
                        "taskmanager.memory.network.min: 128m",
                        "taskmanager.memory.network.max: 128m",
                        "taskmanager.network.sort-shuffle.min-buffers: 64",
                        // a busy build machine may keep a TaskManager from answering within the default 10 s
                        "pekko.ask.timeout: 60 s",
                        "io.tmp.dirs: " + tmp,
                        ""));
        var cluster = new LocalSessionCluster(dir, rest);
        try {
            cluster.launch("jobmanager", "-Xmx384m", conf);
            cluster.launch("taskmanager", "-Xmx512m", conf);
            cluster.awaitTaskManager();
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** The JobManager's REST address, as {@code mesh.runner=flink:<host:port>} names it. */
    String address() {
        return "localhost:" + restPort;
    }

    /** The jobs the cluster knows, as its REST API lists them: name and state. */
    List<String> jobs() throws IOException, InterruptedException {
        var jobs = new ArrayList<String>();
        for (JsonNode job : get("/jobs/overview").path("jobs")) {
            jobs.add(job.path("name").asText() + " " + job.path("state").asText());
        }
        return jobs;
    }

    private void launch(String process, String heap, Path conf) throws IOException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(heap);
        // the module openings Flink needs on Java 17, as this JVM has them
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("--add-opens"))
                .forEach(command::add);
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                FlinkSessionCluster.class.getName(),
                process,
                "--configDir",
                conf.toString()));
        processes.add(new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(process + ".log").toFile())
                .start());
    }

    private void awaitTaskManager() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            for (var process : processes) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "A cluster process ended with " + process.exitValue() + "; " + logs());
                }
            }
            try {
                if (get("/overview").path("taskmanagers").asInt() >= 1) {
                    return;
                }
            } catch (IOException notYet) {
                // the REST endpoint is not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("No TaskManager registered within " + START + "; " + logs());
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        var response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://" + address() + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private String logs() {
        var text = new StringBuilder("the logs are in ").append(dir);
        for (String process : List.of("jobmanager", "taskmanager")) {
            try {
                var lines = Files.readAllLines(dir.resolve(process + ".log"));
                text.append("\n--- the end of ")
                        .append(process)
                        .append(".log:\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
            } catch (IOException e) {
                text.append("\n(")
                        .append(process)
                        .append(".log unreadable: ")
                        .append(e.getMessage())
                        .append(')');
            }
        }
        return text.toString();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (var process : processes) {
            process.destroy();
        }
        for (var process : processes) {
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
