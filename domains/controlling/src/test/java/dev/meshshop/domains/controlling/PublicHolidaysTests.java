package dev.meshshop.domains.controlling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.domains.controlling.simulator.HolidayCalendarFiles;
import dev.meshshop.platform.ingest.FileInbox;
import dev.meshshop.platform.simulation.SimulatedShop;
import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.SqlModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Controlling's external dataset and its anti-corruption layer (docs/adr/0029): the calendar provider's files, with
 * their quirks, are loaded as delivered, and the model {@code working_days.sql} turns them into the shop's working
 * days. The expected days off are written here from the law of each site's state, not from the provider's file.
 */
class PublicHolidaysTests {

    /** The legal holidays of 2025 in every state. */
    static final List<LocalDate> NATIONWIDE = dates(
            "2025-01-01",
            "2025-04-18",
            "2025-04-21",
            "2025-05-01",
            "2025-05-29",
            "2025-06-09",
            "2025-10-03",
            "2025-12-25",
            "2025-12-26");

    /** Each site's state's own legal holidays of 2025 (Berlin's Women's Day falls on a Saturday). */
    static final Map<String, List<LocalDate>> REGIONAL = Map.of(
            "berlin", dates("2025-03-08"),
            "hamburg", dates("2025-10-31"),
            "leipzig", dates("2025-10-31", "2025-11-19"));

    /** Christmas Eve and New Year's Eve: the offices close at noon. */
    static final List<LocalDate> HALF_DAYS = dates("2025-12-24", "2025-12-31");

    static final Instant NOW = Instant.parse("2025-03-01T00:00:00Z");

    @TempDir
    Path dataDir;

    DomainArea area;
    Path inbox;
    Path delivered;
    FileInbox calendar;

    @BeforeEach
    void deliverTheProvidersFilesBesideTheInbox() throws IOException {
        var layout = new MeshLayout(dataDir);
        area = DomainArea.open(layout, ControllingDomain.NAME);
        inbox = layout.inbox(ControllingDomain.NAME, HolidayCalendarFiles.EXPORT);
        Files.createDirectories(inbox);
        delivered = Files.createDirectories(dataDir.resolve("from-the-provider"));
        new HolidayCalendarFiles().deliver(SimulatedShop.year(7, 0.001), delivered);
        calendar = new FileInbox(
                area, new ControllingDomain().publicHolidayFiles(), inbox, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        area.close();
    }

    @Test
    void theCorrectedCalendarGivesEachSiteTheWorkingDaysItsStatesLawGives() throws IOException {
        arrive(HolidayCalendarFiles.FILE);
        arrive(HolidayCalendarFiles.CORRECTED_FILE);

        var loaded = calendar.load();
        modelTheWorkingDays();

        assertThat(loaded.files()).isEqualTo(2);
        assertThat(rows("SELECT file_name || ' ' || outcome || ' ' || late FROM raw.files ORDER BY file_number"))
                .containsExactly(
                        HolidayCalendarFiles.FILE + " loaded false",
                        HolidayCalendarFiles.CORRECTED_FILE + " correction true");
        for (String site : REGIONAL.keySet()) {
            assertThat(workingDays(site)).as("the working days of %s", site).isEqualTo(expected(site));
        }
        assertThat(rows("SELECT DISTINCT year(month) FROM model.working_days"))
                .as("next year's holidays in this year's file are a preview, not a calendar")
                .containsExactly("2025");
        assertThat(rows("SELECT name FROM model.site_holidays WHERE site = 'leipzig' AND day = DATE '2025-06-19'"))
                .as("Corpus Christi holds in some Saxon municipalities only, not in Leipzig")
                .isEmpty();
        assertThat(rows("SELECT name FROM model.site_holidays WHERE site = 'leipzig' AND day = DATE '2025-05-01'"))
                .containsExactly("Tag der Arbeit, Maifeiertag");
    }

    @Test
    void theProvidersNoteIsQuarantinedWithItsReasonAndTheRestIsLoaded() throws IOException {
        arrive(HolidayCalendarFiles.FILE);

        var loaded = calendar.load();

        assertThat(loaded.quarantined()).isOne();
        assertThat(rows("SELECT rule || ': ' || reason FROM quarantine.records WHERE stage = 'file-load'"))
                .singleElement()
                .asString()
                .startsWith("bad-row: ")
                .contains("has 1 field");
        assertThat(loaded.rows())
                .as("every holiday line of the first file")
                .isEqualTo(HolidayCalendarFiles.holidays(false).size());
    }

    @Test
    void untilTheCorrectionArrivesLeipzigWorksOnTheDayTheProviderForgot() throws IOException {
        arrive(HolidayCalendarFiles.FILE);
        calendar.load();
        modelTheWorkingDays();
        double novemberBefore = workingDays("leipzig").get(YearMonth.of(2025, 11));

        arrive(HolidayCalendarFiles.CORRECTED_FILE);
        calendar.load();
        modelTheWorkingDays();

        assertThat(novemberBefore).isEqualTo(expected("leipzig").get(YearMonth.of(2025, 11)) + 1);
        assertThat(workingDays("leipzig")).isEqualTo(expected("leipzig"));
    }

    @Test
    void withoutACalendarNoMonthHasWorkingDays() {
        modelTheWorkingDays();

        assertThat(area.queryLong("SELECT count(*) FROM model.working_days")).isZero();
    }

    /** Working days per month of 2025 at {@code site}: Monday to Friday, less the law's holidays and half days. */
    static Map<YearMonth, Double> expected(String site) {
        var off = new java.util.HashSet<>(NATIONWIDE);
        off.addAll(REGIONAL.get(site));
        var days = new TreeMap<YearMonth, Double>();
        for (var day = LocalDate.of(2025, 1, 1); day.getYear() == 2025; day = day.plusDays(1)) {
            boolean weekday = !Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY).contains(day.getDayOfWeek());
            double worked = !weekday || off.contains(day) ? 0 : HALF_DAYS.contains(day) ? 0.5 : 1;
            days.merge(YearMonth.from(day), worked, Double::sum);
        }
        return days;
    }

    private Map<YearMonth, Double> workingDays(String site) {
        return area.withConnection(connection -> {
            var days = new TreeMap<YearMonth, Double>();
            try (var statement = connection.createStatement();
                    var result = statement.executeQuery(
                            "SELECT month, working_days FROM model.working_days WHERE site = '" + site + "'")) {
                while (result.next()) {
                    days.put(YearMonth.from(result.getObject(1, LocalDate.class)), result.getDouble(2));
                }
            }
            return days;
        });
    }

    private void arrive(String file) throws IOException {
        Files.copy(delivered.resolve(file), inbox.resolve(file));
        Files.setLastModifiedTime(inbox.resolve(file), Files.getLastModifiedTime(delivered.resolve(file)));
    }

    private void modelTheWorkingDays() {
        SqlModels.fromClasspath(
                        List.of("mesh/controlling/models/working_days.sql"),
                        getClass().getClassLoader())
                .run(area);
    }

    private List<String> rows(String sql) {
        return area.queryTexts(sql);
    }

    private static List<LocalDate> dates(String... days) {
        return java.util.Arrays.stream(days).map(LocalDate::parse).toList();
    }
}
