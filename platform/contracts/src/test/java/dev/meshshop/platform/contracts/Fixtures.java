package dev.meshshop.platform.contracts;

import dev.meshshop.platform.contracts.model.DataContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The contract files under {@code src/test/resources/contracts}. */
public final class Fixtures {

    private Fixtures() {}

    /** A fixture by its path below {@code contracts/}, such as {@code valid/minimal.odcs.yaml}. */
    public static Path path(String name) {
        URL url = Fixtures.class.getResource("/contracts/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture contracts/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static DataContract contract(String name) {
        try {
            return DataContracts.load(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
