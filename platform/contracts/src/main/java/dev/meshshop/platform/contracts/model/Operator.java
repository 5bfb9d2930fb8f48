package dev.meshshop.platform.contracts.model;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How a quality rule compares the measured value with its operand(s). */
public enum Operator {
    MUST_BE("mustBe", "=", 1),
    MUST_NOT_BE("mustNotBe", "!=", 1),
    MUST_BE_GREATER_THAN("mustBeGreaterThan", ">", 1),
    MUST_BE_GREATER_OR_EQUAL_TO("mustBeGreaterOrEqualTo", ">=", 1),
    MUST_BE_LESS_THAN("mustBeLessThan", "<", 1),
    MUST_BE_LESS_OR_EQUAL_TO("mustBeLessOrEqualTo", "<=", 1),
    MUST_BE_BETWEEN("mustBeBetween", "between", 2),
    MUST_NOT_BE_BETWEEN("mustNotBeBetween", "not between", 2);

    private final String odcsName;
    private final String symbol;
    private final int operands;

    Operator(String odcsName, String symbol, int operands) {
        this.odcsName = odcsName;
        this.symbol = symbol;
        this.operands = operands;
    }

    public String odcsName() {
        return odcsName;
    }

    public String symbol() {
        return symbol;
    }

    /** How many numbers the operator takes: two for the between operators, else one. */
    public int operands() {
        return operands;
    }

    /** Whether {@code value} satisfies this operator; between bounds are inclusive. */
    public boolean accepts(BigDecimal value, List<BigDecimal> operands) {
        BigDecimal first = operands.get(0);
        return switch (this) {
            case MUST_BE -> value.compareTo(first) == 0;
            case MUST_NOT_BE -> value.compareTo(first) != 0;
            case MUST_BE_GREATER_THAN -> value.compareTo(first) > 0;
            case MUST_BE_GREATER_OR_EQUAL_TO -> value.compareTo(first) >= 0;
            case MUST_BE_LESS_THAN -> value.compareTo(first) < 0;
            case MUST_BE_LESS_OR_EQUAL_TO -> value.compareTo(first) <= 0;
            case MUST_BE_BETWEEN -> value.compareTo(first) >= 0 && value.compareTo(operands.get(1)) <= 0;
            case MUST_NOT_BE_BETWEEN -> value.compareTo(first) < 0 || value.compareTo(operands.get(1)) > 0;
        };
    }

    public static Optional<Operator> fromOdcsName(String name) {
        return Arrays.stream(values()).filter(op -> op.odcsName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return odcsName;
    }
}
