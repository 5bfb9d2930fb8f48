package dev.meshshop.enabling.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files of a new domain, as templates. In paths, {@code __name__} stands for a value ({@code __Domain__}); in
 * contents, {@code {{name}}}. Lines between {@code {{#reads}}} and {@code {{/reads}}} are kept only for a domain
 * that reads another domain's product, lines between {@code {{^reads}}} and {@code {{/reads}}} only for one that
 * does not; so are files whose path holds a {@code __reads...__} value.
 */
final class Template {

    private final Path dir;
    private final Map<String, String> values;
    private final boolean reads;

    /** @param values what each placeholder stands for; {@code readsProduct} among them for a consumer */
    Template(Path dir, Map<String, String> values) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("No template at " + dir);
        }
        this.dir = dir;
        this.values = Map.copyOf(values);
        this.reads = values.containsKey("readsProduct");
    }

    /** Writes every file of the template under {@code target}; returns how many. */
    int writeTo(Path target) {
        var files = files();
        for (Path file : files) {
            NewDomain.write(target.resolve(path(dir.relativize(file).toString())), render(NewDomain.read(file)));
        }
        return files.size();
    }

    /** Renders every file without writing it: fails on a placeholder left unfilled. */
    void renderAll() {
        files().forEach(file -> render(NewDomain.read(file)));
    }

    private List<Path> files() {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> reads || !dir.relativize(file).toString().contains("__reads"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the template in " + dir, e);
        }
    }

    String path(String templatePath) {
        String path = templatePath;
        for (var value : values.entrySet()) {
            path = path.replace("__" + value.getKey() + "__", value.getValue());
        }
        return path;
    }

    String render(String text) {
        var kept = new ArrayList<String>();
        boolean keep = true;
        for (String line : text.split("\n", -1)) {
            switch (line.strip()) {
                case "{{#reads}}" -> keep = reads;
                case "{{^reads}}" -> keep = !reads;
                case "{{/reads}}" -> keep = true;
                default -> {
                    if (keep) {
                        kept.add(line);
                    }
                }
            }
        }
        String rendered = String.join("\n", kept);
        for (var value : values.entrySet()) {
            rendered = rendered.replace("{{" + value.getKey() + "}}", value.getValue());
        }
        if (rendered.contains("{{")) {
            throw new IllegalStateException("The template leaves a placeholder unfilled: "
                    + rendered.substring(
                            rendered.indexOf("{{"), Math.min(rendered.length(), rendered.indexOf("{{") + 30)));
        }
        return rendered;
    }
}
