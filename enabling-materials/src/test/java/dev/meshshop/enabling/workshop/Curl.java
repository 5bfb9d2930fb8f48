package dev.meshshop.enabling.workshop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An HTTP call as a lab shows it, a {@code curl} command for a POSIX shell, read the way the shell and curl read it:
 * the method ({@code -X}, or POST when there is a body), the path on the mesh ({@code localhost:8080/...}), the
 * headers ({@code -H}) and the body ({@code -d}). Quotes, escapes and line continuations are the shell's; the one
 * command substitution the labs use, {@code $(tr '\n' ' ' < file.sql)}, sends a file the lab had the participant
 * save, with its line ends as spaces.
 */
record Curl(String method, String path, Map<String, String> headers, String body) {

    /** The header a call says who makes it with: {@code Authorization: Bearer $FULFILLMENT}. */
    static final String AUTHORIZATION = "Authorization";

    /** The labs' tokens, shell variables named after the domain whose client they are: {@code $FULFILLMENT}. */
    private static final Pattern TOKEN = Pattern.compile("Bearer \\$([A-Z0-9_]+)");

    private static final Pattern MESH_URL = Pattern.compile("(?:https?://)?localhost:8080(/\\S*)");
    private static final Pattern ONE_LINE_FILE = Pattern.compile("tr '\\\\n' ' ' < (\\S+)");

    Curl {
        headers = Map.copyOf(headers);
    }

    /** The one curl command in {@code text}. */
    static Curl parse(String text) {
        return parse(text, Map.of());
    }

    /** The one curl command in {@code text}, with the files it reads by name. */
    static Curl parse(String text, Map<String, String> files) {
        var commands = parseAll(text, files);
        if (commands.size() != 1) {
            throw new AssertionError("Expected one curl command, found " + commands.size() + " in:\n" + text);
        }
        return commands.get(0);
    }

    /** Every curl command in {@code text}, one per line of the shell, in order. */
    static List<Curl> parseAll(String text, Map<String, String> files) {
        return new Shell(text, files)
                .commands().stream().map(words -> of(words, files)).toList();
    }

    /** This call made with the token of {@code identity}'s client instead. */
    Curl as(String identity) {
        var changed = new LinkedHashMap<>(headers);
        changed.put(AUTHORIZATION, bearer(identity));
        return new Curl(method, path, changed, body);
    }

    /** The header value of a call made with {@code identity}'s token, as the labs write it. */
    static String bearer(String identity) {
        return "Bearer $" + identity.toUpperCase(java.util.Locale.ROOT);
    }

    /** Who makes the call: the domain whose token variable its {@value #AUTHORIZATION} header names, or null. */
    String identity() {
        var token = TOKEN.matcher(headers.getOrDefault(AUTHORIZATION, ""));
        return token.matches() ? token.group(1).toLowerCase(java.util.Locale.ROOT) : null;
    }

    private static Curl of(List<String> words, Map<String, String> files) {
        if (words.isEmpty() || !words.get(0).equals("curl")) {
            throw new AssertionError("Not a curl command: " + words);
        }
        String method = null;
        String url = null;
        String body = null;
        var headers = new LinkedHashMap<String, String>();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "-s", "--silent" -> {}
                case "-X", "--request" -> method = words.get(++i);
                case "-H", "--header" -> {
                    String header = words.get(++i);
                    int colon = header.indexOf(':');
                    headers.put(
                            header.substring(0, colon).strip(),
                            header.substring(colon + 1).strip());
                }
                case "-d", "--data", "--data-raw" -> body = words.get(++i);
                // --data-binary @file: the file the lab had the participant save, sent as it is, lines and all
                case "--data-binary" -> {
                    String data = words.get(++i);
                    if (data.startsWith("@")) {
                        body = files.get(data.substring(1));
                        if (body == null) {
                            throw new AssertionError(
                                    "The command sends " + data + ", a file the lab does not name: " + words);
                        }
                    } else {
                        body = data;
                    }
                }
                default -> {
                    if (word.startsWith("-")) {
                        throw new AssertionError("The labs' curl commands do not use " + word + ": " + words);
                    }
                    url = word;
                }
            }
        }
        var mesh = MESH_URL.matcher(url == null ? "" : url);
        if (!mesh.matches()) {
            throw new AssertionError("Not a call of the mesh at localhost:8080: " + words);
        }
        return new Curl(method != null ? method : body != null ? "POST" : "GET", mesh.group(1), headers, body);
    }

    /** The words of each command, as a POSIX shell splits them. */
    private static final class Shell {

        private final String text;
        private final Map<String, String> files;
        private int at;

        Shell(String text, Map<String, String> files) {
            this.text = text;
            this.files = files;
        }

        List<List<String>> commands() {
            var commands = new ArrayList<List<String>>();
            var words = new ArrayList<String>();
            var word = new StringBuilder();
            boolean inWord = false;
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '\\' && at < text.length()) {
                    char next = text.charAt(at++);
                    if (next != '\n') {
                        word.append(next);
                        inWord = true;
                    }
                } else if (c == '\'') {
                    int end = text.indexOf('\'', at);
                    word.append(text, at, end);
                    at = end + 1;
                    inWord = true;
                } else if (c == '"') {
                    doubleQuoted(word);
                    inWord = true;
                } else if (c == '#' && !inWord) {
                    while (at < text.length() && text.charAt(at) != '\n') {
                        at++;
                    }
                } else if (Character.isWhitespace(c)) {
                    if (inWord) {
                        words.add(word.toString());
                        word.setLength(0);
                        inWord = false;
                    }
                    if (c == '\n' && !words.isEmpty()) {
                        commands.add(List.copyOf(words));
                        words.clear();
                    }
                } else {
                    word.append(c);
                    inWord = true;
                }
            }
            if (inWord) {
                words.add(word.toString());
            }
            if (!words.isEmpty()) {
                commands.add(List.copyOf(words));
            }
            return commands;
        }

        private void doubleQuoted(StringBuilder word) {
            while (true) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return;
                }
                if (c == '\\' && "\"\\$`".indexOf(text.charAt(at)) >= 0) {
                    word.append(text.charAt(at++));
                } else if (c == '$' && text.charAt(at) == '(') {
                    int end = text.indexOf(')', at);
                    word.append(substitute(text.substring(at + 1, end)));
                    at = end + 1;
                } else {
                    word.append(c);
                }
            }
        }

        /** {@code tr '\n' ' ' < file}: the file the lab had the participant save, on one line. */
        private String substitute(String command) {
            var file = ONE_LINE_FILE.matcher(command.strip());
            if (!file.matches() || !files.containsKey(file.group(1))) {
                throw new AssertionError("The labs' commands substitute only $(tr '\\n' ' ' < <a file the lab names>),"
                        + " not $(" + command + ")");
            }
            return files.get(file.group(1)).replace('\n', ' ');
        }
    }
}
