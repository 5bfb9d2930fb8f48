package dev.meshshop.platform.ml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Synthetic deliveries to learn from: {@code days = 2 + 3a - 1.5b + offset(region) + noise}, with {@code a} and
 * {@code b} in 0..1, the region one-hot encoded, and noise of standard deviation 0.2. The same seed gives the same
 * rows.
 */
final class Deliveries {

    static final List<String> REGIONS = List.of("north", "south", "east");
    static final double NOISE = 0.2;

    private Deliveries() {}

    record Delivery(double a, double b, String region, double days) {

        /** The features, deliberately not in the order the model will take them. */
        Map<String, Double> features() {
            var features = new LinkedHashMap<String, Double>();
            for (String other : REGIONS) {
                features.put("region=" + other, other.equals(region) ? 1.0 : 0.0);
            }
            features.put("b", b);
            features.put("a", a);
            return features;
        }

        Example example() {
            return new Example(features(), days);
        }
    }

    static double offset(String region) {
        return switch (region) {
            case "north" -> 0.0;
            case "south" -> 1.0;
            case "east" -> 2.5;
            default -> throw new IllegalArgumentException(region);
        };
    }

    static List<Delivery> generate(int count, long seed) {
        var random = new Random(seed);
        var deliveries = new ArrayList<Delivery>(count);
        for (int i = 0; i < count; i++) {
            double a = random.nextDouble();
            double b = random.nextDouble();
            String region = REGIONS.get(random.nextInt(REGIONS.size()));
            double days = 2 + 3 * a - 1.5 * b + offset(region) + NOISE * random.nextGaussian();
            deliveries.add(new Delivery(a, b, region, days));
        }
        return deliveries;
    }

    /** The rows of the training period. */
    static List<Delivery> training() {
        return generate(2_000, 7L);
    }

    /** The rows of the later, held-out period. */
    static List<Delivery> heldOut() {
        return generate(500, 8L);
    }

    static List<Example> examples(List<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::example).toList();
    }

    static double[] days(List<Delivery> deliveries) {
        return deliveries.stream().mapToDouble(Delivery::days).toArray();
    }

    static List<Map<String, Double>> features(List<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::features).toList();
    }
}
