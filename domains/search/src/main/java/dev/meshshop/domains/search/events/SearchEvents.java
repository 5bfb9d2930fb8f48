package dev.meshshop.domains.search.events;

import dev.meshshop.platform.events.EventType;
import java.util.List;

/** The events search emits, each on its own topic: the one place where search's topic names live. */
public final class SearchEvents {

    public static final EventType<SessionStarted> SESSION_STARTED =
            new EventType<>("search.session-started.v1", "SessionStarted", 1, SessionStarted.class);

    public static final EventType<SearchPerformed> SEARCH_PERFORMED =
            new EventType<>("search.search-performed.v1", "SearchPerformed", 1, SearchPerformed.class);

    public static final EventType<ResultClicked> RESULT_CLICKED =
            new EventType<>("search.result-clicked.v1", "ResultClicked", 1, ResultClicked.class);

    public static final List<EventType<?>> ALL = List.of(SESSION_STARTED, SEARCH_PERFORMED, RESULT_CLICKED);

    private SearchEvents() {}
}
