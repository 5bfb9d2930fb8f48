package dev.meshshop.platform.simulation;

/** One Kafka record as a simulated operational system sends it: topic, key and the encoded event. */
public record SimulatedRecord(String topic, String key, byte[] value) {}
