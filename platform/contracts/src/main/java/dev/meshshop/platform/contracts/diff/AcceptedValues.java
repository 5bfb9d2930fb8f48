package dev.meshshop.platform.contracts.diff;

import dev.meshshop.platform.contracts.model.Threshold;
import java.math.BigDecimal;
import java.util.List;

/** The numbers a quality threshold accepts, as ranges: {@code mustBeLessThan 5} accepts (-infinity, 5). */
record AcceptedValues(List<Range> ranges) {

    /** A range of numbers; a null bound is unbounded. */
    record Range(BigDecimal low, boolean lowIncluded, BigDecimal high, boolean highIncluded) {

        boolean contains(Range other) {
            boolean lowCovered = low == null
                    || (other.low != null
                            && (other.low.compareTo(low) > 0
                                    || (other.low.compareTo(low) == 0 && (lowIncluded || !other.lowIncluded))));
            boolean highCovered = high == null
                    || (other.high != null
                            && (other.high.compareTo(high) < 0
                                    || (other.high.compareTo(high) == 0 && (highIncluded || !other.highIncluded))));
            return lowCovered && highCovered;
        }
    }

    static AcceptedValues of(Threshold threshold) {
        BigDecimal first = threshold.operands().get(0);
        BigDecimal last = threshold.operands().get(threshold.operands().size() - 1);
        return new AcceptedValues(
                switch (threshold.operator()) {
                    case MUST_BE -> List.of(new Range(first, true, first, true));
                    case MUST_NOT_BE ->
                        List.of(new Range(null, false, first, false), new Range(first, false, null, false));
                    case MUST_BE_GREATER_THAN -> List.of(new Range(first, false, null, false));
                    case MUST_BE_GREATER_OR_EQUAL_TO -> List.of(new Range(first, true, null, false));
                    case MUST_BE_LESS_THAN -> List.of(new Range(null, false, first, false));
                    case MUST_BE_LESS_OR_EQUAL_TO -> List.of(new Range(null, false, first, true));
                    case MUST_BE_BETWEEN -> List.of(new Range(first, true, last, true));
                    case MUST_NOT_BE_BETWEEN ->
                        List.of(new Range(null, false, first, false), new Range(last, false, null, false));
                });
    }

    /** Whether every number {@code other} accepts is accepted here too. */
    boolean covers(AcceptedValues other) {
        return other.ranges.stream().allMatch(range -> ranges.stream().anyMatch(mine -> mine.contains(range)));
    }
}
