package dev.meshshop.platform.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.MeshLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A domain's inbox takes every delivered file once, loads what it can, and accounts for every file and row. */
class FileInboxTests {

    static final FileExport SETTLEMENTS = new FileExport(
            "shop",
            "settlements",
            Pattern.compile("settlement-(?<day>\\d{4}-\\d{2}-\\d{2})(?:\\.[a-z0-9]+)?\\.csv"),
            List.of(
                    FileExport.Column.code("payment_id"),
                    FileExport.Column.text("amount"),
                    FileExport.Column.decimal("fee")),
            Duration.ofHours(6),
            1_000);

    static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");

    @TempDir
    Path dataDir;

    DomainArea area;
    Path inbox;

    @BeforeEach
    void open() {
        var layout = new MeshLayout(dataDir);
        area = DomainArea.open(layout, "shop");
        inbox = layout.inbox("shop", "settlements");
    }

    @AfterEach
    void close() {
        area.close();
    }

    @Test
    void loadsEveryRowOfAFileWithItsFileLineAndDayAndMovesTheFileOut() throws IOException {
        deliver(
                "settlement-2025-03-02.csv",
                "payment_id,amount,fee\np-1,10.00,0.20\n\"p-2\",\"1,5\",0.03\n",
                "2025-03-03T02:00:00Z");

        var loaded = inbox().load();

        assertThat(loaded.files()).isEqualTo(1);
        assertThat(loaded.rows()).isEqualTo(2);
        assertThat(loaded.late()).isZero();
        assertThat(rows("SELECT payment_id, amount, fee, file_name, line_number, business_day FROM raw.settlements"
                        + " ORDER BY line_number"))
                .containsExactly(
                        "p-1|10.00|0.20|settlement-2025-03-02.csv|2|2025-03-02",
                        "p-2|1,5|0.03|settlement-2025-03-02.csv|3|2025-03-02");
        assertThat(rows("SELECT outcome, late, rows, quarantined FROM raw.files"))
                .containsExactly("loaded|false|2|0");
        assertThat(inbox.resolve("settlement-2025-03-02.csv")).doesNotExist();
        assertThat(inbox.resolve("loaded/1-settlement-2025-03-02.csv")).exists();
        assertThat(inbox().load().files()).as("nothing waits the second time").isZero();
    }

    @Test
    void quarantinesTheBadRowsWithTheirLineAndLoadsTheRest() throws IOException {
        deliver(
                "settlement-2025-03-02.csv",
                "payment_id,amount,fee\np-1,10.00,0.20\np-2,4.00\np-3,\"5.00,0.10\n" + "p-4,2.00,0.04\np-5,3.00,n/a\n",
                "2025-03-03T02:00:00Z");

        var loaded = inbox().load();

        assertThat(loaded.rows()).isEqualTo(2);
        assertThat(loaded.quarantined()).isEqualTo(3);
        assertThat(rows("SELECT payment_id FROM raw.settlements ORDER BY 1")).containsExactly("p-1", "p-4");
        assertThat(rows("SELECT rule, event_id, reason, decode(original) FROM quarantine.records ORDER BY event_id"))
                .containsExactly(
                        "bad-row|settlement-2025-03-02.csv#3|line 3 of settlement-2025-03-02.csv has 2 fields, and the"
                                + " header names 3|p-2,4.00",
                        "bad-row|settlement-2025-03-02.csv#4|line 4 of settlement-2025-03-02.csv is not CSV: a quoted"
                                + " field (field 2) is not closed|p-3,\"5.00,0.10",
                        "bad-value|settlement-2025-03-02.csv#6|line 6 of settlement-2025-03-02.csv: fee is 'n/a', and"
                                + " must be a decimal number such as 12.50|p-5,3.00,n/a");
        assertThat(rows("SELECT rows + quarantined FROM raw.files")).containsExactly("5");
    }

