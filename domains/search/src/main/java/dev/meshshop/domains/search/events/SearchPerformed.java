package dev.meshshop.domains.search.events;

/**
 * A visitor searched the shop.
 *
 * @param query the text as the visitor typed it into the search box: free text, so it may hold anything
 * @param resultCount how many articles the search found; zero when it found nothing
 */
public record SearchPerformed(String searchId, String sessionId, String query, int resultCount) {}
