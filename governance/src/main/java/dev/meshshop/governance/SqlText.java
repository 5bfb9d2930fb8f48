package dev.meshshop.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What policies read in a SQL model, by pattern rather than by parsing: the tables it reads and the tables it
 * creates. Names come back lower case, without quotes; line comments are ignored.
 */
final class SqlText {

    private static final Pattern COMMENT = Pattern.compile("--[^\\n]*");
    private static final String NAME = "((?:\"?[a-z_][a-z0-9_]*\"?\\.){1,2}\"?[a-z_][a-z0-9_]*\"?)";
    private static final Pattern READS = Pattern.compile("\\b(?:from|join)\\s+" + NAME, Pattern.CASE_INSENSITIVE);
    private static final Pattern CREATES = Pattern.compile(
            "\\bcreate\\s+(?:or\\s+replace\\s+)?(?:temp(?:orary)?\\s+)?(?:table|view)\\s+(?:if\\s+not\\s+exists\\s+)?"
                    + NAME,
            Pattern.CASE_INSENSITIVE);

    private SqlText() {}

    static String withoutComments(String sql) {
        return COMMENT.matcher(sql).replaceAll("");
    }

    /** The schema-qualified tables a {@code FROM} or {@code JOIN} names, such as {@code clean.orders}. */
    static List<String> reads(String sql) {
        return names(READS, sql);
    }

    /** The schema-qualified tables and views the model creates, such as {@code model.orders}. */
    static List<String> creates(String sql) {
        return names(CREATES, sql);
    }

    private static List<String> names(Pattern pattern, String sql) {
        var names = new ArrayList<String>();
        var found = pattern.matcher(withoutComments(sql));
        while (found.find()) {
            names.add(found.group(1).replace("\"", "").toLowerCase(Locale.ROOT));
        }
        return names;
    }
}
