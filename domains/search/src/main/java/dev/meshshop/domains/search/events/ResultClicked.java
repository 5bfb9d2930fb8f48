package dev.meshshop.domains.search.events;

/**
 * A visitor clicked an article in the results of a search.
 *
 * @param position the article's place in the result list, from 1 at the top
 */
public record ResultClicked(String searchId, String sessionId, String sku, int position) {}
