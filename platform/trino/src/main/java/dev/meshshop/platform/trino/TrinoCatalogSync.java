package dev.meshshop.platform.trino;

import dev.meshshop.platform.access.AccessRequest;
import dev.meshshop.platform.access.AccessRequests;
import dev.meshshop.platform.access.AccessState;
import dev.meshshop.platform.contracts.Sql;
import dev.meshshop.platform.storage.Folders;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.ProductVersions;
import dev.meshshop.platform.storage.PublishedPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Trino's view of the mesh current (ADR 30), from the one process that owns the access log (the catalog).
 * Each round:
 *
 * <ol>
 *   <li>writes the access rules of the grants as they are now ({@link TrinoAccessRules}), when they changed;
 *   <li>registers every current snapshot as an external table of its own in the schema {@code snapshots}, over the
 *       snapshot's {@code data/} folder, where it lies: nothing is copied;
 *   <li>points each product's views at its current snapshot with {@code CREATE OR REPLACE VIEW}:
 *       {@code <domain>.<product>} at the newest major version, {@code <domain>.<product>_v<major>} at each one
 *       not retired, as the query service names them (ADR 23). A query sees the old snapshot or the new one,
 *       never a mix, and Trino does not restart;
 *   <li>drops the tables of snapshots no view reads any more (their files stay; the publisher prunes them).
 * </ol>
 *
 * Everything it does is found again from Trino and the data directory, so a restarted catalog or Trino catches up
 * in its next round. A snapshot Trino cannot read (a column type its Hive connector lacks, a snapshot of the layout
 * before data folders) is left out with its reason, logged once as a warning; the product's views keep reading the
 * last snapshot Trino could, and the other products go on.
 */
