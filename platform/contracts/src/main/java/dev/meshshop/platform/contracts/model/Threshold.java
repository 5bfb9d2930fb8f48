package dev.meshshop.platform.contracts.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/** The operator of a quality rule with its operands, such as {@code mustBeBetween: [100, 120]}. */
public record Threshold(Operator operator, List<BigDecimal> operands) {

    public Threshold {
        operands = List.copyOf(operands);
        if (operands.size() != operator.operands()) {
            throw new IllegalArgumentException(operator + " takes " + operator.operands() + " operand(s)");
        }
    }

    public boolean accepts(BigDecimal value) {
        return operator.accepts(value, operands);
    }

    /** Reads like the contract: {@code mustBeLessThan 5}, {@code mustBeBetween [100, 120]}. */
    @Override
    public String toString() {
        if (operands.size() == 1) {
            return operator + " " + operands.get(0).toPlainString();
        }
        return operands.stream().map(BigDecimal::toPlainString).collect(Collectors.joining(", ", operator + " [", "]"));
    }
}
