package dev.meshshop.platform.query;

import dev.meshshop.platform.identity.Callers;
import dev.meshshop.platform.identity.IdentityRefusal;
import dev.meshshop.platform.identity.MeshCallers;
import java.io.IOException;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.auth2.Auth2Constants;
import org.apache.arrow.flight.auth2.AuthUtilities;
import org.apache.arrow.flight.auth2.BasicCallHeaderAuthenticator;
import org.apache.arrow.flight.auth2.CallHeaderAuthenticator;
import org.apache.arrow.flight.auth2.GeneratedBearerTokenAuthenticator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Serves the query service over Arrow Flight SQL on {@code mesh.query.flight.host:port}: JDBC clients connect with
 * {@code jdbc:arrow-flight-sql://localhost:32010?useEncryption=false&user=<domain>&password=<password>} (a domain
 * member's password or its client's secret), or {@code ...&token=<a token of the mesh's issuer>}. Both are checked
 * by {@link Callers} and mapped to the caller's domain; a wrong one is {@code UNAUTHENTICATED}, an identity that acts
 * for no domain {@code PERMISSION_DENIED}. After user and password, the session carries a bearer token of the
 * server's own. A port that is taken is logged and the rest of the application runs on without this route.
 */
public final class FlightSqlServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FlightSqlServer.class);

    /** The most header bytes a call may send: a user name and password, or a bearer token, fit many times. */
    static final int MAX_HEADERS_BYTES = 64 * 1024;

    private final QueryService queries;
    private final Callers callers;
    private final String host;
    private final int port;
    private final int maxMessageBytes;
    private BufferAllocator allocator;
    private FlightSqlRoute route;
    private FlightServer server;

    /** A server that takes messages (a statement with its envelope) of at most 1 MB. */
    public FlightSqlServer(QueryService queries, Callers callers, String host, int port) {
        this(queries, callers, host, port, 1 << 20);
    }

    /**
     * @param maxMessageBytes the largest message a client may send, a statement included; a larger one is refused
     *     with {@code RESOURCE_EXHAUSTED} before it is read whole (gRPC's own limit would be 2 GB)
     */
    public FlightSqlServer(QueryService queries, Callers callers, String host, int port, int maxMessageBytes) {
        this.queries = queries;
        this.callers = callers;
        this.host = host;
        this.port = port;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** The domain of the caller with {@code user} and {@code secret}, or the refusal as Flight's status. */
    private String domainOf(String user, String secret) {
        try {
            return callers.authenticate(user, secret).domainOrRefuse();
        } catch (IdentityRefusal refusal) {
            var status = refusal.status() == 401 ? CallStatus.UNAUTHENTICATED : CallStatus.UNAUTHORIZED;
            throw status.withDescription(refusal.getMessage()).toRuntimeException();
        }
    }

    private static String bearer(CallHeaders headers) {
        return AuthUtilities.getValueFromAuthHeader(headers, Auth2Constants.BEARER_PREFIX);
    }

    /** The port the server listens on, once started; -1 when it is not running. */
    public int port() {
        return server == null ? -1 : server.getPort();
    }

    @Override
    public synchronized void start() {
        allocator = new RootAllocator();
        BasicCallHeaderAuthenticator.CredentialValidator validator = (user, password) -> {
            String domain = domainOf(user, password);
            return () -> domain;
        };
        var passwords = new GeneratedBearerTokenAuthenticator(new BasicCallHeaderAuthenticator(validator));
        CallHeaderAuthenticator meshTokens = headers -> {
            String token = bearer(headers);
            if (token != null && MeshCallers.looksLikeToken(token)) {
                String domain = domainOf(null, token);
                return () -> domain;
            }
            return passwords.authenticate(headers);
        };
        route = new FlightSqlRoute(queries, allocator);
        var candidate = FlightServer.builder(allocator, Location.forGrpcInsecure(host, port), route)
                .headerAuthenticator(meshTokens)
                .maxInboundMessageSize(maxMessageBytes)
                .setMaxHeaderListSize(MAX_HEADERS_BYTES)
                .build();
        try {
            candidate.start();
            server = candidate;
            log.info("Flight SQL serves the query service on {}:{}", host, server.getPort());
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
