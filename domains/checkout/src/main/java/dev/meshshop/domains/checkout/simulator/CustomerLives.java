package dev.meshshop.domains.checkout.simulator;

import dev.meshshop.domains.checkout.accounts.CustomerAccount;
import dev.meshshop.domains.checkout.accounts.CustomerAccount.Address;
import dev.meshshop.domains.checkout.accounts.CustomerAccounts;
import dev.meshshop.platform.simulation.ShopCalendar;
import dev.meshshop.platform.simulation.ShopYear;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * What happens to the shop's customer accounts over the year, planted: every customer registers shortly before
 * their first visit (or at some moment of the year, if they never visit), some move once ({@link #MOVE_RATE}), and
 * some close their account after their last visit ({@link #CLOSE_RATE}). Drawn from a random stream of its own, so
 * the rest of the year stays as it was. Deterministic for the year's seed.
 */
public final class CustomerLives {

    /** The share of customers who move once during the year. */
    public static final double MOVE_RATE = 0.08;

    /** The share of customers who close their account after their last visit. */
    public static final double CLOSE_RATE = 0.01;

    static final List<String> CITIES =
            List.of("Berlin", "Hamburg", "Munich", "Cologne", "Frankfurt", "Leipzig", "Dresden", "Stuttgart");
    static final List<String> STREETS = List.of(
            "Hauptstrasse",
            "Bahnhofstrasse",
            "Gartenweg",
            "Lindenallee",
            "Schillerstrasse",
            "Goethestrasse",
            "Am Markt",
            "Bergstrasse");

    /** One change of an account, in the order the system makes them. */
    public record Change(Kind kind, CustomerAccount account, Instant at) {

        public enum Kind {
            REGISTERED,
            MOVED,
            CLOSED
        }

        /** Makes this change through the accounts service, as the shop's code would. */
        public void applyTo(CustomerAccounts accounts) {
            switch (kind) {
                case REGISTERED -> accounts.register(account);
                case MOVED -> accounts.move(account.id(), account.address(), at);
                case CLOSED -> accounts.close(account.id(), at);
            }
        }
    }

    private final List<Change> changes;

    public CustomerLives(ShopYear year) {
        var random = new SplittableRandom(year.seed() ^ 0x6A09E667F3BCC909L);
        var firstVisit = new HashMap<String, Instant>();
        var lastVisit = new HashMap<String, Instant>();
        for (ShopYear.Session session : year.sessions()) {
            firstVisit.putIfAbsent(session.customerId(), session.startedAt());
            lastVisit.put(session.customerId(), session.startedAt());
        }
        var planned = new ArrayList<Change>();
        for (ShopYear.Customer customer : year.customers()) {
            Instant registered = Optional.ofNullable(firstVisit.get(customer.id()))
                    .map(visit -> visit.minusSeconds(1 + random.nextInt(600)))
                    .orElseGet(() -> between(random, ShopCalendar.YEAR_START, ShopCalendar.YEAR_END));
            if (registered.isBefore(ShopCalendar.YEAR_START)) {
                registered = ShopCalendar.YEAR_START;
            }
            var account = new CustomerAccount(
                    customer.id(), customer.name(), customer.email(), customer.phone(), address(random), registered);
            planned.add(new Change(Change.Kind.REGISTERED, account, registered));
            Instant last = registered;
            if (random.nextDouble() < MOVE_RATE) {
                Instant moved = between(random, registered.plusSeconds(1), ShopCalendar.YEAR_END);
                Address to;
                do {
                    to = address(random);
                } while (to.equals(account.address()));
                account = account.movedTo(to);
                planned.add(new Change(Change.Kind.MOVED, account, moved));
                last = moved;
            }
            if (random.nextDouble() < CLOSE_RATE) {
                Instant after = lastVisit.getOrDefault(customer.id(), last);
                if (after.isBefore(last)) {
                    after = last;
                }
                planned.add(new Change(
                        Change.Kind.CLOSED, account, between(random, after.plusSeconds(1), ShopCalendar.YEAR_END)));
            }
        }
        // stable: an account's changes keep their order even at the same instant
        planned.sort(Comparator.comparing(Change::at));
        this.changes = List.copyOf(planned);
    }

    /** Every change of the year, in time order. */
    public List<Change> changes() {
        return changes;
    }

    public long count(Change.Kind kind) {
        return changes.stream().filter(change -> change.kind() == kind).count();
    }

    private static Address address(SplittableRandom random) {
        return new Address(
                STREETS.get(random.nextInt(STREETS.size())) + " " + (1 + random.nextInt(120)),
                String.format("%05d", 1067 + random.nextInt(98_000)),
                CITIES.get(random.nextInt(CITIES.size())));
    }

    private static Instant between(SplittableRandom random, Instant from, Instant to) {
        long span = Duration.between(from, to).toSeconds();
        return span <= 1 ? from : from.plusSeconds(random.nextLong(span));
    }
}
