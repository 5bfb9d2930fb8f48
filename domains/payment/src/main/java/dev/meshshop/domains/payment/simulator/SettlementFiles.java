package dev.meshshop.domains.payment.simulator;

import dev.meshshop.platform.simulation.FileSimulator;
import dev.meshshop.platform.simulation.ShopCalendar;
import dev.meshshop.platform.simulation.ShopYear;
import dev.meshshop.platform.simulation.ShopYear.Order;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The payment provider's daily settlement file, simulated: for every day of the year, the payments it authorized that
 * day (UTC), each with the provider's fee and what it pays out, as CSV, delivered to payment's inbox of export
 * {@value #EXPORT} the next night. The provider's amounts are right, whatever the shop's payment app reported.
 *
 * <p>Its deliveries have the quirks every such file has, planted on days chosen by the year's seed ({@link #truth}
 * names them): files arriving days late, a file sent twice, a file in another format (semicolons) re-sent in the
 * right one, a file corrected a week later (a fee charged twice in the first one), and rows cut short.
 */
public final class SettlementFiles implements FileSimulator {

    /** The export's name: payment's inbox folder and raw table. */
    public static final String EXPORT = "settlements";

    public static final List<String> HEADER =
            List.of("payment_id", "order_id", "method", "gross", "fee", "net", "currency");

    /** When a file is due: six hours after its day ends. It normally arrives at three in the night. */
    public static final Duration DELIVERED_WITHIN = Duration.ofHours(6);

    static final Duration USUAL_ARRIVAL = Duration.ofHours(27);

    private static final int LATE_DAYS = 5;
    private static final int DUPLICATE_DAYS = 2;
    private static final int CUT_SHORT_DAYS = 2;

    /** What the deliveries planted, and what the settled payments are. */
    public record Truth(
            int days,
            int files,
            int loaded,
            int corrections,
            int duplicates,
            int refused,
            int late,
            int rowsCutShort,
            long settledPayments,
            BigDecimal gross,
            BigDecimal fees,
            List<LocalDate> lateDays,
            LocalDate refusedDay,
            LocalDate correctedDay,
            List<String> unsettledPayments) {}

    private Truth truth;

    @Override
    public String export() {
        return EXPORT;
    }

    /** What the last {@link #deliver} planted; null before. */
    public Truth truth() {
        return truth;
    }

    /** The provider's fee for a payment: card 1.4% + 0.25, PayPal 2.49% + 0.35, SEPA 0.35. */
    static BigDecimal fee(String method, BigDecimal gross) {
        BigDecimal fee =
                switch (method) {
                    case "card" -> gross.multiply(new BigDecimal("0.014")).add(new BigDecimal("0.25"));
                    case "paypal" -> gross.multiply(new BigDecimal("0.0249")).add(new BigDecimal("0.35"));
                    default -> new BigDecimal("0.35");
                };
        return fee.setScale(2, RoundingMode.HALF_UP);
    }

    @Override
    public long deliver(ShopYear year, Path inbox) throws IOException {
        var byDay = paymentsByDay(year);
        var busy = byDay.entrySet().stream()
                .filter(day -> day.getValue().size() >= 2)
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(ArrayList::new));
        Collections.shuffle(busy, new Random(year.seed() ^ 0x5e771e5L));
        int next = 0;
        var late = Set.copyOf(busy.subList(next, next += LATE_DAYS));
        var duplicated = Set.copyOf(busy.subList(next, next += DUPLICATE_DAYS));
        LocalDate refusedDay = busy.get(next++);
        LocalDate correctedDay = busy.get(next++);
        var cutShort = Set.copyOf(busy.subList(next, next += CUT_SHORT_DAYS));

