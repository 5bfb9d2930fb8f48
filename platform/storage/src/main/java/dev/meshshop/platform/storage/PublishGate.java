package dev.meshshop.platform.storage;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * An audit that a staged snapshot must pass before it is published (write-audit-publish). A gate that finds
 * a blocking problem throws {@link PublishRefusedException}; the snapshot is then discarded and the last good
 * one stays served.
 */
@FunctionalInterface
public interface PublishGate {

    void audit(StagedSnapshot staged) throws SQLException;

    /**
     * A snapshot written aside but not yet visible to readers. {@code relation} is SQL that reads its data,
     * usable in a FROM clause on {@code connection}.
     */
    record StagedSnapshot(DataProduct product, DataProduct.Port port, Connection connection, String relation) {}
}
