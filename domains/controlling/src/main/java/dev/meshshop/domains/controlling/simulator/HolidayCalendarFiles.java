package dev.meshshop.domains.controlling.simulator;

import dev.meshshop.platform.simulation.FileSimulator;
import dev.meshshop.platform.simulation.ShopYear;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The public holiday calendar controlling buys from a calendar provider, simulated as the outside world delivers it:
 * once a year, before the year begins, one CSV file of the holidays of every German state, into controlling's inbox
 * of export {@value #EXPORT}. Controlling does not use it as delivered: its model {@code working_days.sql} maps it
 * into the shop's own terms first (an anti-corruption layer, docs/adr/0029).
 *
 * <p>The provider's file is written for its own customers, not for the shop:
 *
 * <ul>
 *   <li>dates as {@code dd.MM.yyyy}, names in German, and a name with a comma in quotes;
 *   <li>the states a holiday holds in as the provider's two-letter codes separated by spaces, or {@code alle} for
 *       every state; the shop thinks in its sites (Berlin, Hamburg, Leipzig), not in states;
 *   <li>a kind: {@code gesetzlich} (a legal holiday), {@code teilweise} (legal in some municipalities of the states
 *       named only) and {@code brauchtum} (a custom: most offices close at noon);
 *   <li>the next year's nationwide holidays in the same file, as a preview;
 *   <li>a byte order mark, Windows line ends, and a last line that is a note, not a holiday;
 *   <li>and a mistake: the first file forgets a holiday, and a corrected file follows weeks later.
 * </ul>
 *
 * Deterministic: the same files for every year given (the calendar is the world's, not the shop's).
 */
public final class HolidayCalendarFiles implements FileSimulator {

    /** The export's name: controlling's inbox folder and raw table. */
    public static final String EXPORT = "public_holidays";

    public static final List<String> HEADER = List.of("datum", "feiertag", "laender", "art");

    /** The holiday the first file forgets, and the corrected file has: Saxony's Day of Repentance and Prayer. */
    public static final String FORGOTTEN = "19.11.2025,Buß- und Bettag,SN,gesetzlich";

    /** When the provider sent the calendar, and when it sent the corrected one. */
    public static final Instant SENT = Instant.parse("2024-12-02T07:30:00Z");

    public static final Instant CORRECTED = Instant.parse("2025-01-20T07:30:00Z");

    /** The first file's name; the corrected one adds {@code .v2} before the extension. */
    public static final String FILE = "feiertage-2025-01-01.csv";

    public static final String CORRECTED_FILE = "feiertage-2025-01-01.v2.csv";

    private static final List<String> HOLIDAYS_2025 = List.of(
            "01.01.2025,Neujahr,alle,gesetzlich",
            "06.01.2025,Heilige Drei Könige,BW BY ST,gesetzlich",
            "08.03.2025,Internationaler Frauentag,BE MV,gesetzlich",
            "18.04.2025,Karfreitag,alle,gesetzlich",
            "20.04.2025,Ostersonntag,BB,gesetzlich",
            "21.04.2025,Ostermontag,alle,gesetzlich",
            "01.05.2025,\"Tag der Arbeit, Maifeiertag\",alle,gesetzlich",
            "29.05.2025,Christi Himmelfahrt,alle,gesetzlich",
            "08.06.2025,Pfingstsonntag,BB,gesetzlich",
            "09.06.2025,Pfingstmontag,alle,gesetzlich",
            "19.06.2025,Fronleichnam,BW BY HE NW RP SL,gesetzlich",
            "19.06.2025,Fronleichnam,SN TH,teilweise",
            "08.08.2025,Augsburger Friedensfest,BY,teilweise",
            "15.08.2025,Mariä Himmelfahrt,SL,gesetzlich",
            "15.08.2025,Mariä Himmelfahrt,BY,teilweise",
            "20.09.2025,Weltkindertag,TH,gesetzlich",
            "03.10.2025,Tag der Deutschen Einheit,alle,gesetzlich",
            "31.10.2025,Reformationstag,BB HB HH MV NI SN ST SH TH,gesetzlich",
            "01.11.2025,Allerheiligen,BW BY NW RP SL,gesetzlich",
            FORGOTTEN,
            "24.12.2025,Heiligabend,alle,brauchtum",
            "25.12.2025,1. Weihnachtstag,alle,gesetzlich",
            "26.12.2025,2. Weihnachtstag,alle,gesetzlich",
            "31.12.2025,Silvester,alle,brauchtum");

    private static final List<String> PREVIEW_2026 = List.of(
            "01.01.2026,Neujahr,alle,gesetzlich",
            "03.04.2026,Karfreitag,alle,gesetzlich",
            "06.04.2026,Ostermontag,alle,gesetzlich",
            "01.05.2026,\"Tag der Arbeit, Maifeiertag\",alle,gesetzlich",
            "14.05.2026,Christi Himmelfahrt,alle,gesetzlich",
            "25.05.2026,Pfingstmontag,alle,gesetzlich",
            "03.10.2026,Tag der Deutschen Einheit,alle,gesetzlich",
            "25.12.2026,1. Weihnachtstag,alle,gesetzlich",
            "26.12.2026,2. Weihnachtstag,alle,gesetzlich");

    /** The provider's last line: a note on where the data stands, which no CSV reader can take for a holiday. */
    public static final String NOTE = "Stand 15.11.2024 - alle Angaben ohne Gewähr";

    @Override
    public String export() {
        return EXPORT;
    }

    /** The year's holidays as the provider lists them, one CSV line each; without the one the first file forgets. */
    public static List<String> holidays(boolean corrected) {
        var lines = new ArrayList<>(HOLIDAYS_2025);
        if (!corrected) {
            lines.remove(FORGOTTEN);
        }
        lines.addAll(PREVIEW_2026);
        return lines;
    }

    @Override
    public long deliver(ShopYear year, Path inbox) throws IOException {
        write(inbox, FILE, holidays(false), SENT);
        write(inbox, CORRECTED_FILE, holidays(true), CORRECTED);
        return 2;
    }

    private static void write(Path inbox, String name, List<String> holidays, Instant sentAt) throws IOException {
        var text = new StringBuilder("\uFEFF").append(String.join(",", HEADER)).append("\r\n");
        holidays.forEach(line -> text.append(line).append("\r\n"));
        text.append(NOTE).append("\r\n");
        Path part = inbox.resolve(name + ".part");
        Files.writeString(part, text, StandardCharsets.UTF_8);
        Path file = Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        Files.setLastModifiedTime(file, FileTime.from(sentAt));
    }
}
