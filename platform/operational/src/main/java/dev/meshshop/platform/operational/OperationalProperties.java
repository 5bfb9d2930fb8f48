package dev.meshshop.platform.operational;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the domains' operational systems keep their state, under {@code mesh.operational.*}.
 *
 * @param mode {@code none} (no operational databases: systems that need one are not run), {@code embedded}
 *     (PostgreSQL started in this process's machine, files in {@code directory}) or {@code external} (a server
 *     named by {@code host} and {@code port}, such as compose's {@code postgres} service)
 * @param directory where the embedded server keeps its files; {@code <mesh.data-dir>/operational/postgres} when not
 *     set, so that the shop's state lives and goes with the mesh's
 * @param host the external server's host
 * @param port the external server's port
 * @param user who the platform logs in as; it creates one database per domain, so it may create databases
 * @param password that user's password ({@code MESH_OPERATIONAL_PASSWORD})
 */
@ConfigurationProperties("mesh.operational")
public record OperationalProperties(
        @DefaultValue("none") Mode mode,
        Path directory,
        @DefaultValue("localhost") String host,
        @DefaultValue("5432") int port,
        @DefaultValue("postgres") String user,
        @DefaultValue("postgres") String password) {

    public enum Mode {
        NONE,
        EMBEDDED,
        EXTERNAL
    }
}
