package dev.meshshop.platform.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * An audit that a staged snapshot must pass before it is published (write-audit-publish). Each gate returns
 * what it found; if any result blocks, the snapshot is discarded, the last good one stays served, and the
 * results are kept beside the port for the catalog.
 */
@FunctionalInterface
public interface PublishGate {

    Audit audit(StagedSnapshot staged) throws SQLException;

    /**
     * A snapshot written aside but not yet visible to readers: its Parquet file, and SQL that reads it in a
     * FROM clause on {@code connection}.
     *
     * @param publisher the domain publishing it, which owns the product if its id is right
     */
    record StagedSnapshot(
            DataProduct product,
            DataProduct.Port port,
            Connection connection,
            Path dataFile,
            String relation,
            String publisher) {}

    /**
     * What one gate found.
     *
     * @param gate the gate's name, such as {@code contract}
     * @param blocks whether the snapshot must not be published
     * @param summary one paragraph a person can act on
     * @param reportJson the gate's full report, as JSON
     */
    record Audit(String gate, boolean blocks, String summary, String reportJson) {}
}
