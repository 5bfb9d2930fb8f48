package dev.meshshop.domains.{{domain}}.simulator;

import dev.meshshop.platform.simulation.DeliveryTally;

/**
 * What the simulator sent and planted, so that tests can check the mesh finds exactly this.
 *
 * @param delivery the records sent, and the duplicates and malformed records among them
 * @param activities ActivityRecorded events sent, each counted once
 */
public record {{Domain}}Truth(DeliveryTally delivery, long activities) {}
