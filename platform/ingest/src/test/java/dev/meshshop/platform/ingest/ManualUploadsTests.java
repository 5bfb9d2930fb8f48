package dev.meshshop.platform.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshshop.platform.storage.MeshLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManualUploadsTests {

    static final ManualDataset TARGETS = new ManualDataset(
            new FileExport(
                    "controlling",
                    "kpi_targets",
                    Pattern.compile("kpi_targets-(?<day>\\d{4}-\\d{2}-\\d{2})\\.csv"),
                    List.of(
                            FileExport.Column.code("kpi"),
                            ManualDataset.month("month"),
                            FileExport.Column.decimal("target")),
                    Duration.ofDays(3650)),
            "controlling-team",
            "Monthly KPI targets agreed with management",
            List.of("kpi", "month"),
            "month");

    static final YearMonth JAN = YearMonth.of(2025, 1);
    static final YearMonth MAR = YearMonth.of(2025, 3);

    @TempDir
    Path dataDir;

    @org.junit.jupiter.api.Test
    void aManualDatasetNamesTheTeamThatOwnsIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ManualDataset(
                        TARGETS.export(), " ", TARGETS.description(), TARGETS.key(), TARGETS.monthColumn()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Manual dataset kpi_targets needs the team that owns it and answers for it, such as"
                        + " controlling-team");
    }

    ManualUploads uploads() {
        return new ManualUploads(
                new MeshLayout(dataDir), Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void aGoodUploadLandsWholeInTheDomainsInboxAndItsLogSaysWhoUploadedWhat() throws Exception {
        String csv = "kpi,month,target\nrevenue,2025-01,1000\nrevenue,2025-02,1100\nrevenue,2025-03,1200\n";

        var receipt = uploads().upload(TARGETS, "controlling", JAN, MAR, "the plan for Q1", bytes(csv));

        Path inbox = new MeshLayout(dataDir).inbox("controlling", "kpi_targets");
        assertThat(receipt.file()).isEqualTo("kpi_targets-2025-01-01.csv");
        assertThat(receipt.rows()).isEqualTo(3);
        assertThat(Files.readString(inbox.resolve(receipt.file()))).isEqualTo(csv);
        try (var files = Files.list(inbox)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly(receipt.file());
        }
        assertThat(uploads().uploads(TARGETS)).singleElement().satisfies(upload -> {
            assertThat(upload.uploader()).isEqualTo("controlling");
            assertThat(upload.description()).isEqualTo("the plan for Q1");
            assertThat(upload.from()).isEqualTo("2025-01");
            assertThat(upload.sha256()).isEqualTo(receipt.sha256());
        });
        assertThat(TARGETS.export().fileNames().matcher(receipt.file()).matches())
                .isTrue();
    }

    @Test
    void aBadUploadIsRefusedWithTheReasonForEachRowAndNothingIsWritten() {
        String csv = "kpi,month,target\n"
                + "revenue,2025-01,1000\n"
                + "revenue,2025-01,1050\n" // the same key again
                + "revenue,2025-13,1100\n" // not a month
                + "revenue,2025-03,lots\n" // not a number
                + "return_rate,2025-01,0.2\n"
                + "return_rate,2025-02,0.2,extra\n" // a field too many
                + "return_rate,2025-03,0.2\n"
                + "return_rate,2025-04,0.2\n"; // outside the period

        assertThatThrownBy(() -> uploads().upload(TARGETS, "controlling", JAN, MAR, "", bytes(csv)))
                .isInstanceOfSatisfying(ManualUploads.UploadRefused.class, refused -> assertThat(refused.reasons())
                        .containsExactlyInAnyOrder(
                                "line 4 of kpi_targets-2025-01-01.csv: month is '2025-13', and must be a month such"
                                        + " as 2025-03",
                                "line 5 of kpi_targets-2025-01-01.csv: target is 'lots', and must be a decimal number"
                                        + " such as 12.50",
                                "line 7 of kpi_targets-2025-01-01.csv has 4 fields, and the header names 3",
                                "line 3 repeats kpi=revenue, month=2025-01 of line 2: keep one of them",
                                "line 9: month 2025-04 is outside the period 2025-01 to 2025-03",
                                "kpi=revenue has no row for [2025-02, 2025-03]: a row for every month of the period is"
                                        + " needed",
                                "kpi=return_rate has no row for [2025-02]: a row for every month of the period is"
                                        + " needed"));
        assertThat(Files.exists(new MeshLayout(dataDir).inbox("controlling", "kpi_targets")))
                .isFalse();
        assertThat(uploads().uploads(TARGETS)).isEmpty();
    }

    @Test
    void anUploadThatIsNotTheDatasetsFileIsRefusedWhole() {
        assertThatThrownBy(() -> uploads().upload(TARGETS, "controlling", JAN, MAR, "", bytes("kpi;month;target\n")))
                .isInstanceOfSatisfying(ManualUploads.UploadRefused.class, refused -> assertThat(refused.reasons())
                        .singleElement()
                        .asString()
                        .contains("expects 'kpi,month,target'"));
        assertThatThrownBy(() -> uploads().upload(TARGETS, "controlling", JAN, MAR, "", new byte[] {(byte) 0xff}))
                .hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> uploads().upload(TARGETS, "controlling", MAR, JAN, "", bytes("kpi,month,target\n")))
                .hasMessageContaining("give from <= to");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
