package dev.meshshop.domains.controlling;

import dev.meshshop.domains.controlling.report.RenderManagementReport;
import dev.meshshop.domains.controlling.simulator.HolidayCalendarFiles;
import dev.meshshop.platform.ingest.FileExport;
import dev.meshshop.platform.ingest.FileExport.Column;
import dev.meshshop.platform.ingest.ManualDataset;
import dev.meshshop.platform.simulation.DomainSimulator;
import dev.meshshop.platform.starter.MeshAutoConfiguration;
import dev.meshshop.platform.starter.MeshDomain;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Controlling as a mesh member: a consumer-aligned domain that serves management. It emits no events; its SQL model
 * computes the monthly KPIs from five products of four domains, read through its input ports, and a Java step renders
 * them as the management report, a product of the form report (docs/adr/0027).
 */
@AutoConfiguration(before = MeshAutoConfiguration.class)
public class ControllingDomain {

    public static final String NAME = "controlling";

    @Bean
    MeshDomain controlling() {
        return MeshDomain.withoutEvents(
                        NAME,
                        "controlling-team",
                        List.of(
                                "mesh/controlling/models/working_days.sql",
                                "mesh/controlling/models/management_kpis.sql"),
                        List.of("mesh/controlling/products/management_report"))
                .withSteps(List.of(new RenderManagementReport()));
    }

    /**
     * The monthly KPI targets controlling agrees with management, kept by hand and uploaded as CSV (self-service:
     * {@code POST /api/domains/controlling/datasets/kpi_targets/uploads?from=2025-01&to=2025-12}); the report draws
     * each KPI against its target. An upload for the same first month replaces the earlier one; the ledger keeps both.
     */
    @Bean
    FileExport kpiTargetsFiles() {
        return new FileExport(
                NAME,
                KPI_TARGETS,
                Pattern.compile(KPI_TARGETS + "-(?<day>\\d{4}-\\d{2}-\\d{2})\\.csv"),
                List.of(Column.code("kpi"), ManualDataset.month("month"), Column.decimal("target")),
                // kept by hand, whenever the plan changes: an upload is never late
                Duration.ofDays(3650));
    }

    @Bean
    ManualDataset kpiTargets(FileExport kpiTargetsFiles) {
        return new ManualDataset(
                kpiTargetsFiles,
                "controlling-team",
                "Monthly KPI targets agreed with management: one row per KPI (revenue in euros, the others as shares"
                        + " from 0 to 1) and month.",
                List.of("kpi", "month"),
                "month");
    }

    /**
     * The public holiday calendar controlling buys from a calendar provider (an external dataset): one file a year,
     * as the provider writes it for all its customers, loaded into {@code raw.public_holidays} as delivered. Nothing
     * reads the raw table but the model {@code working_days.sql}, which maps it into the shop's terms (its sites,
     * dates, working days): the anti-corruption layer (docs/adr/0029). A file of the calendar is due before its year
     * begins; the forms below are what the provider promises, and a row of another form is quarantined.
     */
    @Bean
    FileExport publicHolidayFiles() {
        return new FileExport(
                NAME,
                HolidayCalendarFiles.EXPORT,
                Pattern.compile("feiertage-(?<day>\\d{4}-01-01)(?:\\.v\\d+)?\\.csv"),
                List.of(
                        new Column("datum", Pattern.compile("\\d{2}\\.\\d{2}\\.\\d{4}"), "a date as dd.mm.yyyy"),
                        Column.text("feiertag"),
                        new Column(
                                "laender",
                                Pattern.compile("\\s*(alle|[A-Z]{2}( [A-Z]{2})*)\\s*"),
                                "alle, or two-letter state codes separated by spaces"),
                        new Column(
                                "art",
                                Pattern.compile("\\s*(gesetzlich|teilweise|brauchtum)\\s*"),
                                "one of gesetzlich, teilweise, brauchtum")),
                // the calendar of a year is due before the year begins; a correction is late by nature
                Duration.ZERO,
                // a year of every state's holidays is a few kilobytes
                1024 * 1024);
    }

    /**
     * The calendar provider, simulated: it delivers the year's calendar, with the outside world's quirks, to
     * controlling's inbox; controlling sends no events.
     */
    @Bean
    DomainSimulator controllingCalendarProvider() {
        return DomainSimulator.ofFiles(NAME, new HolidayCalendarFiles());
    }

    /** The manual dataset of KPI targets: its inbox folder and raw table {@code raw.kpi_targets}. */
    public static final String KPI_TARGETS = "kpi_targets";
}
