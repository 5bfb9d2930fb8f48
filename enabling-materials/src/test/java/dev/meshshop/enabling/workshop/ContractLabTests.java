package dev.meshshop.enabling.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.enabling.labsql.ResultTable;
import dev.meshshop.platform.contracts.DataContracts;
import dev.meshshop.platform.contracts.check.ContractTester;
import dev.meshshop.platform.contracts.diff.ContractDiff;
import dev.meshshop.platform.simulation.ShopCalendar;
import dev.meshshop.platform.storage.ProductId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Extra 1 in the workshop's mesh: the contract of payment.payments, edited as the lab says, fails the contract test
 * on the published data and the breaking-change check exactly as the lab states.
 */
@LabMesh
class ContractLabTests {

    static final Lab LAB = Lab.read("x-1-break-a-contract.md");

    static final Path PAYMENTS =
            Path.of("../domains/payment/src/main/resources/mesh/payment/products/payments/payments.odcs.yaml");

    /** The mesh judges the simulated year's data as of its end; so does the lab's command line, through the data. */
    static final Clock AS_OF = Clock.fixed(ShopCalendar.AS_OF, ZoneOffset.UTC);

    @Autowired
    FilledMesh mesh;

    @Test
    void aPromiseThePublishedDataDoesNotKeepFailsItsCheck() throws Exception {
        String promise = ContractEdits.replaceProperty(
                Files.readString(PAYMENTS), "amount", LAB.block("yaml", "amount-at-most-500"));
        var published =
                mesh.directory().latest(ProductId.parse("payment.payments")).orElseThrow();

        var report = ContractTester.create()
                .withClock(AS_OF)
                .testParquet(published.dataFile().toString(), DataContracts.parse(promise, "lab x-1"));

        assertThat(report.blocks()).isTrue();
        var failures = report.failures().stream()
                .map(failure -> List.of(failure.element(), failure.check(), failure.measured()))
                .toList();
        LAB.assertShows("amount-at-most-500", new ResultTable(List.of("element", "check", "measured"), failures));
    }

    @Test
    void aRenamedColumnIsABreakingChangeThatNeedsANewMajorVersion() throws Exception {
        String current = Files.readString(PAYMENTS);
        String renamed =
                ContractEdits.replaceProperty(current, "failed_attempts", LAB.block("yaml", "renamed-failed-attempts"));

        var diff = ContractDiff.compare(
                DataContracts.parse(current, "payments.odcs.yaml"), DataContracts.parse(renamed, "lab x-1"));

        assertThat(diff.blocks()).isTrue();
        var changes = diff.changes().stream()
                .map(change -> List.of(change.compatibility().name().toLowerCase(Locale.ROOT), change.path()))
                .toList();
        LAB.assertShows("renamed-failed-attempts", new ResultTable(List.of("compatibility", "path"), changes));
    }
}
