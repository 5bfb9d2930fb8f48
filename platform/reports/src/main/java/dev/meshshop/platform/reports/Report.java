package dev.meshshop.platform.reports;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;

/**
 * A report a domain publishes as a data product, for example controlling's monthly management report: its KPIs
 * month by month, the data products they are computed from, and who answers for it. The domain computes the
 * values; {@link HtmlReport} and {@link PdfReport} render the same report, the same way for every domain.
 *
 * <p>A report is checked when it is made, so that rendering cannot fail on its content: every text is present
 * and short enough for its place, there are at most {@value #MAX_KPIS} KPIs with distinct keys, and each KPI
 * passes the checks of {@link Kpi}. A failed check names the part and the fix.
 *
 * @param title what the report is, for example {@code Management report}
 * @param period the months it covers, as a reader should see them, for example {@code Jan 2025 – Dec 2025}
 * @param generatedAt when the values were computed; the PDF carries it as its creation date
 * @param owner the team that answers for the report, for example {@code controlling}
 * @param sources the data products the values are computed from, each at the snapshot that was read
 * @param kpis the KPIs, in the order the report shows them
 * @param freshness how current the values are, in a sentence, for example {@code Orders up to 31 Dec 2025, 24:00}
 */
public record Report(
        String title,
        String period,
        Instant generatedAt,
        String owner,
        List<Source> sources,
        List<Kpi> kpis,
        String freshness) {

    /** The most KPIs a report shows: what a reader takes in, and what fits the summary table on a page. */
    public static final int MAX_KPIS = 24;

    public static final int MAX_SOURCES = 20;
    public static final int MAX_TITLE_LENGTH = 100;
    public static final int MAX_PERIOD_LENGTH = 60;
    public static final int MAX_OWNER_LENGTH = 60;
    public static final int MAX_FRESHNESS_LENGTH = 300;

    public Report {
        Checks.text(title, MAX_TITLE_LENGTH, "The report", "title");
        var whose = "Report '" + title + "'";
        Checks.text(period, MAX_PERIOD_LENGTH, whose, "period");
        Checks.present(generatedAt, whose, "time it was generated at");
        Checks.text(owner, MAX_OWNER_LENGTH, whose, "owner team");
        Checks.text(freshness, MAX_FRESHNESS_LENGTH, whose, "freshness note");
        sources = Checks.present(sources, whose, "sources").stream()
                .map(source -> Checks.present(source, whose, "source in its list"))
                .toList();
        kpis = Checks.present(kpis, whose, "KPIs").stream()
                .map(kpi -> Checks.present(kpi, whose, "KPI in its list"))
                .toList();
        if (sources.isEmpty()) {
            throw new IllegalArgumentException(
                    whose + " names no source: name the data products and snapshots its values are computed from");
        }
        if (sources.size() > MAX_SOURCES) {
            throw new IllegalArgumentException(whose + " names " + sources.size() + " sources, at most " + MAX_SOURCES
                    + " fit on its first page: split the report");
        }
        if (new HashSet<>(sources).size() < sources.size()) {
            throw new IllegalArgumentException(whose + " names a source twice: name each product and snapshot once");
        }
        if (kpis.isEmpty()) {
            throw new IllegalArgumentException(whose + " has no KPIs: give it at least one");
        }
        if (kpis.size() > MAX_KPIS) {
            throw new IllegalArgumentException(whose + " has " + kpis.size() + " KPIs, a report shows at most "
                    + MAX_KPIS + ": split it into several reports");
        }
        var keys = new HashSet<String>();
        for (var kpi : kpis) {
            if (!keys.add(kpi.key())) {
                throw new IllegalArgumentException(
                        whose + " has two KPIs with the key '" + kpi.key() + "': give each KPI its own key");
            }
        }
    }
}
