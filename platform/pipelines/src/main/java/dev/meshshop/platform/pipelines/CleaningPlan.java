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
 * ({@link #route}), where clean rows go ({@link #write}) and where found gaps go ({@link #reportGaps}); and the
 * mesh's salt for the step that masks personal data ({@link #personalDataSalt}).
 */
public final class CleaningPlan {

    private final PCollection<RawEvent> rawEvents;
    private final Path outputDir;
    private final PersonalDataSalt personalDataSalt;
    private final List<PCollection<Quarantined>> quarantined = new ArrayList<>();
    private final List<PCollection<Gap>> gaps = new ArrayList<>();
    private final Map<String, CleanTable> tables = new LinkedHashMap<>();

    CleaningPlan(PCollection<RawEvent> rawEvents, Path outputDir, PersonalDataSalt personalDataSalt) {
        this.rawEvents = rawEvents;
        this.outputDir = outputDir;
        this.personalDataSalt = personalDataSalt;
    }

    /** Every event of the domain's raw zone, once per stored copy. */
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

    /** Lists the gaps that a {@link Completeness} step finds in the cleaning report. */
    public void reportGaps(PCollection<Gap> found) {
        gaps.add(found);
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

    Path gapsDir() {
        return outputDir.resolve("gaps");
    }

    /**
     * Adds the quarantine sink, and the gaps sink when the domain checks completeness; called once, after the
     * domain composed its steps.
     */
    void finish() {
        PCollectionList.of(quarantined)
                .apply("CollectQuarantine", Flatten.pCollections())
                .apply("QuarantineToJsonLine", ParDo.of(new QuarantineLines.ToLine()))
                .apply(
                        "WriteQuarantine",
                        QuarantineLines.write(quarantineDir().resolve("part").toString()));
        if (!gaps.isEmpty()) {
            PCollectionList.of(gaps)
                    .apply("CollectGaps", Flatten.pCollections())
                    .apply("GapToJsonLine", ParDo.of(new GapLines.ToLine()))
                    .apply("WriteGaps", GapLines.write(gapsDir().resolve("part").toString()));
        }
    }
}
