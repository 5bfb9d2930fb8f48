package dev.meshshop.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshshop.platform.contracts.check.ContractTester;
import dev.meshshop.platform.contracts.junit.ContractAssertions;
import dev.meshshop.platform.operational.OperationalDatabases;
import dev.meshshop.platform.pipelines.CleaningReport;
import dev.meshshop.platform.simulation.DeliveryTally;
import dev.meshshop.platform.simulation.ShopCalendar;
import dev.meshshop.platform.simulation.SimulatedRecord;
import dev.meshshop.platform.simulation.Simulations;
import dev.meshshop.platform.starter.DomainRuntime;
import dev.meshshop.platform.starter.DomainRuntime.RefreshReport;
import dev.meshshop.platform.starter.MeshRuntime;
import dev.meshshop.platform.storage.DataProduct;
import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.ProductId;
import dev.meshshop.platform.storage.PublishedPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * One domain's path in a {@link MeshPathTest}, from the events its system sends to the products it publishes, and
 * the checks every domain's path test makes. Register it as a static field; it finds the mesh of the test class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final DomainPath payment = DomainPath.of(PaymentDomain.NAME);
 * }</pre>
 *
 * <p>The path: {@link #send} the simulated system's records to Kafka, {@link #refresh()} (wait until ingest stored
 * them, then clean, model and publish), and read what was published: {@link #published} for a product's snapshot,
 * {@link #products()} for SQL over every published product, {@link #area()} for the domain's own zones. A consumer
 * publishes {@link #standIn stand-ins} of the products it reads before it refreshes.
 *
 * <p>The checks every domain makes: {@link #assertFaultsPlanted}, {@link #assertQuarantined},
 * {@link #assertNothingVanished} and {@link #assertEveryProductPassedTheGates()}. What is the domain's own knowledge
 * (its events, the rows it expects, the truths its simulator planted) stays in its test.
 */
public final class DomainPath implements BeforeAllCallback, AfterAllCallback {

    /** How long ingest may take to store what a test sent. */
    public static final Duration INGEST_TIMEOUT = Duration.ofSeconds(60);

    /** The clock the mesh judges the simulated year's data by: as of its end. */
    public static final Clock AS_OF = Clock.fixed(ShopCalendar.AS_OF, ZoneOffset.UTC);

    private final String domain;
    private ApplicationContext context;
    private long sent;
    private RefreshReport lastRefresh;
    private ProductQueries products;

    private DomainPath(String domain) {
        this.domain = domain;
    }

    /** The path of {@code domain}, which must be on the test's class path. */
    public static DomainPath of(String domain) {
        return new DomainPath(domain);
    }

    @Override
    public void beforeAll(ExtensionContext extension) {
        context = SpringExtension.getApplicationContext(extension);
        sent = 0;
        lastRefresh = null;
    }

    @Override
    public void afterAll(ExtensionContext extension) {
        closeProducts();
        context = null;
    }

    /** The domain's name. */
    public String name() {
        return domain;
    }

    /** The domain as the mesh runs it: its area, its ingest and its refresh. */
    public DomainRuntime runtime() {
        return bean(MeshRuntime.class).domain(domain);
    }

    /** The domain's DuckDB area: its raw, quarantine, clean, model and external zones. */
    public DomainArea area() {
        return runtime().area();
    }

    public MeshLayout layout() {
        return bean(MeshLayout.class);
    }

    public MeshDirectory directory() {
        return bean(MeshDirectory.class);
    }

    /**
     * Sends {@code records} to Kafka, as the domain's operational system does, and waits until the broker has
     * acknowledged all of them.
     */
    public Simulations.Sent send(Iterator<SimulatedRecord> records) {
        var result = bean(Simulations.class).send(domain, records, count -> {});
        sent += result.records();
        return result;
    }

    /** The domain's operational database, for a test that drives the system's services itself. */
    public DataSource operationalDatabase() {
        return bean(OperationalDatabases.class).database(domain);
    }

    /**
     * Counts {@code records} as sent by this path, for a test that sends them on its own (through an outbox relay
     * it runs itself, for example), so that the checks of what vanished know about them.
     */
    public void countSent(long records) {
        sent += records;
    }

    /** A producer with the settings the simulated systems send with; the caller closes it. */
    public Producer<String, byte[]> producer() {
        return bean(Simulations.class).producer();
    }

    /** How many records this path sent so far. */
    public long sent() {
        return sent;
    }

    /** Waits, for {@link #INGEST_TIMEOUT} at most, until ingest has stored every record on the domain's topics. */
    public void awaitIngest() {
        var runtime = runtime();
        if (!runtime.domain().emitsEvents()) {
            return;
        }
        try (var admin = Admin.create(bean(KafkaAdmin.class).getConfigurationProperties())) {
            await().atMost(INGEST_TIMEOUT).until(() -> runtime.ingestRemaining(admin) == 0);
        }
    }

    /**
     * Waits until ingest has stored what was sent, then refreshes the domain as the mesh does: cleans, points the
     * input ports at their producers' snapshots, models and publishes every product, or none.
     */
    public RefreshReport refresh() {
        awaitIngest();
        closeProducts();
        lastRefresh = runtime().refresh();
        return lastRefresh;
    }

    /** What cleaning reported at the last {@link #refresh()}. */
    public CleaningReport cleaning() {
        assertThat(lastRefresh).as("a refresh of " + domain).isNotNull();
        return lastRefresh.cleaning();
    }

    /** The current snapshot of the domain's product {@code name}, such as {@code orders} for checkout.orders. */
    public PublishedPort published(String name) {
        var id = ProductId.parse(domain + "." + name);
        return directory().latest(id).orElseThrow(() -> new AssertionError(id + " is not published"));
    }

    /**
     * SQL over every product published in this mesh, under the mesh's names ({@code checkout.orders}), as a consumer
     * reads them: DuckDB over the Parquet snapshots, no area involved.
     */
    public ProductQueries products() {
        if (products == null) {
            products = new ProductQueries(layout());
        }
        return products;
    }

    /**
     * Publishes a stand-in of a product this domain reads, in this mesh; see
     * {@link StandIns#publish(MeshLayout, String, String, String, Collection, Function)}.
     */
    public <T> PublishedPort standIn(
            String folder, String table, String columns, Collection<T> rows, Function<? super T, Object[]> values) {
        closeProducts();
        return StandIns.publish(layout(), folder, table, columns, rows, values);
    }

    /** Asserts that the simulator planted every kind of delivery fault: a test of their handling needs them. */
    public static void assertFaultsPlanted(DeliveryTally delivery) {
        assertThat(delivery.duplicates()).as("duplicates planted").isPositive();
        assertThat(delivery.notJson()).as("records planted that are not JSON").isPositive();
        assertThat(delivery.noEventId())
                .as("envelopes planted without an event id")
                .isPositive();
        assertThat(delivery.unknownType())
                .as("envelopes planted with an unknown type")
                .isPositive();
    }

    /** Asserts that the quarantine holds exactly the delivery faults planted, each under its rule. */
    public void assertQuarantined(DeliveryTally delivery) {
        assertQuarantined(delivery, Map.of());
    }

    /**
     * Asserts that the quarantine holds exactly the delivery faults planted and {@code more} (by {@code stage/rule},
     * such as {@code clean/invalid-field}), each with its reason.
     */
    public void assertQuarantined(DeliveryTally delivery, Map<String, Long> more) {
        var expected = new TreeMap<String, Long>(more);
        expected.put("ingest/not-json", delivery.notJson());
        expected.put("ingest/no-event-id", delivery.noEventId());
        expected.put("ingest/unknown-type", delivery.unknownType());
        expected.put("clean/duplicate", delivery.duplicates());
        assertQuarantined(expected);
    }

    /**
     * Asserts that the quarantine holds exactly {@code byRule} (by {@code stage/rule}, such as
     * {@code ingest/not-json}), every record with its reason and with what was received (a tombstone has nothing).
     */
    public void assertQuarantined(Map<String, Long> byRule) {
        assertThat(area().quarantinedByRule()).as("quarantined by rule").isEqualTo(byRule);
        assertThat(quarantined("reason = '' OR (original IS NULL AND rule <> 'tombstone')"))
                .as("records quarantined without a reason or without what was received")
                .isZero();
    }

    /**
     * How many records the domain's quarantine holds that match {@code where}, a SQL condition on its columns
     * ({@code stage}, {@code rule}, {@code reason}, {@code topic}, {@code original} and more), such as
     * {@code rule = 'invalid-field' AND reason LIKE '%/orderTotal%'}.
     */
    public long quarantined(String where) {
        return area().queryLong("SELECT count(*) FROM quarantine.records WHERE " + where);
    }

    /**
     * Asserts that nothing vanished: every record sent (all the delivery's) is a clean row or in quarantine, and the
     * clean tables hold {@code cleanRows}.
     */
    public void assertNothingVanished(DeliveryTally delivery, Map<String, Long> cleanRows) {
        assertThat(sent).as("records sent").isEqualTo(delivery.records());
        assertNothingVanished(delivery.records());
        assertThat(cleaning().cleanRows()).as("clean rows by table").isEqualTo(cleanRows);
    }

    /** Asserts that nothing vanished: each of the {@code records} Kafka delivered is a clean row or in quarantine. */
    public void assertNothingVanished(long records) {
        var cleaning = cleaning();
        long quarantinedAtIngest = quarantined("stage = 'ingest'");
        assertThat(cleaning.balanced()).as("cleaning balanced: %s", cleaning).isTrue();
        assertThat(cleaning.input() + quarantinedAtIngest)
                .as("records cleaned plus records quarantined at ingest")
                .isEqualTo(records);
    }

    /**
     * Asserts that every product of the domain was published through the mesh's publish gates: the contract gate
     * and the governance gate passed it (and its data was scanned for personal data in clear); the snapshot's
     * contract is the domain's, valid ODCS; and a consumer testing the snapshot against it, as of the end of the
     * simulated year, finds no failure.
     */
    public void assertEveryProductPassedTheGates() {
        var folders = runtime().domain().products();
        assertThat(folders).as("the products of " + domain).isNotEmpty();
        var tester = ContractTester.create().withClock(AS_OF);
        for (String folder : folders) {
            var product =
                    DataProduct.fromClasspath(folder, Thread.currentThread().getContextClassLoader());
            if (product.waitsFor(directory())) {
                // it waits for an optional input port this path does not publish, as the domain does (ADR 27)
                continue;
            }
            for (var port : product.ports()) {
                var published = directory()
                        .find(product.id(), port.major())
                        .orElseThrow(
                                () -> new AssertionError(product.id() + " v" + port.major() + " is not published"));
                assertThat(published.audits())
                        .as("the gates %s passed", product.id())
                        .extracting(audit -> audit.gate() + " blocks=" + audit.blocks())
                        .containsExactlyInAnyOrder("contract blocks=false", "governance blocks=false");
                assertThat(published.audits())
                        .filteredOn(audit -> audit.gate().equals("governance"))
                        .singleElement()
                        .satisfies(audit -> assertThat(audit.reportJson())
                                .contains("\"id\":\"no-personal-data-in-clear\",")
                                .doesNotContain("\"status\":\"failed\""));

                Path source =
                        Path.of("src/main/resources", folder, port.outputPort().contract());
                var contract = ContractAssertions.assertValidContract(source);
                assertThat(published.contractYaml())
                        .as("the contract of " + product.id())
                        .isEqualTo(read(source));
                try {
                    var report = tester.testParquet(published.dataFile().toString(), contract);
                    assertThat(report.failures()).as(report::toText).isEmpty();
                } catch (SQLException e) {
                    throw new IllegalStateException("Cannot test " + published.dataFile(), e);
                }
            }
        }
    }

    /**
     * Asserts that every question of the domain's dashboards ({@code mesh/<domain>/dashboards/*.yaml}) answers with
     * at least one row from the products published in this mesh: for dashboards that read the domain's own products
     * and those it has stand-ins of (a question that joins other domains' products runs in the launcher's tests).
     */
    public void assertEveryDashboardQuestionAnswers() {
        try {
            var dashboards = new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:mesh/" + domain + "/dashboards/*.yaml");
            assertThat(dashboards).as("the dashboards of " + domain).isNotEmpty();
            var yaml = new ObjectMapper(new YAMLFactory());
            for (var dashboard : dashboards) {
                for (JsonNode question :
                        yaml.readTree(dashboard.getInputStream()).path("questions")) {
                    assertThat(products().rows(question.path("sql").asText()))
                            .as(question.path("name").asText())
                            .isNotEmpty();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A bean of the test's mesh, for what the path offers no method for, such as the domains' captures. */
    public <T> T bean(Class<T> type) {
        assertThat(context).as("the mesh of a @MeshPathTest, for " + domain).isNotNull();
        return context.getBean(type);
    }

    private void closeProducts() {
        if (products != null) {
            products.close();
            products = null;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
