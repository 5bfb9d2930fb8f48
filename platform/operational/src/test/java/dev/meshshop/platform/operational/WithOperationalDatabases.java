package dev.meshshop.platform.operational;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A real PostgreSQL for a test class, and how its tests read what was handed on at least once. */
abstract class WithOperationalDatabases {

    @TempDir
    static Path dir;

    static OperationalDatabases databases;

    @BeforeAll
    static void startPostgres() {
        databases = OperationalDatabases.embedded(dir.resolve("postgres"));
    }

    @AfterAll
    static void stopPostgres() {
        databases.close();
    }

    /** The changes handed on, each once: a change that came again has the position it had. */
    static List<EntityChange> once(List<EntityChange> delivered) {
        var once = new LinkedHashMap<String, EntityChange>();
        delivered.forEach(change -> once.putIfAbsent(change.position(), change));
        return List.copyOf(once.values());
    }
}
