package dev.meshshop.platform.ingest;

import java.util.List;
import java.util.Objects;

/**
 * Data a domain team keeps by hand and uploads as a CSV file, such as controlling's monthly KPI targets: the
 * platform checks an upload whole before it takes it (every value of its column's form, no key twice, every month of
 * the period), refuses it with the reason for each row, and puts a good one in the domain's inbox, where the domain's
 * {@link FileInbox} loads it as any file export (a later upload of the same period is a correction; the ledger keeps
 * every version). A domain declares one as a bean, beside the {@link FileExport} it is delivered as.
 *
 * @param export how an upload is named, read and loaded: its file names carry the first day of the period
 * @param owner the team that keeps the data and answers for it
 * @param description what the data is, for whoever uploads it and whoever reads it
 * @param key the columns that name a row: no two rows of an upload may have the same values in them
 * @param monthColumn the key's column of months ({@code yyyy-MM}): an upload has a row for every month of its
 *     period, for every value of the rest of the key
 */
public record ManualDataset(FileExport export, String owner, String description, List<String> key, String monthColumn) {

    /** The form of a month in a manual dataset's month column. */
    public static FileExport.Column month(String name) {
        return new FileExport.Column(
                name, java.util.regex.Pattern.compile("\\d{4}-(0[1-9]|1[0-2])"), "a month such as 2025-03");
    }

    public ManualDataset {
        Objects.requireNonNull(export, "export");
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("Manual dataset " + export.name() + " needs the team that owns it and"
                    + " answers for it, such as " + export.domain() + "-team");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("Manual dataset " + export.name() + " needs a description: what the"
                    + " data is and who keeps it how");
        }
        key = List.copyOf(key);
        if (!export.header().containsAll(key) || !key.contains(monthColumn)) {
            throw new IllegalArgumentException("Manual dataset " + export.name() + " has the key " + key
                    + " and the month column " + monthColumn + ": both must be columns of " + export.header()
                    + ", and the month column part of the key");
        }
        if (!export.fileNames().matcher(export.name() + "-2025-01-01.csv").matches()) {
            throw new IllegalArgumentException("Manual dataset " + export.name() + " is uploaded as files named "
                    + export.name() + "-<first day of the period>.csv: its export's file names must take them");
        }
    }

    public String domain() {
        return export.domain();
    }

    public String name() {
        return export.name();
    }
}
