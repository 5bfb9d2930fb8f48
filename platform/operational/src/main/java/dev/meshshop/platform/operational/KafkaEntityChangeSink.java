package dev.meshshop.platform.operational;

import dev.meshshop.platform.events.EntityChanged;
import dev.meshshop.platform.events.EventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Hands entity changes to the domain's Kafka topic as events, keyed by the entity so that one entity's changes
 * stay in one partition, in order. A batch counts as taken when the broker acknowledged every record of it
 * (within {@code timeout}); otherwise the sink throws and the outbox relay or change capture hands the batch on
 * again.
 */
public final class KafkaEntityChangeSink implements EntityChangeSink {

    private final Producer<String, byte[]> producer;
    private final EventType<EntityChanged> type;
    private final EntityChangeEvents events;
    private final Duration timeout;

    public KafkaEntityChangeSink(
            Producer<String, byte[]> producer,
            EventType<EntityChanged> type,
            EntityChangeEvents events,
            Duration timeout) {
        this.producer = producer;
        this.type = type;
        this.events = events;
        this.timeout = timeout;
    }

    @Override
    public void accept(List<EntityChange> changes) throws Exception {
        var sent = new ArrayList<Future<RecordMetadata>>(changes.size());
        for (EntityChange change : changes) {
            sent.add(producer.send(new ProducerRecord<>(
                    type.topic(), change.entity() + "/" + change.key(), events.encode(type, change))));
        }
        producer.flush();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (var acknowledgement : sent) {
            acknowledgement.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }
}
