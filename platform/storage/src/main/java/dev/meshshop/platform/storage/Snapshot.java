package dev.meshshop.platform.storage;

import java.time.Instant;

/**
 * One immutable, published state of an output port. Its files live in
 * {@code mesh/<domain>/<product>/v<major>/snapshots/<id>/}: the data as Parquet, the contract and descriptor
 * as they were at publish time, and this record as {@code _snapshot.json}.
 */
public record Snapshot(
        String id,
        String product,
        String port,
        int major,
        String contractVersion,
        Instant publishedAt,
        long rowCount,
        String dataFile) {}
