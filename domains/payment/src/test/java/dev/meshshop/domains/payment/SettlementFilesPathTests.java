package dev.meshshop.domains.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.domains.payment.simulator.PaymentSimulator;
import dev.meshshop.domains.payment.simulator.SettlementFiles;
import dev.meshshop.platform.simulation.Faults;
import dev.meshshop.platform.simulation.ShopYear;
import dev.meshshop.platform.simulation.SimulatedShop;
import dev.meshshop.platform.testkit.DomainPath;
import dev.meshshop.platform.testkit.MeshPathTest;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Payment's legacy export, end to end in one JVM: the payment provider's simulated settlement files land in payment's
 * inbox with their planted quirks (late, sent twice, in another format and re-sent, corrected a week later, rows cut
 * short), payment's events go through a real broker, and one refresh loads the files (ELT) and models them. Every
 * file must be accounted for in the ledger as planted, every bad row and refused file be in quarantine with its
 * reason, and the settlements model must equal what the provider settled, amount for amount.
 */
@MeshPathTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SettlementFilesPathTests {

    @RegisterExtension
    static final DomainPath payment = DomainPath.of(PaymentDomain.NAME);

    static final ShopYear year = SimulatedShop.year(20251231, 0.02);

    static SettlementFiles.Truth truth;
    static Path inbox;

    @BeforeAll
    static void deliverTheFilesSendTheEventsAndRefresh() throws IOException {
        inbox = payment.layout().inbox(PaymentDomain.NAME, SettlementFiles.EXPORT);
        Files.createDirectories(inbox);
        var files = new SettlementFiles();
        long delivered = files.deliver(year, inbox);
        truth = files.truth();
        assertThat(delivered).isEqualTo(truth.files());

        payment.send(new PaymentSimulator(year, Faults.NONE));
        payment.standIn(
                "stand-ins/checkout/orders",
                "model.orders",
                "order_id VARCHAR, total DECIMAL(18,2), shipping_fee DECIMAL(18,2)",
                year.orders(),
                order -> new Object[] {order.id(), order.total(), order.shippingFee()});
        payment.refresh();
    }

    @Test
    @Order(1)
    void everyFileDeliveredIsInTheLedgerWithTheOutcomePlanted() {
        assertThat(counts("SELECT outcome, count(*) FROM raw.files GROUP BY outcome"))
                .isEqualTo(Map.of(
                        "loaded", (long) truth.loaded(),
                        "correction", (long) truth.corrections(),
                        "duplicate", (long) truth.duplicates(),
                        "refused", (long) truth.refused()));
        assertThat(number("SELECT count(*) FROM raw.files")).isEqualTo(truth.files());
        assertThat(number("SELECT count(*) FROM raw.files WHERE late")).isEqualTo(truth.late());
        assertThat(strings("SELECT business_day FROM raw.files WHERE late AND outcome = 'loaded'"
                        + " AND file_name NOT LIKE '%.v2.csv' ORDER BY business_day"))
                .containsExactlyElementsOf(
                        truth.lateDays().stream().map(Object::toString).toList());
        assertThat(strings("SELECT file_name FROM raw.files WHERE outcome = 'refused'"))
                .containsExactly("settlement-" + truth.refusedDay() + ".csv");
        assertThat(strings("SELECT file_name FROM raw.files WHERE outcome = 'correction'"))
                .containsExactly("settlement-" + truth.correctedDay() + ".v2.csv");
        assertThat(number("SELECT count(DISTINCT business_day) FROM raw.files WHERE outcome = 'loaded'"))
                .as("every day of the year has its file")
                .isEqualTo(truth.days());
        assertThat(Files.exists(inbox.resolve("settlement-" + truth.refusedDay() + ".csv")))
                .as("no file is left in the inbox")
                .isFalse();
    }

    @Test
    @Order(2)
    void theRefusedFileAndTheRowsCutShortAreInQuarantineWithTheirReasons() {
        assertThat(counts("SELECT rule, count(*) FROM quarantine.records WHERE stage = 'file-load' GROUP BY rule"))
                .isEqualTo(Map.of("unexpected-header", 1L, "bad-row", (long) truth.rowsCutShort()));
        assertThat(strings("SELECT reason FROM quarantine.records WHERE rule = 'unexpected-header'"))
                .singleElement()
                .asString()
                .contains("payment_id;order_id;method", "expects 'payment_id,order_id,method,gross,fee,net,currency'");
        assertThat(strings("SELECT reason FROM quarantine.records WHERE rule = 'bad-row' ORDER BY reason"))
                .allSatisfy(reason -> assertThat(reason).contains("has 5 fields, and the header names 7"));
        assertThat(number("SELECT sum(rows) FROM raw.files"))
                .as("every row the ledger counts is in the raw table")
                .isEqualTo(number("SELECT count(*) FROM raw.settlements"));
        assertThat(number("SELECT sum(quarantined) FROM raw.files")).isEqualTo(truth.rowsCutShort());
    }

    @Test
    @Order(3)
    void theSettlementsAreWhatTheProviderSettledWithTheCorrectionAndWithoutTheRowsCutShort() {
        assertThat(number("SELECT count(*) FROM model.settlements")).isEqualTo(truth.settledPayments());
        assertThat(decimal("SELECT sum(gross) FROM model.settlements")).isEqualByComparingTo(truth.gross());
        assertThat(decimal("SELECT sum(fee) FROM model.settlements")).isEqualByComparingTo(truth.fees());
        assertThat(decimal("SELECT sum(gross - fee - net) FROM model.settlements"))
                .isZero();
        assertThat(strings("SELECT payment_id FROM clean.payment_authorized WHERE payment_id NOT IN"
                        + " (SELECT payment_id FROM model.settlements) AND occurred_at < TIMESTAMP '2026-01-01'"
                        + " ORDER BY payment_id"))
                .as("the payments whose rows were cut short are not settled")
                .containsExactlyInAnyOrderElementsOf(truth.unsettledPayments());
        assertThat(number("SELECT count(*) FROM model.settlements WHERE NOT matches_report"))
                .as("the provider's amounts agree with payment's cleaned authorizations, amounts in cents repaired")
                .isZero();
    }

    @Test
    @Order(4)
    void aFileDeliveredLaterIsLoadedByTheNextRefreshAndAnUnchangedInboxLoadsNothing() throws IOException {
        long settledBefore = number("SELECT count(*) FROM model.settlements");
        var day = truth.lateDays().get(0);
        var rows = new ArrayList<String>(strings("SELECT payment_id || ',' || order_id || ',' || method || ',' || gross"
                + " || ',0.00,' || gross || ',' || currency FROM model.settlements WHERE settled_on = DATE '" + day
                + "' ORDER BY payment_id"));
        Path file = inbox.resolve("settlement-" + day + ".v3.csv");
        Files.writeString(file, String.join(",", SettlementFiles.HEADER) + "\n" + String.join("\n", rows) + "\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-20T09:00:00Z")));

        payment.refresh();

        assertThat(number("SELECT count(*) FROM model.settlements")).isEqualTo(settledBefore);
        assertThat(decimal("SELECT sum(fee) FROM model.settlements WHERE settled_on = DATE '" + day + "'"))
                .isZero();
        assertThat(strings(
                        "SELECT outcome || ' ' || late FROM raw.files WHERE file_name = '" + file.getFileName() + "'"))
                .containsExactly("correction true");

        long files = number("SELECT count(*) FROM raw.files");
        payment.refresh();
        assertThat(number("SELECT count(*) FROM raw.files")).isEqualTo(files);
    }

    @Test
    @Order(5)
    void paymentsProductsStillPassTheirGates() {
        payment.assertEveryProductPassedTheGates();
    }

    private static long number(String sql) {
        return payment.area().queryLong(sql);
    }

    private static BigDecimal decimal(String sql) {
        return payment.area().withConnection(connection -> {
            try (var statement = connection.createStatement();
                    var result = statement.executeQuery(sql)) {
                result.next();
                return result.getBigDecimal(1);
            }
        });
    }

    private static List<String> strings(String sql) {
        return payment.area().queryTexts(sql);
    }

    private static Map<String, Long> counts(String sql) {
        return payment.area().withConnection(connection -> {
            var counts = new TreeMap<String, Long>();
            try (var statement = connection.createStatement();
                    var result = statement.executeQuery(sql)) {
                while (result.next()) {
                    counts.put(result.getString(1), result.getLong(2));
                }
            }
            return counts;
        });
    }
}
