package dev.meshshop.platform.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a SQL text looks like before DuckDB reads it: its statements, split at semicolons outside strings, quoted
 * names and comments, and each one's first keyword. Only used to word refusals; whether a text is one SELECT is
 * DuckDB's parser's to say.
 */
final class StatementText {

    private StatementText() {}

    /** The non-empty statements of {@code sql}, comments kept. */
    static List<String> statements(String sql) {
        var statements = new ArrayList<String>();
        int start = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = closing(sql, i + 1, String.valueOf(c));
            } else if (c == '-' && sql.startsWith("--", i)) {
                i = lineEnd(sql, i);
            } else if (c == '/' && sql.startsWith("/*", i)) {
                i = closing(sql, i + 2, "*/");
            } else if (c == '$' && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                i = closing(sql, i + tag.length(), tag);
            } else if (c == ';') {
                addIfNotEmpty(statements, sql.substring(start, i));
                start = ++i;
            } else {
                i++;
            }
        }
        addIfNotEmpty(statements, sql.substring(start));
        return statements;
    }

    /** The first keyword of a statement, upper case, after comments and opening parentheses; empty if none. */
    static String firstKeyword(String statement) {
        int i = 0;
        while (i < statement.length()) {
            char c = statement.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (statement.startsWith("--", i)) {
                i = lineEnd(statement, i);
            } else if (statement.startsWith("/*", i)) {
                i = closing(statement, i + 2, "*/");
            } else {
                int end = i;
                while (end < statement.length()
                        && (Character.isLetter(statement.charAt(end)) || statement.charAt(end) == '_')) {
                    end++;
                }
                return statement.substring(i, end).toUpperCase(Locale.ROOT);
            }
        }
        return "";
    }

    private static void addIfNotEmpty(List<String> statements, String statement) {
        if (!withoutComments(statement).isBlank()) {
            statements.add(statement.trim());
        }
    }

    private static String withoutComments(String statement) {
        return statement.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ");
    }

    /** The index after the end of what started before {@code from} and ends with {@code end}, or the text's end. */
    private static int closing(String sql, int from, String end) {
        int at = sql.indexOf(end, from);
        return at < 0 ? sql.length() : at + end.length();
    }

    private static int lineEnd(String sql, int from) {
        int at = sql.indexOf('\n', from);
        return at < 0 ? sql.length() : at + 1;
    }

    /** The dollar-quote tag starting at {@code i}, such as {@code $$} or {@code $body$}, or null. */
    private static String dollarTag(String sql, int i) {
        int end = i + 1;
        while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
            end++;
        }
        if (end < sql.length() && sql.charAt(end) == '$' && (end == i + 1 || !Character.isDigit(sql.charAt(i + 1)))) {
            return sql.substring(i, end + 1);
        }
        return null;
    }
}
