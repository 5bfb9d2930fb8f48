package dev.meshshop.platform.contracts;

import dev.meshshop.platform.contracts.model.DataContract;
import java.util.stream.Collectors;

/** Builds small valid contracts for tests from the YAML of one schema object. */
public final class TestContracts {

    private TestContracts() {}

    /** A v3.1.0 contract, version 1.0.0, whose only schema object is {@code objectYaml} (written unindented). */
    public static DataContract withObject(String objectYaml) {
        return DataContracts.parse(document("1.0.0", objectYaml, ""), "test contract");
    }

    /** As {@link #withObject}, with more top-level sections such as {@code slaProperties:}. */
    public static DataContract withObject(String objectYaml, String moreSections) {
        return DataContracts.parse(document("1.0.0", objectYaml, moreSections), "test contract");
    }

    /** The text of such a contract, in a given version. */
    public static String document(String version, String objectYaml, String moreSections) {
        String object = objectYaml
                .stripTrailing()
                .lines()
                .map(line -> "    " + line)
                .collect(Collectors.joining("\n"))
                .replaceFirst("^    ", "  - ");
        return """
                apiVersion: v3.1.0
                kind: DataContract
                id: test-contract
                version: %s
                status: active
                schema:
                %s
                %s
                """
                .formatted(version, object, moreSections);
    }
}