        int files = 0;
        int lateFiles = 0;
        long settled = 0;
        var gross = BigDecimal.ZERO;
        var fees = BigDecimal.ZERO;
        var unsettled = new ArrayList<String>();
        for (var day : byDay.entrySet()) {
            LocalDate date = day.getKey();
            var payments = day.getValue();
            Instant due =
                    date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(DELIVERED_WITHIN);
            Instant usual = date.atStartOfDay(ZoneOffset.UTC).toInstant().plus(USUAL_ARRIVAL);
            var rows = new ArrayList<String>();
            for (int i = 0; i < payments.size(); i++) {
                var order = payments.get(i);
                String row =
                        row(order, fee(order.payment().method(), order.payment().amount()));
                if (cutShort.contains(date) && i == 0) {
                    rows.add(row.substring(0, row.lastIndexOf(',', row.lastIndexOf(',') - 1)));
                    unsettled.add(order.payment().id());
                    continue;
                }
                rows.add(row);
                settled++;
                gross = gross.add(order.payment().amount());
                fees = fees.add(fee(order.payment().method(), order.payment().amount()));
            }
            String name = "settlement-" + date + ".csv";
            Instant arrival =
                    late.contains(date) ? usual.plus(Duration.ofDays(3)).plusSeconds(6 * 3600) : usual;
            if (date.equals(refusedDay)) {
                write(inbox, name, csv(rows).replace(',', ';'), arrival);
                write(inbox, "settlement-" + date + ".v2.csv", csv(rows), usual.plus(Duration.ofHours(31)));
                files += 2;
                lateFiles += 1;
                continue;
            }
            if (date.equals(correctedDay)) {
                var wrong = new ArrayList<>(rows);
                var first = payments.get(0);
                var doubled =
                        fee(first.payment().method(), first.payment().amount()).multiply(BigDecimal.valueOf(2));
                wrong.set(0, row(first, doubled));
                write(inbox, name, csv(wrong), arrival);
                write(inbox, "settlement-" + date + ".v2.csv", csv(rows), usual.plus(Duration.ofDays(7)));
                files += 2;
                lateFiles += 1;
                continue;
            }
            write(inbox, name, csv(rows), arrival);
            files++;
            lateFiles += arrival.isAfter(due) ? 1 : 0;
            if (duplicated.contains(date)) {
                write(inbox, "settlement-" + date + ".resent.csv", csv(rows), usual.plus(Duration.ofHours(12)));
                files++;
                lateFiles++;
            }
        }
        truth = new Truth(
                byDay.size(),
                files,
                byDay.size(),
                1,
                DUPLICATE_DAYS,
                1,
                lateFiles,
                CUT_SHORT_DAYS,
                settled,
                gross,
                fees,
                late.stream().sorted().toList(),
                refusedDay,
                correctedDay,
                List.copyOf(unsettled));
        return files;
    }

    /** Every day of the year, with the payments authorized on it (UTC) in order. */
    static Map<LocalDate, List<Order>> paymentsByDay(ShopYear year) {
        var byDay = new TreeMap<LocalDate, List<Order>>();
        for (var day = LocalDate.ofInstant(ShopCalendar.YEAR_START, ZoneOffset.UTC);
                day.isBefore(LocalDate.ofInstant(ShopCalendar.YEAR_END, ZoneOffset.UTC));
                day = day.plusDays(1)) {
            byDay.put(day, new ArrayList<>());
        }
        year.orders().stream()
                .filter(order -> ShopCalendar.inYear(order.payment().authorizedAt()))
                .sorted((a, b) ->
                        a.payment().authorizedAt().compareTo(b.payment().authorizedAt()))
                .forEach(order -> byDay.get(LocalDate.ofInstant(order.payment().authorizedAt(), ZoneOffset.UTC))
                        .add(order));
        return byDay;
    }

    private static String row(Order order, BigDecimal fee) {
        var payment = order.payment();
        var gross = payment.amount().setScale(2, RoundingMode.HALF_UP);
        return String.join(
                ",",
                payment.id(),
                order.id(),
                payment.method(),
                gross.toPlainString(),
                fee.toPlainString(),
                gross.subtract(fee).toPlainString(),
                "EUR");
    }

    private static String csv(List<String> rows) {
        var text = new StringBuilder(String.join(",", HEADER)).append("\r\n");
        rows.forEach(row -> text.append(row).append("\r\n"));
        return text.toString();
    }

    /** Writes the file under a temporary name, then renames it, and dates it at its arrival. */
    private static void write(Path inbox, String name, String content, Instant arrival) throws IOException {
        Path part = inbox.resolve(name + ".part");
        Files.writeString(part, content, StandardCharsets.UTF_8);
        Path file = Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        Files.setLastModifiedTime(file, FileTime.from(arrival));
    }
}
