package dev.meshshop.governance;

import dev.meshshop.platform.contracts.diff.ContractDiff;
import dev.meshshop.platform.contracts.lint.ContractLinter;
import dev.meshshop.platform.contracts.model.DataContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A contract that changes in a way that breaks consumers must come with a new major version, compared with
 * the contract the port was last published under (see {@link ContractDiff} for what breaks).
 */
record CompatibleChangeRule() implements Rule {

    @Override
    public List<Violation> check(GovernedProduct product) {
        var violations = new ArrayList<Violation>();
        for (var port : product.ports()) {
            var previous = port.previousContractYaml().flatMap(yaml -> parse(yaml, "published " + port.contractFile()));
            var current = port.contractYaml().flatMap(yaml -> parse(yaml, port.contractFile()));
            if (previous.isEmpty() || current.isEmpty()) {
                continue;
            }
            var diff = ContractDiff.compare(previous.get(), current.get());
            if (diff.blocks()) {
                var breaking = diff.breakingChanges();
                violations.add(new Violation(
                        breaking.get(0).path(),
                        "the contract " + port.contractFile() + " keeps major version " + diff.currentVersion()
                                + " (published: " + diff.previousVersion() + ") but breaks consumers: "
                                + breaking.stream()
                                        .map(change -> change.path() + " " + change.description())
                                        .collect(Collectors.joining("; "))));
            }
        }
        return violations;
    }

    private static Optional<DataContract> parse(String yaml, String source) {
        return ContractLinter.lint(yaml, source).contract();
    }
}