    @Test
    void refusesAFileWithAnotherHeaderWholeAndKeepsIt() throws IOException {
        deliver("settlement-2025-03-02.csv", "payment_id;amount;fee\np-1;10.00;0.20\n", "2025-03-03T02:00:00Z");

        var loaded = inbox().load();

        assertThat(loaded.rows()).isZero();
        assertThat(loaded.refusals())
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("starts with the header 'payment_id;amount;fee'", "expects 'payment_id,amount,fee'");
        assertThat(rows("SELECT outcome FROM raw.files")).containsExactly("refused");
        assertThat(rows("SELECT rule, event_id, decode(original) FROM quarantine.records"))
                .containsExactly("unexpected-header|settlement-2025-03-02.csv|payment_id;amount;fee\np-1;10.00;0.20\n");
        assertThat(inbox.resolve("set-aside/1-settlement-2025-03-02.csv")).exists();
        assertThat(area.queryLong("SELECT count(*) FROM raw.settlements")).isZero();
    }

    @Test
    void refusesAnUnknownNameAFileTooLargeAndOneNotInUtf8() throws IOException {
        deliver("report-march.csv", "payment_id,amount,fee\n", "2025-03-03T02:00:00Z");
        deliver(
                "settlement-2025-03-03.csv",
                "payment_id,amount,fee\n" + "p-1,10.00,0.20\n".repeat(100),
                "2025-03-04T02:00:00Z");
        Files.write(inbox.resolve("settlement-2025-03-04.csv"), new byte[] {'p', ',', (byte) 0xC3, (byte) 0x28});
        Files.setLastModifiedTime(
                inbox.resolve("settlement-2025-03-04.csv"), FileTime.from(Instant.parse("2025-03-05T02:00:00Z")));

        var loaded = inbox().load();

        assertThat(loaded.files()).isEqualTo(3);
        assertThat(rows("SELECT file_name, rule FROM raw.files JOIN quarantine.records ON event_id = file_name"
                        + " ORDER BY file_number"))
                .containsExactly(
                        "report-march.csv|unexpected-name",
                        "settlement-2025-03-03.csv|too-large",
                        "settlement-2025-03-04.csv|not-utf8");
        assertThat(Files.list(inbox.resolve("set-aside"))).hasSize(3);
    }

    @Test
    void takesTheSameBytesOnceWhateverTheirNameAndCountsADuplicate() throws IOException {
        String content = "payment_id,amount,fee\np-1,10.00,0.20\n";
        deliver("settlement-2025-03-02.csv", content, "2025-03-03T02:00:00Z");
        inbox().load();
        deliver("settlement-2025-03-02.csv", content, "2025-03-03T04:00:00Z");
        deliver("settlement-2025-03-02.resent.csv", content, "2025-03-03T05:00:00Z");

        var loaded = inbox().load();

        assertThat(loaded.files()).isEqualTo(2);
        assertThat(loaded.rows()).isZero();
        assertThat(rows("SELECT file_name, outcome FROM raw.files ORDER BY file_number"))
                .containsExactly(
                        "settlement-2025-03-02.csv|loaded",
                        "settlement-2025-03-02.csv|duplicate",
                        "settlement-2025-03-02.resent.csv|duplicate");
        assertThat(area.queryLong("SELECT count(*) FROM raw.settlements")).isEqualTo(1);
    }

    @Test
    void twoDaysWithoutARowAreTwoFilesNotADuplicate() throws IOException {
        deliver("settlement-2025-03-02.csv", "payment_id,amount,fee\n", "2025-03-03T02:00:00Z");
        deliver("settlement-2025-03-03.csv", "payment_id,amount,fee\n", "2025-03-04T02:00:00Z");

        inbox().load();

        assertThat(rows("SELECT business_day, outcome, rows FROM raw.files ORDER BY file_number"))
                .containsExactly("2025-03-02|loaded|0", "2025-03-03|loaded|0");
    }

    @Test
    void aCorrectionOfADayReplacesItInTheCurrentViewAndTheRawZoneKeepsBoth() throws IOException {
        deliver(
                "settlement-2025-03-02.csv",
                "payment_id,amount,fee\np-1,10.00,0.20\np-2,5.00,0.10\n",
                "2025-03-03T02:00:00Z");
        deliver("settlement-2025-03-03.csv", "payment_id,amount,fee\np-3,7.00,0.14\n", "2025-03-04T02:00:00Z");
        inbox().load();
        deliver(
                "settlement-2025-03-02.v2.csv",
                "payment_id,amount,fee\np-1,10.00,0.15\np-2,5.00,0.10\n",
                "2025-03-05T09:00:00Z");

        inbox().load();

        assertThat(rows("SELECT file_name, outcome, late FROM raw.files ORDER BY file_number"))
                .containsExactly(
                        "settlement-2025-03-02.csv|loaded|false",
                        "settlement-2025-03-03.csv|loaded|false",
                        "settlement-2025-03-02.v2.csv|correction|true");
        assertThat(rows("SELECT payment_id, fee FROM raw.settlements_current ORDER BY 1"))
                .containsExactly("p-1|0.15", "p-2|0.10", "p-3|0.14");
        assertThat(area.queryLong("SELECT count(*) FROM raw.settlements")).isEqualTo(5);
    }

