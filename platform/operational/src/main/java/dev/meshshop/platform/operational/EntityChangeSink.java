package dev.meshshop.platform.operational;

import java.util.List;

/**
 * Where entity changes go next (the domain's Kafka topic, in a mesh). A batch is handed on once the sink has
 * returned normally; a sink that throws gets the same changes again, so it must accept a repeat.
 */
@FunctionalInterface
public interface EntityChangeSink {

    void accept(List<EntityChange> changes) throws Exception;
}
