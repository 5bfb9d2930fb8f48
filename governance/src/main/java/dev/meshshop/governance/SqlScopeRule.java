package dev.meshshop.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A domain's SQL models read only the zones of its own area: every table a {@code FROM} or {@code JOIN} names
 * with a schema is in one of {@code zones}, no name reaches into another database ({@code db.schema.table}),
 * and nothing in {@code forbidden} (such as reading files or attaching databases) appears. Comments are ignored.
 */
record SqlScopeRule(List<String> zones, List<Forbidden> forbidden) implements Rule {

    /** Something a model must not do, as a pattern matched case-insensitively, and why. */
    record Forbidden(String pattern, String reason) {

        Forbidden {
            Objects.requireNonNull(pattern, "A forbidden construct needs a pattern");
            Objects.requireNonNull(reason, () -> "The forbidden construct " + pattern + " needs a reason");
        }
    }

    SqlScopeRule {
        zones = List.copyOf(Objects.requireNonNull(zones, "An sql-scope check needs the zones models may read"));
        forbidden = forbidden == null ? List.of() : List.copyOf(forbidden);
    }

    @Override
    public List<Violation> check(GovernedProduct product) {
        Set<String> allowed = Set.copyOf(zones);
        var violations = new ArrayList<Violation>();
        for (var model : product.sources().models()) {
            String sql = SqlText.withoutComments(model.sql());
            for (String name : SqlText.reads(sql)) {
                String[] parts = name.split("\\.");
                if (parts.length == 3) {
                    violations.add(new Violation(
                            model.resource(),
                            "the model reads " + name + " from another database; a model reads only its own area"));
                } else if (!allowed.contains(parts[0])) {
                    violations.add(new Violation(
                            model.resource(),
                            "the model reads " + name + ", outside the zones " + zones + " of the domain's own area"));
                }
            }
            for (var construct : forbidden) {
                var found = Pattern.compile(construct.pattern(), Pattern.CASE_INSENSITIVE)
                        .matcher(sql);
                if (found.find()) {
                    violations.add(new Violation(
                            model.resource(), "the model contains '" + found.group() + "': " + construct.reason()));
                }
            }
        }
        return violations;
    }
}