    @Test
    void aFileThatArrivesAfterItsDayAndTheDelayAllowedIsLoadedAndCountedLate() throws IOException {
        deliver("settlement-2025-03-02.csv", "payment_id,amount,fee\np-1,10.00,0.20\n", "2025-03-03T05:59:00Z");
        deliver("settlement-2025-03-03.csv", "payment_id,amount,fee\np-2,10.00,0.20\n", "2025-03-04T06:01:00Z");

        var loaded = inbox().load();

        assertThat(loaded.late()).isEqualTo(1);
        assertThat(rows("SELECT file_name FROM raw.files WHERE late")).containsExactly("settlement-2025-03-03.csv");
    }

    @Test
    void aFileLoadedJustBeforeTheProcessStoppedIsMovedOnTheNextLoadAndNotCountedAgain() throws IOException {
        String content = "payment_id,amount,fee\np-1,10.00,0.20\n";
        deliver("settlement-2025-03-02.csv", content, "2025-03-03T02:00:00Z");
        inbox().load();
        // as if the process had stopped after the ledger committed and before the file moved
        Files.move(inbox.resolve("loaded/1-settlement-2025-03-02.csv"), inbox.resolve("settlement-2025-03-02.csv"));

        var loaded = inbox().load();

        assertThat(loaded.files()).isZero();
        assertThat(area.queryLong("SELECT count(*) FROM raw.files")).isEqualTo(1);
        assertThat(inbox.resolve("loaded/1-settlement-2025-03-02.csv")).exists();
    }

    @Test
    void waitsForAFileStillBeingWritten() throws IOException {
        deliver("settlement-2025-03-02.csv.part", "payment_id,amount,fee\np-1,10", "2025-03-03T02:00:00Z");

        assertThat(inbox().load().files()).isZero();
        assertThat(inbox.resolve("settlement-2025-03-02.csv.part")).exists();
    }

    @Test
    void anExportSaysWhatIsWrongWithItsDeclaration() {
        assertThatThrownBy(() -> new FileExport(
                        "shop",
                        "Settlements",
                        SETTLEMENTS.fileNames(),
                        List.of(FileExport.Column.text("a")),
                        Duration.ZERO))
                .hasMessageContaining("lower case");
        assertThatThrownBy(() -> new FileExport(
                        "shop",
                        "settlements",
                        Pattern.compile("settlement-.*\\.csv"),
                        List.of(FileExport.Column.text("a")),
                        Duration.ZERO))
                .hasMessageContaining("group named day");
        assertThatThrownBy(() -> new FileExport(
                        "shop",
                        "settlements",
                        SETTLEMENTS.fileNames(),
                        List.of(FileExport.Column.text("a"), FileExport.Column.text("file_name")),
                        Duration.ZERO))
                .hasMessageContaining("file_name");
    }

    @Test
    void csvLinesAsRfc4180WritesThem() {
        assertThat(CsvLine.parse("a,,\"b,c\",\"say \"\"hi\"\"\",")).containsExactly("a", "", "b,c", "say \"hi\"", "");
        assertThatThrownBy(() -> CsvLine.parse("\"a\"b,c")).hasMessageContaining("text follows the closing quote");
    }

    private FileInbox inbox() {
        return new FileInbox(area, SETTLEMENTS, inbox, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void deliver(String name, String content, String arrivedAt) throws IOException {
        Files.createDirectories(inbox);
        Path file = inbox.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse(arrivedAt)));
    }

    private List<String> rows(String sql) {
        return area.withConnection(connection -> {
            var rows = new ArrayList<String>();
            try (var statement = connection.createStatement();
                    var result = statement.executeQuery(sql)) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    var row = new ArrayList<String>();
                    for (int c = 1; c <= columns; c++) {
                        row.add(String.valueOf(result.getObject(c)));
                    }
                    rows.add(String.join("|", row));
                }
            }
            return rows;
        });
    }
}
