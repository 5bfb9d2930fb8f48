package dev.meshshop.platform.access;

import java.time.Instant;

/**
 * One step in an access request's history: the state it entered, who moved it there, when and why. {@code reason}
 * is null when none was given.
 */
public record StateChange(AccessState state, String actor, Instant at, String reason) {}
