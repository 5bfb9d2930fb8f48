package dev.meshshop.platform.query;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fresh in-memory DuckDB engines, one per query, made ahead on a background thread: starting an engine takes about
 * 10 ms, which a query then does not wait for. An engine is never reused: each query locks its engine's settings
 * for good, and it is closed with the query.
 */
final class Engines implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Engines.class);

    private final BlockingQueue<Connection> ready;
    private final ExecutorService maker = Executors.newSingleThreadExecutor(runnable -> {
        var thread = new Thread(runnable, "mesh-query-engines");
        thread.setDaemon(true);
        return thread;
    });

    /** @param spare how many engines to keep ready */
    Engines(int spare) {
        this.ready = new ArrayBlockingQueue<>(Math.max(1, spare));
        for (int i = 0; i < spare; i++) {
            maker.execute(this::makeOne);
        }
    }

    /** A fresh engine, streaming its results: a ready one if there is, else one made now. */
    Connection take() throws SQLException {
        var engine = ready.poll();
        if (!maker.isShutdown()) {
            maker.execute(this::makeOne);
        }
        return engine != null ? engine : open();
    }

    static Connection open() throws SQLException {
        var properties = new Properties();
        properties.setProperty("jdbc_stream_results", "true");
        return DriverManager.getConnection("jdbc:duckdb:", properties);
    }

    private void makeOne() {
        try {
            var engine = open();
            if (!ready.offer(engine)) {
                engine.close();
            }
        } catch (SQLException e) {
            log.warn("Could not start a query engine ahead: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        maker.shutdownNow();
        Connection engine;
        while ((engine = ready.poll()) != null) {
            try {
                engine.close();
            } catch (SQLException ignored) {
                // an unused engine: nothing to keep
            }
        }
    }
}
