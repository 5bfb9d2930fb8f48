package dev.meshshop.platform.metabase;

import dev.meshshop.platform.metabase.MetabaseApi.Card;
import dev.meshshop.platform.metabase.MetabaseApi.CardRequest;
import dev.meshshop.platform.metabase.MetabaseApi.Collection;
import dev.meshshop.platform.metabase.MetabaseApi.CollectionItem;
import dev.meshshop.platform.metabase.MetabaseApi.CollectionRequest;
import dev.meshshop.platform.metabase.MetabaseApi.Dashboard;
import dev.meshshop.platform.metabase.MetabaseApi.DashboardRequest;
import dev.meshshop.platform.metabase.MetabaseApi.DashboardUpdate;
import dev.meshshop.platform.metabase.MetabaseApi.Dashcard;
import dev.meshshop.platform.metabase.MetabaseApi.DashcardRequest;
import dev.meshshop.platform.metabase.MetabaseApi.NativeQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Metabase show the domains' dashboards: the mesh's database, a collection "Mesh Shop" with one collection
 * per domain, and in it each dashboard with its questions. It finds what exists by name and changes only what
 * differs from the definitions, so running it again creates nothing and, when nothing changed, changes nothing.
 */
public final class MetabaseProvisioner {

    public static final String COLLECTION = "Mesh Shop";

    private static final Logger log = LoggerFactory.getLogger(MetabaseProvisioner.class);

    private final MetabaseClient metabase;

    /** @param metabase a client that has signed in as an admin */
    public MetabaseProvisioner(MetabaseClient metabase) {
        this.metabase = metabase;
    }

    public enum Action {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    /** What provisioning did to one object; {@code kind} is database, collection, question or dashboard. */
    public record Change(String kind, String name, Action action) {}

    public record Report(List<Change> changes) {

        public List<Change> with(Action action) {
            return changes.stream().filter(change -> change.action() == action).toList();
        }

        @Override
        public String toString() {
            return changes.stream()
                    .collect(Collectors.groupingBy(
                            Change::action, LinkedHashMap::new, Collectors.mapping(Change::kind, Collectors.toList())))
                    .entrySet()
                    .stream()
                    .map(entry -> entry.getKey().name().toLowerCase() + " "
                            + entry.getValue().size())
                    .collect(Collectors.joining(", "));
        }
    }

    /**
     * Provisions {@code database} and {@code dashboards}. Within a domain, dashboards and questions are found by
     * name, so their names must be unique there.
     */
    public Report provision(MeshDatabase database, List<DashboardDefinition> dashboards) {
        uniqueNames(dashboards);
        var changes = new ArrayList<Change>();
        int databaseId = database(database, changes);
        metabase.syncSchema(databaseId);
        var collections = metabase.collections();
        int root = collection(collections, COLLECTION, null, changes);
        var byDomain = new LinkedHashMap<String, List<DashboardDefinition>>();
        dashboards.forEach(dashboard -> byDomain.computeIfAbsent(dashboard.domain(), domain -> new ArrayList<>())
                .add(dashboard));
        byDomain.forEach((domain, definitions) -> {
            int collection = collection(collections, domain, root, changes);
            var items = metabase.items(collection);
            for (DashboardDefinition definition : definitions) {
                dashboard(definition, databaseId, collection, items, changes);
            }
        });
        return new Report(List.copyOf(changes));
    }

    private static void uniqueNames(List<DashboardDefinition> dashboards) {
        var seen = new HashMap<String, String>();
        var clashes = new ArrayList<String>();
        for (DashboardDefinition dashboard : dashboards) {
            var names = new ArrayList<String>();
            names.add("dashboard '" + dashboard.name() + "'");
            dashboard.questions().forEach(question -> names.add("question '" + question.name() + "'"));
            for (String name : names) {
                String previous = seen.putIfAbsent(dashboard.domain() + " " + name, dashboard.source());
                if (previous != null) {
                    clashes.add(name + " of " + dashboard.domain() + " in " + previous + " and " + dashboard.source());
                }
            }
        }
        if (!clashes.isEmpty()) {
            throw new IllegalArgumentException("Dashboards and questions are found by name in their domain's"
                    + " collection, so each name must be used once per domain: " + String.join("; ", clashes));
        }
    }

    private int database(MeshDatabase wanted, List<Change> changes) {
        var request = wanted.request();
        var existing = metabase.databases().stream()
                .filter(database -> database.name().equals(wanted.name()))
                .findFirst();
        if (existing.isEmpty()) {
            return record(
                    changes,
                    "database",
                    wanted.name(),
                    Action.CREATED,
                    metabase.createDatabase(request).id());
        }
        var database = existing.get();
        if (!request.engine().equals(database.engine())) {
            throw new IllegalStateException("Metabase has a database '" + wanted.name() + "' on engine "
                    + database.engine() + ", not " + request.engine() + ": rename or remove it in Metabase's admin");
        }
        if (request.details().equals(database.details())) {
            return record(changes, "database", wanted.name(), Action.UNCHANGED, database.id());
        }
        metabase.updateDatabase(database.id(), request);
        return record(changes, "database", wanted.name(), Action.UPDATED, database.id());
    }

    private int collection(List<Collection> collections, String name, Integer parent, List<Change> changes) {
        var existing = collections.stream()
                .filter(collection -> collection.name().equals(name))
                .filter(collection -> parent == null ? collection.topLevel() : collection.inside(parent))
                .findFirst();
        if (existing.isPresent()) {
            return record(
                    changes,
                    "collection",
                    name,
                    Action.UNCHANGED,
                    existing.get().numericId());
        }
        String description = parent == null
                ? "Dashboards of the data mesh, one collection per domain; provisioned from the domains' YAML files"
                : "Dashboards of the " + name + " domain, from mesh/" + name + "/dashboards/";
        var created = metabase.createCollection(new CollectionRequest(name, description, parent));
        return record(changes, "collection", name, Action.CREATED, created.numericId());
    }

