package dev.meshshop.platform.query;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import dev.meshshop.platform.access.MeshProblem;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.NoOpFlightSqlProducer;
import org.apache.arrow.flight.sql.impl.FlightSql;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBResultSet;

/**
 * The query service for JDBC and ADBC clients, over Arrow Flight SQL: the same checks, grants, limits and audit as
 * {@code POST /api/query}, with DuckDB's result handed over as Arrow batches. The caller is the authenticated
 * Flight peer (user name and password or a token of the mesh, checked by {@code Callers}).
 *
 * <p>A statement runs when it is prepared (or asked for its flight info), so that its schema is the real one; the
 * rows wait for the client's fetch. A statement nobody fetches is closed at the query timeout, which gives its turn
 * back (see {@code mesh.query.concurrency}).
 */
final class FlightSqlRoute extends NoOpFlightSqlProducer {

    private static final int BATCH_ROWS = 64 * 1024;

    private final QueryService queries;
    private final BufferAllocator allocator;
    private final Map<ByteString, Running> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "mesh-flight-expiry");
        thread.setDaemon(true);
        return thread;
    });

    FlightSqlRoute(QueryService queries, BufferAllocator allocator) {
        this.queries = queries;
        this.allocator = allocator;
    }

    /** A statement started for a client, its rows not yet fetched. */
    private record Running(
            String identity,
            String sql,
            Execution execution,
            ArrowReader reader,
            long startedNanos,
            AtomicBoolean claimed) {

        /** Claims the rows, for a fetch or for expiry: only one of them gets them. */
        boolean claim() {
            return claimed.compareAndSet(false, true);
        }
    }

    @Override
    public void createPreparedStatement(
            FlightSql.ActionCreatePreparedStatementRequest request,
            CallContext context,
            StreamListener<Result> listener) {
        try {
            var handle = handle();
            var started = start(context.peerIdentity(), request.getQuery());
            track(handle, started);
            var result = FlightSql.ActionCreatePreparedStatementResult.newBuilder()
                    .setPreparedStatementHandle(handle)
                    .setDatasetSchema(schemaBytes(started))
                    .setParameterSchema(ByteString.copyFrom(new Schema(List.of()).serializeAsMessage()))
                    .build();
            listener.onNext(new Result(Any.pack(result).toByteArray()));
            listener.onCompleted();
        } catch (RuntimeException e) {
            listener.onError(flightError(e));
        }
    }

    @Override
    public FlightInfo getFlightInfoPreparedStatement(
            FlightSql.CommandPreparedStatementQuery command, CallContext context, FlightDescriptor descriptor) {
        var handle = command.getPreparedStatementHandle();
        var prepared = running.get(handle);
        if (prepared == null || !prepared.identity().equals(context.peerIdentity())) {
            throw CallStatus.NOT_FOUND
                    .withDescription("No prepared statement with this handle: prepare it again")
                    .toRuntimeException();
        }
        if (prepared.execution().isClosed()) { // executed before: run it again
            prepared = start(prepared.identity(), prepared.sql());
            track(handle, prepared);
        }
        return info(prepared, descriptor, command);
    }

    @Override
    public void getStreamPreparedStatement(
            FlightSql.CommandPreparedStatementQuery command, CallContext context, ServerStreamListener listener) {
        stream(running.get(command.getPreparedStatementHandle()), context, listener);
    }

    @Override
    public void closePreparedStatement(
            FlightSql.ActionClosePreparedStatementRequest request,
            CallContext context,
            StreamListener<Result> listener) {
        var prepared = running.remove(request.getPreparedStatementHandle());
        if (prepared != null) {
            close(prepared);
        }
        listener.onCompleted();
    }

    @Override
    public FlightInfo getFlightInfoStatement(
            FlightSql.CommandStatementQuery command, CallContext context, FlightDescriptor descriptor) {
        var handle = handle();
        var started = start(context.peerIdentity(), command.getQuery());
        track(handle, started);
        return info(
                started,
                descriptor,
                FlightSql.TicketStatementQuery.newBuilder()
                        .setStatementHandle(handle)
                        .build());
    }

    @Override
    public void getStreamStatement(
            FlightSql.TicketStatementQuery ticket, CallContext context, ServerStreamListener listener) {
        stream(running.remove(ticket.getStatementHandle()), context, listener);
    }

    private Running start(String identity, String sql) {
        expireUnfetched();
        try {
            var execution = queries.start(identity, sql, null, "flight-sql");
            try {
                var reader = (ArrowReader)
                        ((DuckDBResultSet) execution.resultSet()).arrowExportStream(allocator, BATCH_ROWS);
                return new Running(identity, sql, execution, reader, System.nanoTime(), new AtomicBoolean());
            } catch (SQLException e) {
                throw execution.failed(e);
            }
        } catch (MeshProblem problem) {
            throw flightError(problem);
        }
    }

    private FlightInfo info(Running started, FlightDescriptor descriptor, Message ticket) {
        try {
            return new FlightInfo(
                    started.reader().getVectorSchemaRoot().getSchema(),
                    descriptor,
                    List.of(new FlightEndpoint(new Ticket(Any.pack(ticket).toByteArray()))),
                    -1,
                    -1);
        } catch (IOException e) {
            close(started);
            throw CallStatus.INTERNAL.withDescription(e.getMessage()).toRuntimeException();
        }
    }

    /** Sends the rows as Arrow batches, up to the row cap, then closes the statement's engine. */
    private void stream(Running started, CallContext context, ServerStreamListener listener) {
        if (started == null || !started.identity().equals(context.peerIdentity())) {
            listener.error(CallStatus.NOT_FOUND
                    .withDescription("No statement with this ticket: run it again")
                    .toRuntimeException());
            return;
        }
        if (!started.claim()) {
            listener.error(CallStatus.NOT_FOUND
                    .withDescription("The statement's rows were not fetched within the query timeout and were"
                            + " dropped: run it again")
                    .toRuntimeException());
            return;
        }
        var execution = started.execution();
        boolean sent = false;
        try {
            var root = started.reader().getVectorSchemaRoot();
            listener.start(root);
            long left = execution.maxRows();
            while (left > 0 && started.reader().loadNextBatch()) {
                if (root.getRowCount() > left) {
                    root.setRowCount((int) left);
                }
                left -= root.getRowCount();
                execution.sent(root.getRowCount());
                listener.putNext();
            }
            // the read is in the usage audit before the client sees the end of its rows
            close(started);
            sent = true;
            listener.completed();
        } catch (IOException | RuntimeException e) {
            var cause = e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
            listener.error(flightError(execution.failed(cause)));
        } finally {
            if (!sent) {
                close(started);
            }
        }
    }

    private void close(Running started) {
        try {
            started.reader().close();
        } catch (IOException | RuntimeException ignored) {
            // the engine goes with the execution
        }
        started.execution().close();
    }

    /**
     * Keeps a started statement for its fetch, and closes it at the query timeout if nobody fetched it: its engine
     * and its turn go back, whatever the client does. A prepared statement closed this way runs again when it is
     * executed again.
     */
    private void track(ByteString handle, Running started) {
        running.put(handle, started);
        long left = Math.max(
                0, queries.limits().timeout().toMillis() - started.execution().elapsedMs());
        expiry.schedule(
                () -> {
                    if (started.claim()) {
                        close(started);
                    }
                },
                left,
                TimeUnit.MILLISECONDS);
    }

    /** Closes every statement not fetched yet: the server stops. */
    @Override
    public void close() {
        expiry.shutdownNow();
        running.values().forEach(this::close);
        running.clear();
    }

    /** Closes statements prepared and never fetched for longer than the query timeout. */
    private void expireUnfetched() {
        long limit = queries.limits().timeout().multipliedBy(2).toNanos();
        running.entrySet().removeIf(entry -> {
            boolean stale = System.nanoTime() - entry.getValue().startedNanos() > limit;
            if (stale && entry.getValue().claim()) {
                close(entry.getValue());
            }
            return stale;
        });
    }

    private static ByteString schemaBytes(Running started) {
        try {
            return ByteString.copyFrom(
                    started.reader().getVectorSchemaRoot().getSchema().serializeAsMessage());
        } catch (IOException e) {
            throw CallStatus.INTERNAL.withDescription(e.getMessage()).toRuntimeException();
        }
    }

    private static ByteString handle() {
        return ByteString.copyFromUtf8(UUID.randomUUID().toString());
    }

    /** A refusal as the Flight status that says the same, with the problem's detail. */
    static FlightRuntimeException flightError(RuntimeException e) {
        if (e instanceof FlightRuntimeException flight) {
            return flight;
        }
        if (!(e instanceof MeshProblem problem)) {
            return CallStatus.INTERNAL
                    .withDescription(e.toString())
                    .withCause(e)
                    .toRuntimeException();
        }
        var status =
                switch (problem.status()) {
                    case 400 -> CallStatus.INVALID_ARGUMENT;
                    case 401 -> CallStatus.UNAUTHENTICATED;
                    case 403 -> CallStatus.UNAUTHORIZED;
                    case 404 -> CallStatus.NOT_FOUND;
                    case 503 -> CallStatus.UNAVAILABLE;
                    case 504 -> CallStatus.TIMED_OUT;
                    default -> CallStatus.INTERNAL;
                };
        return status.withDescription(problem.title() + ": " + problem.getMessage())
                .toRuntimeException();
    }
}
