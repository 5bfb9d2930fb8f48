package dev.meshshop.platform.contracts.diff;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The changes between two versions of a contract. A breaking change must come with a new major version, because
 * Mesh Shop publishes each major version as its own output port ({@code .../v<major>/}) so that consumers of the
 * previous one keep working.
 */
public final class DiffReport {

    private static final Pattern MAJOR = Pattern.compile("^v?(\\d+)\\.");
    /** Writes records by their components only, not by helper methods such as {@code isBreaking()}. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);

    private final String contractId;
    private final String previousVersion;
    private final String currentVersion;
    private final List<Change> changes;

    DiffReport(String contractId, String previousVersion, String currentVersion, List<Change> changes) {
        this.contractId = contractId;
        this.previousVersion = previousVersion;
        this.currentVersion = currentVersion;
        this.changes = List.copyOf(changes);
    }

    public String contractId() {
        return contractId;
    }

    public String previousVersion() {
        return previousVersion;
    }

    public String currentVersion() {
        return currentVersion;
    }

    /** Every change, breaking ones first, each group in contract order. */
    public List<Change> changes() {
        return changes;
    }

    public List<Change> breakingChanges() {
        return changes.stream().filter(Change::isBreaking).toList();
    }

    public List<Change> compatibleChanges() {
        return changes.stream().filter(change -> !change.isBreaking()).toList();
    }

    public boolean hasBreakingChanges() {
        return changes.stream().anyMatch(Change::isBreaking);
    }

    /** Whether the major number of the version went up, as in 1.4.2 to 2.0.0. */
    public boolean majorVersionBumped() {
        OptionalInt previous = major(previousVersion);
        OptionalInt current = major(currentVersion);
        return previous.isPresent() && current.isPresent() && current.getAsInt() > previous.getAsInt();
    }

    /** Whether the new version may not be published: it breaks consumers but keeps the major version. */
    public boolean blocks() {
        return hasBreakingChanges() && !majorVersionBumped();
    }

    /** A verdict line, then one line per change. */
    public String toText() {
        StringBuilder text = new StringBuilder(
                "Contract %s %s -> %s: %s%n".formatted(contractId, previousVersion, currentVersion, verdict()));
        changes.forEach(change -> text.append("  ").append(change).append(System.lineSeparator()));
        return text.toString();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(new JsonView(
                    contractId,
                    previousVersion,
                    currentVersion,
                    breakingChanges().size(),
                    compatibleChanges().size(),
                    majorVersionBumped(),
                    !blocks(),
                    changes));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String verdict() {
        if (changes.isEmpty()) {
            return "no changes";
        }
        int breaking = breakingChanges().size();
        String counts = "%d breaking, %d compatible change(s)".formatted(breaking, changes.size() - breaking);
        if (blocks()) {
            return counts + ". ERROR: breaking changes need a new major version; publish as "
                    + nextMajor(previousVersion) + " (a new output port) or make the changes compatible";
        }
        return counts + (breaking > 0 ? ", released as a new major version" : "");
    }

    private static String nextMajor(String version) {
        OptionalInt major = major(version);
        return major.isPresent() ? (major.getAsInt() + 1) + ".0.0" : "a new major version";
    }

    private static OptionalInt major(String version) {
        Matcher matcher = MAJOR.matcher(version == null ? "" : version);
        return matcher.find() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
    }

    private record JsonView(
            String contract,
            String previousVersion,
            String currentVersion,
            int breaking,
            int compatible,
            boolean majorVersionBumped,
            boolean passed,
            List<Change> changes) {}
}