public final class TrinoCatalogSync implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrinoCatalogSync.class);

    /** The schema of the per-snapshot tables, which only the platform reads. */
    public static final String SNAPSHOTS = "snapshots";

    private final MeshLayout layout;
    private final AccessRequests access;
    private final Clock clock;
    private final TrinoSettings settings;
    private final Path rulesFile;
    /** How often a round checks Trino even when nothing changed in the mesh. */
    static final java.time.Duration FULL_CHECK = java.time.Duration.ofMinutes(1);

    private Map<String, String> applied;
    private Instant lastFullCheck;
    private String lastProblem = "";
    private final Set<String> warned = new java.util.HashSet<>();
    private ScheduledExecutorService rounds;

    public TrinoCatalogSync(MeshLayout layout, AccessRequests access, Clock clock, TrinoSettings settings) {
        if (settings.url() == null || settings.url().isBlank()) {
            throw new IllegalArgumentException(
                    "mesh.trino.url is not set: name Trino's JDBC address, such as jdbc:trino://trino:8080");
        }
        this.layout = layout;
        this.access = access;
        this.clock = clock;
        this.settings = settings;
        this.rulesFile = settings.rulesFile(layout.dataDir());
    }

    /**
     * What one round did: the snapshot tables it registered and dropped, the views it pointed at a new snapshot or
     * dropped, whether the access rules changed, and what it left out or could not do, with the reason.
     */
    public record Round(
            Instant at,
            List<String> registered,
            List<String> views,
            List<String> dropped,
            boolean rulesChanged,
            List<String> problems) {

        boolean changedAnything() {
            return !registered.isEmpty() || !views.isEmpty() || !dropped.isEmpty() || rulesChanged;
        }
    }

    /** A view Trino serves: its schema and name, and the snapshot it reads. */
    record View(String schema, String name, PublishedPort port) {}

    /** The access rules file the platform writes and Trino reads. */
    public Path rulesFile() {
        return rulesFile;
    }

    /**
     * Writes the access rules now (Trino needs the file to start, and this needs no Trino), then runs a round at
     * once and one every {@code mesh.trino.interval}.
     */
    public synchronized void start() {
        if (rounds != null) {
            return;
        }
        var ports = new MeshDirectory(layout).ports();
        writeRules(views(ports, clock.instant(), new ArrayList<>()), ports);
        rounds = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "mesh-trino-sync");
            thread.setDaemon(true);
            return thread;
        });
        rounds.scheduleWithFixedDelay(this::roundLogged, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
        log.info(
                "Keeping Trino ({}, catalog {}) current with the mesh every {}; access rules in {}",
                settings.url(),
                settings.catalog(),
                settings.interval(),
                rulesFile);
    }

    private void roundLogged() {
        try {
            var round = sync();
            if (round.changedAnything()) {
                log.info(
                        "Trino is current: {} snapshot(s) registered, {} view(s) pointed at new snapshots, {} dropped,"
                                + " access rules {}",
                        round.registered().size(),
                        round.views().size(),
                        round.dropped().size(),
                        round.rulesChanged() ? "rewritten" : "unchanged");
            }
        } catch (RuntimeException e) {
            log.warn("A round of bringing Trino up to date failed; the next one tries again", e);
        }
    }

    /** One round: rules first (they need no Trino), then tables and views. */
    public synchronized Round sync() {
        var problems = new ArrayList<String>();
        Instant now = clock.instant();
        var ports = new MeshDirectory(layout).ports();
        var views = views(ports, now, problems);
        boolean rulesChanged = writeRules(views, ports);
        // What Trino should serve, as view -> snapshot table. When Trino was brought to exactly this state a
        // moment ago, the round asks Trino nothing: on a machine shared with the domains, Trino's planning of a
        // dozen catalog statements every few seconds is not free. A full check runs every FULL_CHECK regardless,
        // so that a Trino whose metastore was lost is rebuilt.
        var state = new java.util.TreeMap<String, String>();
        views.forEach(view -> state.put(view.schema() + "." + view.name(), snapshotTable(view.port())));
        if (state.equals(applied) && lastFullCheck != null && now.isBefore(lastFullCheck.plus(FULL_CHECK))) {
            return new Round(now, List.of(), List.of(), List.of(), rulesChanged, problems);
        }
        var registered = new ArrayList<String>();
        var replaced = new ArrayList<String>();
        var dropped = new ArrayList<String>();
        try (Connection trino = connect();
                Statement statement = trino.createStatement()) {
            statement.setQueryTimeout(
                    (int) Math.max(1, settings.statementTimeout().toSeconds()));
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + qualified(SNAPSHOTS));
            var tables = names(statement, "SHOW TABLES FROM " + qualified(SNAPSHOTS));
            var wanted = new LinkedHashMap<String, PublishedPort>();
            views.forEach(view -> wanted.putIfAbsent(snapshotTable(view.port()), view.port()));
            var readable = new LinkedHashSet<String>();
            for (var table : wanted.entrySet()) {
                if (tables.contains(table.getKey())) {
                    readable.add(table.getKey());
                    continue;
                }
                try {
                    statement.execute(createTable(table.getKey(), table.getValue()));
                    registered.add(table.getKey());
                    readable.add(table.getKey());
                } catch (TrinoTypes.UnsupportedColumn | SQLException e) {
                    problems.add(
                            table.getValue().product() + " v" + table.getValue().major() + ": snapshot "
                                    + table.getValue().snapshot().id() + " is not served through Trino (its views keep"
                                    + " reading the last snapshot Trino could, if any): " + e.getMessage());
                }
            }
            var definitions = viewDefinitions(statement);
            var schemas = new TreeSet<String>();
            views.forEach(view -> schemas.add(view.schema()));
            schemas.removeAll(names(statement, "SHOW SCHEMAS FROM " + Sql.identifier(settings.catalog())));
            for (String schema : schemas) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + qualified(schema));
            }
            var served = new LinkedHashSet<String>();
            var kept = new LinkedHashSet<String>();
            for (var view : views) {
                String table = snapshotTable(view.port());
                String name = view.schema() + "." + view.name();
                String definition = definitions.get(name);
                if (!readable.contains(table)) {
                    // the new snapshot cannot be served: the view keeps reading the last one Trino could
                    tables.stream()
                            .filter(older -> definition != null && definition.contains(older))
                            .findFirst()
                            .ifPresent(older -> {
                                served.add(name);
                                kept.add(older);
                            });
                    continue;
                }
                served.add(name);
                if (definition == null || !definition.contains(table)) {
                    statement.execute("CREATE OR REPLACE VIEW " + qualified(view.schema(), view.name())
                            + " SECURITY DEFINER AS SELECT * FROM " + qualified(SNAPSHOTS, table));
                    replaced.add(name);
                }
            }
            for (String name : definitions.keySet()) {
                if (!served.contains(name)) {
                    String[] parts = name.split("\\.", 2);
                    statement.execute("DROP VIEW IF EXISTS " + qualified(parts[0], parts[1]));
                    dropped.add(name);
                }
            }
            for (String table : tables) {
                if (!wanted.containsKey(table) && !kept.contains(table)) {
                    statement.execute("DROP TABLE IF EXISTS " + qualified(SNAPSHOTS, table));
                    dropped.add(SNAPSHOTS + "." + table);
                }
            }
            lastProblem = "";
            lastFullCheck = now;
            applied = state;
        } catch (SQLException e) {
            String problem = "Trino at " + settings.url() + " could not be brought up to date: " + e.getMessage()
                    + " (the next round tries again)";
            problems.add(problem);
            if (!problem.equals(lastProblem)) {
                log.warn(problem);
                lastProblem = problem;
            }
        }
        // each problem is logged once while it lasts, and again if it comes back after it was gone
        problems.stream()
                .filter(problem -> !problem.startsWith("Trino at "))
                .filter(warned::add)
                .forEach(problem -> log.warn("{}", problem));
        warned.retainAll(problems);
        return new Round(now, registered, replaced, dropped, rulesChanged, problems);
    }

    /**
     * The views Trino should serve now: the newest major version of each product under its plain name, and each
     * major version not retired at {@code now} under its versioned name.
     */
    static List<View> views(List<PublishedPort> ports, Instant now, List<String> problems) {
        var newest = MeshDirectory.newest(ports);
        var views = new ArrayList<View>();
        for (var port : ports) {
            if (!port.dataFile().getParent().getFileName().toString().equals("data")) {
                problems.add(port.product() + " v" + port.major() + " is not served through Trino: its snapshot "
                        + port.snapshot().id() + " keeps its data beside its contract (the layout before data"
                        + " folders); its next publish puts it in a folder Trino reads");
                continue;
            }
            if (newest.get(port.product()) == port) {
                views.add(new View(port.product().domain(), port.product().name(), port));
            }
            if (ProductVersions.stateAt(port, now) != ProductVersions.State.RETIRED) {
                views.add(new View(port.product().domain(), port.product().name() + "_v" + port.major(), port));
            }
        }
        return views;
    }

    /** The name of the table that reads one snapshot: {@code checkout__orders__v1__<snapshot id>}. */
    static String snapshotTable(PublishedPort port) {
        return (port.product().domain() + "__" + port.product().name() + "__v" + port.major() + "__"
                        + port.snapshot().id())
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
    }

    /** Where Trino finds a snapshot's data folder. */
    String location(PublishedPort port) {
        Path folder = layout.dataDir().relativize(port.dataFile().getParent());
        var parts = new ArrayList<String>();
        folder.forEach(part -> parts.add(part.toString()));
        return settings.dataLocation() + String.join("/", parts);
    }

    private String createTable(String table, PublishedPort port) throws SQLException {
        var columns = TrinoTypes.columns(port.dataFile()).stream()
                .map(column -> Sql.identifier(column.name()) + " " + column.trinoType())
                .collect(Collectors.joining(", "));
        return "CREATE TABLE IF NOT EXISTS " + qualified(SNAPSHOTS, table) + " (" + columns + ")"
                + " WITH (format = 'PARQUET', external_location = " + Sql.literal(location(port)) + ")";
    }

    private boolean writeRules(List<View> views, List<PublishedPort> ports) {
        var consumers = new TreeSet<String>();
        ports.forEach(port -> consumers.add(port.product().domain()));
        access.list(null, null, AccessState.APPROVED).stream()
                .map(AccessRequest::consumer)
                .forEach(consumers::add);
        var readable = new ArrayList<TrinoAccessRules.Readable>();
        for (String consumer : consumers) {
            for (var view : views) {
                if (access.refusal(consumer, view.port().product()).isEmpty()) {
                    readable.add(new TrinoAccessRules.Readable(
                            consumer, view.schema(), view.name(), access.hiddenColumns(consumer, view.port())));
                }
            }
        }
        String rules = TrinoAccessRules.json(settings.user(), settings.catalog(), readable);
        try {
            if (Files.exists(rulesFile) && Files.readString(rulesFile).equals(rules)) {
                return false;
            }
            Folders.createPrivateDirectories(rulesFile.getParent());
            Path temporary = rulesFile.resolveSibling("." + rulesFile.getFileName() + ".tmp");
            Files.writeString(temporary, rules);
            Files.move(temporary, rulesFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot write Trino's access rules to " + rulesFile, e);
        }
    }

    private Connection connect() throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", settings.user());
        return DriverManager.getConnection(settings.url(), properties);
    }

    private static Set<String> names(Statement statement, String sql) throws SQLException {
        var names = new TreeSet<String>();
        try (var rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    /** The views of the catalog outside {@code snapshots}, by {@code schema.view}, with their SQL. */
    private Map<String, String> viewDefinitions(Statement statement) throws SQLException {
        var definitions = new HashMap<String, String>();
        try (var rows = statement.executeQuery("SELECT table_schema, table_name, view_definition FROM "
                + qualified("information_schema", "views") + " WHERE table_schema NOT IN ('information_schema', "
                + Sql.literal(SNAPSHOTS) + ")")) {
            while (rows.next()) {
                definitions.put(rows.getString(1) + "." + rows.getString(2), rows.getString(3));
            }
        }
        return definitions;
    }

    private String qualified(String... names) {
        var parts = new ArrayList<String>();
        parts.add(Sql.identifier(settings.catalog()));
        for (String name : names) {
            parts.add(Sql.identifier(name));
        }
        return String.join(".", parts);
    }

    @Override
    public synchronized void close() {
        if (rounds != null) {
            rounds.shutdownNow();
            rounds = null;
        }
    }
}
