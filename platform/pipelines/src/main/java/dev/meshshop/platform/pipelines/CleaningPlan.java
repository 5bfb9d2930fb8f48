package dev.meshshop.platform.pipelines;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;

/**
 * The pipeline a {@link DomainCleaning} composes: its source (the raw events), where set-aside events go
 * ({@link #route}), where clean rows go ({@link #write}) and where completeness goes ({@link #reportGaps}); and the
 * mesh's salt for the step that masks personal data ({@link #personalDataSalt}).
 */
public final class CleaningPlan {

    private final PCollection<RawEvent> rawEvents;
    private final Path outputDir;
    private final PersonalDataSalt personalDataSalt;
    private final List<PCollection<Quarantined>> quarantined = new ArrayList<>();
    private final List<PCollection<Coverage>> coverages = new ArrayList<>();
    private final Map<String, CleanTable> tables = new LinkedHashMap<>();

    CleaningPlan(PCollection<RawEvent> rawEvents, Path outputDir, PersonalDataSalt personalDataSalt) {
        this.rawEvents = rawEvents;
        this.outputDir = outputDir;
        this.personalDataSalt = personalDataSalt;
    }

    /**
     * The events of the domain's raw zone stored since the last clean that succeeded, once per stored copy: a run
     * cleans what arrived, not the whole history. Steps that judge more than one event see the history through
     * the platform: {@link DeduplicateById} through {@link RawEvent#keptCopy()}, {@link Completeness} through
     * {@link #reportGaps}.
     */
    public PCollection<RawEvent> rawEvents() {
        return rawEvents;
    }

    /** The mesh's secret for hashing personal data, for {@link MaskPersonalData}. */
    public PersonalDataSalt personalDataSalt() {
        return personalDataSalt;
    }

    /** Sends what a step set aside to quarantine and returns what passed it. */
    public <T> PCollection<T> route(Routed<T> step) {
        quarantined.add(step.quarantined());
        return step.output();
    }

    /**
     * Loads every table a structuring step produced into the clean zone, and sends what it set aside to
     * quarantine.
     */
    public void write(StructureJson.Tables structured) {
        quarantined.add(structured.quarantined());
        structured.rows().forEach(this::write);
    }

    /** Loads {@code rows} into the clean zone as table {@code clean.<table name>}, replacing what was there. */
    public void write(CleanTable table, PCollection<Row> rows) {
        if (tables.putIfAbsent(table.name(), table) != null) {
            throw new IllegalArgumentException("Clean table " + table.name() + " is written twice in one plan");
        }
        rows.apply(
                "Write" + table.name(),
                new WriteNdjson(table, tableDir(table).resolve("part").toString()));
    }

    /**
     * Lists the gaps that a {@link Completeness} step finds in the cleaning report: the stage keeps the coverage
     * with the clean zone and judges gaps over every run so far.
     */
    public void reportGaps(PCollection<Coverage> coverage) {
        coverages.add(coverage);
    }

    List<CleanTable> tables() {
        return List.copyOf(tables.values());
    }

    Path tableDir(CleanTable table) {
        return outputDir.resolve("tables").resolve(table.name());
    }

    Path quarantineDir() {
        return outputDir.resolve("quarantine");
    }

    Path coverageDir() {
        return outputDir.resolve("coverage");
    }

    /**
     * Adds the quarantine sink, and the coverage sink when the domain checks completeness; called once, after the
     * domain composed its steps.
     */
    void finish() {
        PCollectionList.of(quarantined)
                .apply("CollectQuarantine", Flatten.pCollections())
                .apply("QuarantineToJsonLine", ParDo.of(new QuarantineLines.ToLine()))
                .apply(
                        "WriteQuarantine",
                        QuarantineLines.write(quarantineDir().resolve("part").toString()));
        if (!coverages.isEmpty()) {
            PCollectionList.of(coverages)
                    .apply("CollectCoverage", Flatten.pCollections())
                    .apply("CoverageToJsonLine", ParDo.of(new CoverageLines.ToLine()))
                    .apply(
                            "WriteCoverage",
                            CoverageLines.write(coverageDir().resolve("part").toString()));
        }
    }
}
