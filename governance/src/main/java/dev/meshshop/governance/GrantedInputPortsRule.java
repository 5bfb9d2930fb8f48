package dev.meshshop.governance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshshop.platform.storage.InputPorts;
import dev.meshshop.platform.storage.ProductId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A product reads other domains' products only through input ports it declares and its domain has been granted.
 *
 * <ul>
 *   <li>Declared: the SQL models that build the product (those that create the relation of one of its output
 *       ports, and the models of its own area those read in turn) read from the {@code external} zone only the views
 *       of its own input ports. A view another product of the domain declares does not count: the grant was asked
 *       for, and approved, for that product's purpose.
 *   <li>Granted: every input port is granted to the product's domain by the product's owner. This is judged where the
 *       grants are known: at publish against the mesh's access requests, and in a build when the test hands them in
 *       ({@link GovernedProduct#withGrants}). The platform also refuses to attach an input port without a grant, so
 *       in a running mesh an ungranted port stops the refresh before anything is read.
 * </ul>
 *
 * When no model creates a port's relation (a product filled by other means), every model of the domain is checked.
 */
record GrantedInputPortsRule() implements Rule {

    private static final String EXTERNAL = "external.";

    @Override
    public List<Violation> check(GovernedProduct product) {
        var violations = new ArrayList<Violation>();
        var declared = new LinkedHashSet<String>();
        JsonNode inputPorts = product.descriptor().path("inputPorts");
        for (int i = 0; i < inputPorts.size(); i++) {
            String field = "inputPorts[" + i + "]";
            String id = inputPorts.get(i).path("name").asText("");
            ProductId upstream;
            try {
                upstream = ProductId.parse(id);
            } catch (IllegalArgumentException e) {
                violations.add(new Violation(field, e.getMessage()));
                continue;
            }
            declared.add(InputPorts.viewName(upstream));
            product.grants()
                    .flatMap(grants -> grants.refusal(product.domain(), upstream))
                    .ifPresent(refusal -> violations.add(new Violation(
                            field,
                            "domain " + product.domain() + " has no grant to read " + upstream + ": " + refusal)));
        }
        for (var model : modelsBuilding(product)) {
            for (String read : new LinkedHashSet<>(SqlText.reads(model.sql()))) {
                if (read.startsWith(EXTERNAL) && !declared.contains(read)) {
                    violations.add(new Violation(
                            model.resource(),
                            "the model reads " + read + ", which is not an input port of " + product.id()
                                    + "; declare the product it stands for in the descriptor's inputPorts"
                                    + " and request access to it"));
                }
            }
        }
        return violations;
    }

    /** The domain's models that build the product's output ports, directly or through other models. */
    private static List<DomainSources.SqlModel> modelsBuilding(GovernedProduct product) {
        var models = product.sources().models();
        var wanted = new ArrayDeque<String>();
        product.descriptor()
                .path("outputPorts")
                .forEach(port -> wanted.add(GovernedProduct.relation(port).toLowerCase(Locale.ROOT)));
        Set<String> seen = new LinkedHashSet<>();
        var building = new LinkedHashSet<DomainSources.SqlModel>();
        while (!wanted.isEmpty()) {
            String relation = wanted.poll();
            if (!seen.add(relation)) {
                continue;
            }
            for (var model : models) {
                if (SqlText.creates(model.sql()).contains(relation) && building.add(model)) {
                    wanted.addAll(SqlText.reads(model.sql()));
                }
            }
        }
        return building.isEmpty() ? models : List.copyOf(building);
    }
}
