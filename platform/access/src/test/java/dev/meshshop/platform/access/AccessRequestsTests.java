package dev.meshshop.platform.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.ProductDescriptor;
import dev.meshshop.platform.storage.ProductId;
import dev.meshshop.platform.storage.ProductKind;
import dev.meshshop.platform.storage.StandInProducts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access requests as the mesh keeps them: who may do what, every state change with who, when and why, kept across
 * restarts and safe under concurrent writers.
 */
class AccessRequestsTests {

    static final ProductId ORDERS = ProductId.parse("checkout.orders");

    @TempDir
    Path dataDir;

    MeshLayout layout;
    AccessRequests access;

    @BeforeEach
    void publishOrders() {
        layout = new MeshLayout(dataDir);
        PublishedOrders.publish(layout);
        access = PublishedOrders.access(layout);
    }

    AccessRequests open() {
        return PublishedOrders.access(layout);
    }

    @Test
    void aConsumerRequestsTheOwnerApprovesAndEveryStepIsKept() {
        var requested = access.request("fulfillment", "fulfillment", "checkout.orders", "ship what checkout sold");
        assertThat(requested.state()).isEqualTo(AccessState.PENDING);
        assertThat(access.refusal("fulfillment", ORDERS)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("fulfillment is not granted checkout.orders")
                .contains("waits for checkout-team to approve it"));

        var approved = access.approve(requested.id(), "checkout", "for shipping only");

        assertThat(approved.state()).isEqualTo(AccessState.APPROVED);
        assertThat(approved.history())
                .extracting(StateChange::state, StateChange::actor, StateChange::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AccessState.PENDING, "fulfillment", null),
                        org.assertj.core.groups.Tuple.tuple(AccessState.APPROVED, "checkout", "for shipping only"));
        assertThat(approved.history())
                .allSatisfy(change -> assertThat(change.at()).isNotNull());
        assertThat(access.grants("fulfillment")).containsExactly("checkout.orders");
        assertThat(access.refusal("fulfillment", ORDERS)).isEmpty();

