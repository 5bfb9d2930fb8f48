package dev.meshshop.domains.search.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.domains.search.events.SearchEvents;
import dev.meshshop.platform.events.EventType;
import dev.meshshop.platform.simulation.Faults;
import dev.meshshop.platform.simulation.ShopCalendar;
import dev.meshshop.platform.simulation.ShopYear.Search;
import dev.meshshop.platform.simulation.SimulatedRecord;
import dev.meshshop.platform.simulation.SimulatedShop;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SearchSimulatorTests {

    static final long SEED = 11;
    static final double SCALE = 0.001;
    static final SearchFaults FAULTY = new SearchFaults(new Faults(0.05, 0.02), 0.3, true);
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSameSeedSendsTheSameRecords() {
        // the other seed first: the shop keeps only the last year it simulated, and the other tests use SEED's
        var otherSeed = sent(new SearchSimulator(SEED + 1, SCALE, FAULTY));
        var first = sent(new SearchSimulator(SEED, SCALE, FAULTY));
        assertThat(sent(new SearchSimulator(SEED, SCALE, FAULTY))).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void whatTheRecordsHoldIsWhatTheTruthSays() throws Exception {
        var truth = new SearchSimulator(SEED, SCALE, FAULTY).truth();
        var counted = Counted.of(new SearchSimulator(SEED, SCALE, FAULTY).records());

        assertThat(counted.records).isEqualTo(truth.delivery().records());
        assertThat(counted.copies).isEqualTo(truth.delivery().duplicates()).isPositive();
        assertThat(counted.notJson).isEqualTo(truth.delivery().notJson()).isPositive();
        assertThat(counted.noEventId).isEqualTo(truth.delivery().noEventId()).isPositive();
        assertThat(counted.unknownType)
                .isEqualTo(truth.delivery().unknownType())
                .isPositive();
        assertThat(counted.byType.get(SearchEvents.SESSION_STARTED.name())).isEqualTo(truth.sessions());
        assertThat(counted.byType.get(SearchEvents.SEARCH_PERFORMED.name())).isEqualTo(truth.searches());
        assertThat(counted.byType.get(SearchEvents.RESULT_CLICKED.name())).isEqualTo(truth.clicks());
        assertThat(counted.variants).isEqualTo(truth.sessionsByVariant());
        assertThat(counted.emails).isEqualTo(truth.emailsInQueries()).isPositive();
        assertThat(counted.phones).isEqualTo(truth.phonesInQueries()).isPositive();
        // contact data is typed only where a search found nothing
        assertThat(counted.contactDataWithResults).isZero();
        assertThat(truth.queryDays().values().stream()
                        .mapToLong(SearchTruth.QueryStats::searches)
                        .sum())
                .isEqualTo(truth.searches());
    }

    @Test
    void theOutageLosesEveryEventInItsSixHoursAndNothingElse() throws Exception {
        var year = SimulatedShop.year(SEED, SCALE);
        var truth = new SearchSimulator(SEED, SCALE, FAULTY).truth();
        var counted = Counted.of(new SearchSimulator(SEED, SCALE, FAULTY).records());

        assertThat(counted.inOutage).isZero();
        long sessionsInOutage = year.sessions().stream()
                .filter(session -> SearchSimulator.inOutage(session.startedAt()))
                .count();
        var searches = year.sessions().stream()
                .flatMap(session -> session.searches().stream())
                .toList();
        long searchesInOutage =
                searches.stream().filter(s -> SearchSimulator.inOutage(s.at())).count();
        var clicks =
                searches.stream().flatMap(search -> search.click().stream()).toList();
        long clicksInOutage =
                clicks.stream().filter(c -> SearchSimulator.inOutage(c.at())).count();

        assertThat(truth.lostSessions()).isEqualTo(sessionsInOutage).isPositive();
        assertThat(truth.lostSearches()).isEqualTo(searchesInOutage).isPositive();
        assertThat(truth.lostClicks()).isEqualTo(clicksInOutage);
        assertThat(truth.sessions()).isEqualTo(year.sessions().size() - sessionsInOutage);
        assertThat(truth.searches()).isEqualTo(searches.size() - searchesInOutage);
        assertThat(truth.clicks()).isEqualTo(clicks.size() - clicksInOutage);
    }

    @Test
    void atZeroRatesTheServiceSendsTheYearAsItHappened() throws Exception {
        var year = SimulatedShop.year(SEED, SCALE);
        var truth = new SearchSimulator(SEED, SCALE, SearchFaults.NONE).truth();
        var counted = Counted.of(new SearchSimulator(SEED, SCALE, SearchFaults.NONE).records());

        assertThat(truth.delivery().duplicates()).isZero();
        assertThat(truth.delivery().malformed()).isZero();
        assertThat(truth.emailsInQueries() + truth.phonesInQueries()).isZero();
        assertThat(truth.lostSessions() + truth.lostSearches() + truth.lostClicks())
                .isZero();
        assertThat(counted.copies
                        + counted.notJson
                        + counted.noEventId
                        + counted.unknownType
                        + counted.emails
                        + counted.phones)
                .isZero();
        long searches = year.sessions().stream()
                .mapToLong(session -> session.searches().size())
                .sum();
        long clicks = year.sessions().stream()
                .flatMap(session -> session.searches().stream())
                .filter(search -> search.click().isPresent())
                .count();
        assertThat(truth.sessions()).isEqualTo(year.sessions().size());
        assertThat(truth.searches()).isEqualTo(searches);
        assertThat(truth.clicks()).isEqualTo(clicks);
        assertThat(truth.delivery().records()).isEqualTo(year.sessions().size() + searches + clicks);
        assertThat(truth.convertedSessions())
                .isEqualTo(year.sessions().stream()
                        .filter(session -> session.orderId().isPresent())
                        .count());
        // every query is the visitor's product term, normalized or not
        var terms = year.sessions().stream()
                .flatMap(session -> session.searches().stream())
                .map(Search::query)
                .collect(Collectors.toSet());
        assertThat(truth.queryDays().keySet())
                .extracting(SearchTruth.QueryDay::query)
                .allSatisfy(query -> assertThat(terms).contains(query));
    }

    @Test
    void freeShippingIsOfferedOnlyInBlackWeekAndAbsentFromTheEventOtherwise() throws Exception {
        var records = new SearchSimulator(SEED, SCALE, SearchFaults.NONE).records();
        int inBlackWeek = 0;
        int outside = 0;
        while (records.hasNext()) {
            var record = records.next();
            if (!record.topic().equals(SearchEvents.SESSION_STARTED.topic())) {
                continue;
            }
            JsonNode envelope = JSON.readTree(record.value());
            var offered = envelope.get("data").get("freeShippingOffered");
            if (ShopCalendar.inBlackWeek(
                    Instant.parse(envelope.get("occurredAt").asText()))) {
                assertThat(offered.isBoolean()).isTrue();
                inBlackWeek++;
            } else {
                assertThat(offered).isNull();
                outside++;
            }
        }
        assertThat(inBlackWeek).isPositive();
        assertThat(outside).isPositive();
    }

    private static List<String> sent(SearchSimulator simulator) {
        var records = new ArrayList<String>();
        simulator
                .records()
                .forEachRemaining(record -> records.add(record.topic() + " " + record.key() + " "
                        + new String(record.value(), StandardCharsets.UTF_8)));
        return records;
    }

    /** What a reader of the records finds in them, counted without the simulator's help. */
    private static final class Counted {
        long records;
        long copies;
        long notJson;
        long noEventId;
        long unknownType;
        long emails;
        long phones;
        long contactDataWithResults;
        long inOutage;
        final Map<String, Long> byType = new HashMap<>();
        final Map<String, Long> variants = new HashMap<>();

        static Counted of(Iterator<SimulatedRecord> records) throws IOException {
            Set<String> known = SearchEvents.ALL.stream().map(EventType::name).collect(Collectors.toSet());
            var counted = new Counted();
            var seen = new HashSet<String>();
            while (records.hasNext()) {
                var record = records.next();
                counted.records++;
                JsonNode envelope;
                try {
                    envelope = JSON.readTree(record.value());
                } catch (JsonProcessingException e) {
                    counted.notJson++;
                    continue;
                }
                if (!envelope.hasNonNull("eventId")) {
                    counted.noEventId++;
                    continue;
                }
                String type = envelope.get("type").asText();
                if (!known.contains(type)) {
                    counted.unknownType++;
                    continue;
                }
                if (!seen.add(envelope.get("eventId").asText())) {
                    counted.copies++;
                    continue;
                }
                counted.byType.merge(type, 1L, Long::sum);
                if (SearchSimulator.inOutage(
                        Instant.parse(envelope.get("occurredAt").asText()))) {
                    counted.inOutage++;
                }
                var data = envelope.get("data");
                if (type.equals(SearchEvents.SESSION_STARTED.name())) {
                    counted.variants.merge(data.get("productPageVariant").asText(), 1L, Long::sum);
                }
                if (type.equals(SearchEvents.SEARCH_PERFORMED.name())) {
                    String query = data.get("query").asText();
                    boolean email = query.contains("@");
                    boolean phone = query.startsWith("+");
                    counted.emails += email ? 1 : 0;
                    counted.phones += phone ? 1 : 0;
                    if ((email || phone) && data.get("resultCount").asInt() > 0) {
                        counted.contactDataWithResults++;
                    }
                }
            }
            return counted;
        }
    }
}