    private void dashboard(
            DashboardDefinition definition,
            int databaseId,
            int collection,
            List<CollectionItem> items,
            List<Change> changes) {
        var placed = new ArrayList<DashcardRequest>();
        for (var placement : definition.layout()) {
            var question = placement.question();
            int card = question(question, databaseId, collection, items, changes);
            placed.add(DashcardRequest.placed(
                    card, placement.row(), placement.col(), question.width(), question.height()));
        }
        var existing = find(items, "dashboard", definition.name());
        if (existing.isEmpty()) {
            var created = metabase.createDashboard(
                    new DashboardRequest(definition.name(), definition.description(), collection));
            metabase.updateDashboard(created.id(), update(definition, placed, List.of()));
            record(changes, "dashboard", definition.name(), Action.CREATED, created.id());
            return;
        }
        var dashboard = metabase.dashboard(existing.get().id());
        if (Objects.equals(dashboard.description(), definition.description()) && sameGrid(dashboard, placed)) {
            record(changes, "dashboard", definition.name(), Action.UNCHANGED, dashboard.id());
            return;
        }
        metabase.updateDashboard(dashboard.id(), update(definition, placed, dashboard.dashcards()));
        record(changes, "dashboard", definition.name(), Action.UPDATED, dashboard.id());
    }

    private int question(
            DashboardDefinition.Question question,
            int databaseId,
            int collection,
            List<CollectionItem> items,
            List<Change> changes) {
        var wanted = new CardRequest(
                question.name(),
                question.description(),
                question.display(),
                "question",
                collection,
                NativeQuery.of(databaseId, question.sql()),
                visualization(question));
        var existing = find(items, "card", question.name());
        if (existing.isEmpty()) {
            return record(
                    changes,
                    "question",
                    question.name(),
                    Action.CREATED,
                    metabase.createCard(wanted).id());
        }
        var card = metabase.card(existing.get().id());
        if (same(card, wanted, databaseId)) {
            return record(changes, "question", question.name(), Action.UNCHANGED, card.id());
        }
        metabase.updateCard(card.id(), wanted);
        return record(changes, "question", question.name(), Action.UPDATED, card.id());
    }

    /** For charts, which column goes along the axis and which are plotted; Metabase guesses the rest. */
    static Map<String, Object> visualization(DashboardDefinition.Question question) {
        if (question.x() == null || question.y().isEmpty()) {
            return Map.of();
        }
        return Map.of("graph.dimensions", List.of(question.x()), "graph.metrics", question.y());
    }

    private static boolean same(Card card, CardRequest wanted, int databaseId) {
        var settings = card.visualizationSettings() == null ? Map.<String, Object>of() : card.visualizationSettings();
        return Objects.equals(card.description(), wanted.description())
                && Objects.equals(card.display(), wanted.display())
                && Objects.equals(card.nativeSql(), wanted.datasetQuery().sql().query())
                && Objects.equals(card.databaseId(), databaseId)
                && wanted.visualizationSettings().entrySet().stream()
                        .allMatch(setting -> setting.getValue().equals(settings.get(setting.getKey())));
    }

    /** Where a card sits on a dashboard's grid and how large it is. */
    private record Cell(Integer cardId, int row, int col, int width, int height) {}

    private static boolean sameGrid(Dashboard dashboard, List<DashcardRequest> wanted) {
        var existing = dashboard.dashcards() == null ? List.<Dashcard>of() : dashboard.dashcards();
        return existing.size() == wanted.size()
                && existing.stream()
                        .map(card -> new Cell(card.cardId(), card.row(), card.col(), card.sizeX(), card.sizeY()))
                        .collect(Collectors.toSet())
                        .equals(wanted.stream()
                                .map(card ->
                                        new Cell(card.cardId(), card.row(), card.col(), card.sizeX(), card.sizeY()))
                                .collect(Collectors.toSet()));
    }

    /**
     * The dashboard's complete grid: a card already on it keeps its dashcard (Metabase moves or resizes it), a new
     * one gets a negative id (Metabase creates it), and dashcards left out are removed.
     */
    private static DashboardUpdate update(
            DashboardDefinition definition, List<DashcardRequest> placed, List<Dashcard> existing) {
        var reused = new HashSet<Integer>();
        int fresh = 0;
        var dashcards = new ArrayList<DashcardRequest>();
        for (DashcardRequest card : placed) {
            var keep = existing.stream()
                    .filter(dashcard -> Objects.equals(dashcard.cardId(), card.cardId()))
                    .filter(dashcard -> !reused.contains(dashcard.id()))
                    .findFirst();
            int id;
            if (keep.isPresent()) {
                id = keep.get().id();
                reused.add(id);
            } else {
                id = --fresh;
            }
            dashcards.add(card.withId(id));
        }
        return new DashboardUpdate(definition.description(), dashcards, List.of());
    }

    private static Optional<CollectionItem> find(List<CollectionItem> items, String model, String name) {
        return items.stream()
                .filter(item -> item.model().equals(model) && item.name().equals(name))
                .findFirst();
    }

    private static int record(List<Change> changes, String kind, String name, Action action, int id) {
        changes.add(new Change(kind, name, action));
        if (action != Action.UNCHANGED) {
            log.info("Metabase: {} {} '{}' (id {})", action.name().toLowerCase(), kind, name, id);
        }
        return id;
    }
}
