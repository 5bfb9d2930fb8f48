package dev.meshshop.platform.reports;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the renderers write months and times, in English whatever the machine's locale. */
final class Wording {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH_NAME = DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Wording() {}

    /** For example {@code Dec 2025}. */
    static String month(YearMonth month) {
        return MONTH.format(month);
    }

    /** For example {@code Dec}. */
    static String monthName(YearMonth month) {
        return MONTH_NAME.format(month);
    }

    /** For example {@code 2026-01-05 06:00 UTC}. */
    static String time(Instant instant) {
        return TIME.format(instant);
    }
}
