package dev.meshshop.platform.query;

import dev.meshshop.platform.access.Identities;
import dev.meshshop.platform.access.MeshProblem;
import dev.meshshop.platform.access.TrustedIdentities;
import java.io.IOException;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.auth2.BasicCallHeaderAuthenticator;
import org.apache.arrow.flight.auth2.GeneratedBearerTokenAuthenticator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Serves the query service over Arrow Flight SQL on {@code mesh.query.flight.host:port}: JDBC clients connect with
 * {@code jdbc:arrow-flight-sql://localhost:32010?useEncryption=false&user=<domain>&password=<secret>}. The user name
 * and password go to {@link Identities}; the session then carries a bearer token. A port that is taken is logged
 * and the rest of the application runs on without this route.
 */
public final class FlightSqlServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FlightSqlServer.class);

    /** The most header bytes a call may send: a user name and password, or a bearer token, fit many times. */
    static final int MAX_HEADERS_BYTES = 64 * 1024;

    private final QueryService queries;
    private final Identities identities;
    private final String host;
    private final int port;
    private final int maxMessageBytes;
    private BufferAllocator allocator;
    private FlightSqlRoute route;
    private FlightServer server;

    /** A server that takes messages (a statement with its envelope) of at most 1 MB. */
    public FlightSqlServer(QueryService queries, Identities identities, String host, int port) {
        this(queries, identities, host, port, 1 << 20);
    }

    /**
     * @param maxMessageBytes the largest message a client may send, a statement included; a larger one is refused
     *     with {@code RESOURCE_EXHAUSTED} before it is read whole (gRPC's own limit would be 2 GB)
     */
    public FlightSqlServer(QueryService queries, Identities identities, String host, int port, int maxMessageBytes) {
        this.queries = queries;
        this.identities = identities;
        this.host = host;
        this.port = port;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** The port the server listens on, once started; -1 when it is not running. */
    public int port() {
        return server == null ? -1 : server.getPort();
    }

    @Override
    public synchronized void start() {
        allocator = new RootAllocator();
        BasicCallHeaderAuthenticator.CredentialValidator validator = (user, password) -> {
            try {
                String identity = identities.identify(user, password);
                return () -> identity;
            } catch (MeshProblem problem) {
                throw CallStatus.UNAUTHENTICATED
                        .withDescription(problem.getMessage().replace(Identities.HEADER, "the user name"))
                        .toRuntimeException();
            }
        };
        route = new FlightSqlRoute(queries, allocator);
        var candidate = FlightServer.builder(allocator, Location.forGrpcInsecure(host, port), route)
                .headerAuthenticator(new GeneratedBearerTokenAuthenticator(new BasicCallHeaderAuthenticator(validator)))
                .maxInboundMessageSize(maxMessageBytes)
                .setMaxHeaderListSize(MAX_HEADERS_BYTES)
                .build();
        try {
            candidate.start();
            server = candidate;
            log.info("Flight SQL serves the query service on {}:{}", host, server.getPort());
            if (identities instanceof TrustedIdentities) {
                log.warn("Flight SQL takes the user name as the domain without checking the password: "
                        + TrustedIdentities.WARNING);
            }
        } catch (IOException e) {
            log.warn(
                    "Flight SQL could not listen on {}:{} ({}); the query service runs without it. Set"
                            + " mesh.query.flight.port to a free port, or mesh.query.flight.enabled=false.",
                    host,
                    port,
                    e.getMessage());
            closeQuietly(candidate);
            allocator.close();
            allocator = null;
        }
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            closeQuietly(server);
            server = null;
        }
        if (route != null) {
            route.close();
            route = null;
        }
        if (allocator != null) {
            allocator.close();
            allocator = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    private static void closeQuietly(FlightServer server) {
        try {
            server.shutdown();
            server.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("Closing the Flight SQL server: {}", e.getMessage());
        }
    }
}
