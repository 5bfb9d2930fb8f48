package dev.meshshop.platform.contracts.lint;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Lints data product descriptors ({@code descriptor.yaml}) against the Open Data Product Standard (ODPS) v1.0.0:
 * reports every problem at once, each with its line, column, path, what is wrong and how to fix it, like
 * {@link ContractLinter} does for contracts.
 *
 * <p>The structure is checked against Mesh Shop's JSON Schema of the standard ({@code odps-v1.schema.json}); in
 * Java, that no port is listed twice under the same name and version (the key the standard gives them), and a
 * warning for a product without a version, which the standard recommends. What the mesh itself needs of a
 * descriptor (an owner team, a kind, a contract file per port) is the governance policies' to judge.
 */
public final class ProductDescriptorLinter {

    static final String DUPLICATE_PORT = "duplicate-port";
    static final String VERSION = "version";

    private ProductDescriptorLinter() {}

    /** Lints a {@code descriptor.yaml} file; findings name it by the path given. */
    public static LintReport lint(Path file) throws IOException {
        return lint(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Lints descriptor text; {@code source} names it in findings (a file name, a test name). */
    public static LintReport lint(String yaml, String source) {
        return ContractLinter.lint(
                yaml,
                source,
                "(descriptor)",
                (document, findings) -> {
                    SchemaValidation.ODPS.validate(document, findings);
                    SemanticRules.checkDuplicateKeys(document, findings);
                    checkPorts(document.root(), "inputPorts", findings);
                    checkPorts(document.root(), "outputPorts", findings);
                    if (document.root().isObject() && !document.root().has("version")) {
                        findings.warning(
                                VERSION,
                                "",
                                "the product has no version, which the standard recommends",
                                "add version: <the version of its newest output port>, such as 1.0.0");
                    }
                },
                false);
    }

    /** Whether a YAML document is a data product rather than a data contract, by its {@code kind}. */
    public static boolean isDescriptor(String yaml) {
        try {
            return "DataProduct"
                    .equals(YamlDocument.parse(yaml).root().path("kind").asText());
        } catch (YamlDocument.SyntaxError e) {
            return false;
        }
    }

    private static void checkPorts(JsonNode product, String field, Findings findings) {
        JsonNode ports = product.path(field);
        if (!ports.isArray()) {
            return;
        }
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < ports.size(); i++) {
            JsonNode port = ports.get(i);
            if (!port.path("name").isTextual()) {
                continue;
            }
            String key = port.path("name").asText() + " " + port.path("version").asText("");
            Integer earlier = first.putIfAbsent(key, i);
            if (earlier != null) {
                findings.error(
                        DUPLICATE_PORT,
                        "/" + field + "/" + i,
                        "the port '" + port.path("name").asText() + "' version '"
                                + port.path("version").asText("") + "' is already listed as " + field + "["
                                + earlier + "]",
                        "list each port once per version: name and version together are its key");
            }
        }
    }
}
