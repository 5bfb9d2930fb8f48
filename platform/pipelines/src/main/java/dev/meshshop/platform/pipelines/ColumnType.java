package dev.meshshop.platform.pipelines;

import org.apache.beam.sdk.schemas.Schema;

/** The column types a clean table can have, with their Beam and DuckDB names. */
public enum ColumnType {
    STRING(Schema.FieldType.STRING, "VARCHAR"),
    INTEGER(Schema.FieldType.INT32, "INTEGER"),
    BIGINT(Schema.FieldType.INT64, "BIGINT"),
    DOUBLE(Schema.FieldType.DOUBLE, "DOUBLE"),
    /** Money and other exact amounts, with two decimal places. */
    DECIMAL(Schema.FieldType.DECIMAL, "DECIMAL(18,2)"),
    BOOLEAN(Schema.FieldType.BOOLEAN, "BOOLEAN"),
    /** An instant, stored as a UTC timestamp. */
    TIMESTAMP(Schema.FieldType.DATETIME, "TIMESTAMP"),
    /** A nested JSON value (object or array) kept as JSON for SQL to unnest. */
    JSON(Schema.FieldType.STRING, "JSON");

    private final Schema.FieldType beamType;
    private final String sqlType;

    ColumnType(Schema.FieldType beamType, String sqlType) {
        this.beamType = beamType;
        this.sqlType = sqlType;
    }

    public Schema.FieldType beamType() {
        return beamType;
    }

    public String sqlType() {
        return sqlType;
    }
}
