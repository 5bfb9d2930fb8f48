package dev.meshshop.platform.contracts.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Some of the rows that fail a check: the primary key and the checked columns, values as text ({@code null}
 * for SQL NULL).
 */
public record Samples(List<String> columns, List<List<String>> rows) {

    public static final Samples NONE = new Samples(List.of(), List.of());

    public Samples {
        columns = List.copyOf(columns);
        rows = rows.stream()
                .map(row -> Collections.unmodifiableList(new ArrayList<>(row)))
                .toList();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
