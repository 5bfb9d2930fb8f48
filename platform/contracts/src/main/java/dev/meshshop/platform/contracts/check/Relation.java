package dev.meshshop.platform.contracts.check;

import dev.meshshop.platform.contracts.Sql;
import java.util.List;
import java.util.stream.Collectors;

/** What the checks read from: a table or view, or Parquet files. {@code sql} goes after FROM. */
record Relation(String sql, String name) {

    static Relation table(String qualifiedName) {
        return new Relation(Sql.qualifiedName(qualifiedName), qualifiedName);
    }

    static Relation parquet(List<String> pathsOrGlobs) {
        String paths = pathsOrGlobs.stream().map(Sql::literal).collect(Collectors.joining(", ", "[", "]"));
        return new Relation("read_parquet(" + paths + ")", String.join(", ", pathsOrGlobs));
    }

    /** The last part of a table name, which is what a contract's object is usually named after. */
    String baseName() {
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