        var revoked = access.revoke(requested.id(), "checkout", "fulfillment moved to a new contract");
        assertThat(revoked.state()).isEqualTo(AccessState.REVOKED);
        assertThat(access.grants("fulfillment")).isEmpty();
        assertThat(access.refusal("fulfillment", ORDERS)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("POST /api/access/requests")
                .contains("\"consumer\":\"fulfillment\",\"product\":\"checkout.orders\""));
    }

    @Test
    void onlyTheOwnerDecidesAndOnlyTheConsumerRequests() {
        problem(
                () -> access.request("payment", "fulfillment", "checkout.orders", "to ship"),
                403,
                "Only domain fulfillment");
        var request = access.request("fulfillment", "fulfillment", "checkout.orders", "to ship");

        problem(
                () -> access.approve(request.id(), "fulfillment", null),
                403,
                "Only checkout, the owner of checkout.orders");
        problem(() -> access.reject(request.id(), "payment", "no"), 403, "your credentials act for payment");
        assertThat(access.find(request.id()).orElseThrow().state()).isEqualTo(AccessState.PENDING);
    }

    @Test
    void badRequestsAreRefusedWithWhatToFix() {
        problem(() -> access.request("fulfillment", "fulfillment", "checkout.orders", " "), 400, "add \"purpose\"");
        problem(() -> access.request("fulfillment", "fulfillment", "orders", "x"), 400, "<domain>.<product>");
        problem(
                () -> access.request("fulfillment", "fulfillment", "checkout.baskets", "x"),
                404,
                "Published products: [checkout.orders]");
        problem(() -> access.request("checkout", "checkout", "checkout.orders", "x"), 400, "owns checkout.orders");

        var request = access.request("fulfillment", "fulfillment", "checkout.orders", "to ship");
        problem(() -> access.request("fulfillment", "fulfillment", "checkout.orders", "again"), 409, request.id());
        access.approve(request.id(), "checkout", null);
        problem(
                () -> access.request("fulfillment", "fulfillment", "checkout.orders", "again"),
                409,
                "which is approved");
        problem(() -> access.reject(request.id(), "checkout", "too late"), 409, "is approved and cannot be rejected");
        problem(() -> access.revoke(request.id(), "checkout", ""), 400, "Say why");
        access.revoke(request.id(), "checkout", "done");
        problem(() -> access.approve(request.id(), "checkout", null), 409, "is revoked");
        problem(() -> access.approve("no-such-id", "checkout", null), 404, "no access request no-such-id");

        // after a revoke the consumer may ask again
        assertThat(access.request("fulfillment", "fulfillment", "checkout.orders", "again")
                        .state())
                .isEqualTo(AccessState.PENDING);
    }

    @Test
    void aRestartReplaysTheLogAndKeepsTheGrants() throws Exception {
        var first = access.request("fulfillment", "fulfillment", "checkout.orders", "to ship");
        access.approve(first.id(), "checkout", null);
        var second = access.request("payment", "payment", "checkout.orders", "to settle");
        access.reject(second.id(), "checkout", "payment reads its own copy");

        var restarted = open();

        assertThat(restarted.grants("fulfillment")).containsExactly("checkout.orders");
        assertThat(restarted.find(second.id()))
                .contains(access.find(second.id()).orElseThrow());
        assertThat(restarted.list(null, null, null))
                .extracting(AccessRequest::id)
                .containsExactly(second.id(), first.id());
        assertThat(Files.readAllLines(AccessRequests.folder(layout).resolve("requests.jsonl")))
                .hasSize(4);
    }

    @Test
    void aProcessThatOnlyReadsCreatesNothingAndSeesWhatWritersAppend() throws Exception {
        var folder = AccessRequests.folder(layout);
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .filter(path -> path.startsWith(folder))
                    .forEach(path -> path.toFile().delete());
        }

        var reader = open();
        var usage = new UsageLog(layout, 10);
        assertThat(reader.grants("fulfillment")).isEmpty();
        assertThat(reader.list(null, null, null)).isEmpty();
        assertThat(usage.list(null, null)).isEmpty();
        assertThat(folder).doesNotExist();

        var writer = open();
        var granted = writer.request("fulfillment", "fulfillment", "checkout.orders", "to ship");
        writer.approve(granted.id(), "checkout", null);

        assertThat(reader.grants("fulfillment")).containsExactly("checkout.orders");
    }

    @Test
    void twoProcessesWritingAtOnceLoseNothingAndSeeEachOther() throws Exception {
        var other = open(); // as another process of the mesh would: its own view of the same log
        var pool = Executors.newFixedThreadPool(8);
        var tasks = new ArrayList<Callable<AccessRequest>>();
        for (int i = 0; i < 40; i++) {
            var writer = i % 2 == 0 ? access : other;
            String consumer = "consumer_" + i;
            tasks.add(() -> {
                var request = writer.request(consumer, consumer, "checkout.orders", "purpose " + consumer);
                return writer.approve(request.id(), "checkout", null);
            });
        }
        // and everyone tries to file the same pair: exactly one wins
        for (int i = 0; i < 8; i++) {
            var writer = i % 2 == 0 ? access : other;
            tasks.add(() -> {
                try {
                    return writer.request("search", "search", "checkout.orders", "which visits bought");
                } catch (MeshProblem conflict) {
                    return null;
                }
            });
        }
        var results = new ArrayList<AccessRequest>();
        for (Future<AccessRequest> result : pool.invokeAll(tasks)) {
            if (result.get() != null) {
                results.add(result.get());
            }
        }
        pool.shutdown();

        assertThat(results).hasSize(41);
        assertThat(access.list(null, null, AccessState.APPROVED)).hasSize(40);
        assertThat(other.list(null, "search", null)).singleElement();
        assertThat(open().list(null, null, null)).hasSize(41);
        assertThat(Files.readAllLines(AccessRequests.folder(layout).resolve("requests.jsonl")))
                .hasSize(81)
                .allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
    }

    @Test
    void aDeclaredInputPortIsFiledOnceAndApprovedAsTheOwnersStandingAgreement() {
        var declared = access.declareInputPort("fulfillment", ORDERS, "Input port of fulfillment.shipments", true);

        assertThat(declared.state()).isEqualTo(AccessState.APPROVED);
        assertThat(declared.history())
                .extracting(StateChange::actor)
                .containsExactly("fulfillment (declared input port)", "checkout-team (standing agreement)");
        assertThat(access.declareInputPort("fulfillment", ORDERS, "again", true))
                .isEqualTo(declared);

        // what the owner revoked stays revoked at the next start
        access.revoke(declared.id(), "checkout", "no longer needed");
        assertThat(access.declareInputPort("fulfillment", ORDERS, "again", true).state())
                .isEqualTo(AccessState.REVOKED);
    }

    @Test
    void withoutStandingAgreementsADeclaredInputPortWaitsForTheOwner() {
        // a product not published yet can be declared: the platform files before producers publish
        var unpublished = ProductId.parse("payment.payments");
        access.declare(descriptor(unpublished, "payment-team"));
        var declared =
                access.declareInputPort("customer360", unpublished, "Input port of customer360.customer_360", false);

        assertThat(declared.state()).isEqualTo(AccessState.PENDING);
        assertThat(access.refusal("customer360", unpublished)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("customer360 is not granted payment.payments")
                .contains("waits for payment-team"));

        // a later start with standing agreements on approves it
        assertThat(access.declareInputPort("customer360", unpublished, "again", true)
                        .state())
                .isEqualTo(AccessState.APPROVED);
    }

    @Test
    void theOwnerTeamIsTheOneTheDescriptorNamesNotOneNamedAfterTheDomain() {
        var returns = ProductId.parse("checkout.returns");
        StandInProducts.publish(layout, "stand-ins/checkout/returns", connection -> {
            connection.createStatement().execute("CREATE TABLE model.returns AS SELECT 'o-1' AS order_id");
            return null;
        });

        var requested = access.request("payment", "payment", "checkout.returns", "refund what comes back");
        assertThat(access.refusal("payment", returns)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("waits for returns-desk to approve it")
                .doesNotContain("checkout-team"));
        access.reject(requested.id(), "checkout", "payment reads refunds from its own ledger");
        assertThat(access.refusal("payment", returns))
                .hasValueSatisfying(reason -> assertThat(reason).endsWith("then returns-desk approves it"));

        var declared = access.declareInputPort("fulfillment", returns, "Input port of fulfillment.restock", true);
        assertThat(declared.history())
                .extracting(StateChange::actor)
                .containsExactly("fulfillment (declared input port)", "returns-desk (standing agreement)");
        assertThat(access.ownerTeam(returns)).isEqualTo("returns-desk");
        assertThat(access.ownerTeam(ORDERS)).isEqualTo("checkout-team");
    }

    @Test
    void beforeItIsPublishedTheOwnerTeamIsTheDeclaredDescriptorsAndWithoutOneTheOwnerDomain() {
        var wishlists = ProductId.parse("search.wishlists");
        assertThat(access.ownerTeam(wishlists)).isEqualTo("search");

        access.declare(descriptor(wishlists, "discovery-squad"));
        var declared = access.declareInputPort("checkout", wishlists, "Input port of checkout.reminders", true);

        assertThat(declared.history())
                .extracting(StateChange::actor)
                .containsExactly("checkout (declared input port)", "discovery-squad (standing agreement)");
    }

    private static ProductDescriptor descriptor(ProductId product, String owner) {
        return new ProductDescriptor(
                product.toString(),
                ProductKind.SOURCE_ALIGNED,
                owner,
                "a product not published yet",
                List.of(new ProductDescriptor.OutputPort(
                        product.name(), "parquet", product.name() + ".odcs.yaml", "model." + product.name())),
                List.of());
    }

    @Test
    void restrictedColumnsAreHiddenUnlessTheContractOpensThemToTheConsumer() {
        var port = new MeshDirectory(layout).latest(ORDERS).orElseThrow();

        assertThat(access.hiddenColumns("fulfillment", port))
                .containsExactlyInAnyOrder("customer_email", "customer_phone");
        assertThat(access.hiddenColumns("customer360", port)).containsExactly("customer_phone");
        assertThat(access.hiddenColumns("checkout", port)).isEmpty();
        assertThat(new RestrictedColumns(List.of("Confidential")).hiddenFrom("fulfillment", port))
                .containsExactly("customer_phone");
    }

    @Test
    void theOwnerReadsItsOwnProductWithoutAGrant() {
        assertThat(access.isGranted("checkout", ORDERS)).isTrue();
        assertThat(access.refusal("checkout", ORDERS)).isEmpty();
        assertThat(access.grants("checkout")).isEmpty();
    }

    private static void problem(ThrowingCallable call, int status, String detail) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(MeshProblem.class, problem -> assertThat(problem.status())
                        .isEqualTo(status))
                .hasMessageContaining(detail);
    }
}
