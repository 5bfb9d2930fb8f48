package dev.meshshop.apps.node;

import dev.meshshop.platform.starter.MeshDomain;
import dev.meshshop.platform.storage.DataProduct;
import dev.meshshop.platform.storage.ProductId;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The domains this module's application runs, as their auto-configurations declare them. */
final class DomainsOnClasspath {

    private DomainsOnClasspath() {}

    static List<MeshDomain> all() {
        var loader = DomainsOnClasspath.class.getClassLoader();
        var configurations = ImportCandidates.load(AutoConfiguration.class, loader).getCandidates().stream()
                .filter(name -> name.startsWith("dev.meshshop.domains."))
                .map(name -> {
                    try {
                        return Class.forName(name, false, loader);
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toArray(Class<?>[]::new);
        var domains = new ArrayList<MeshDomain>();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(configurations))
                .run(context ->
                        domains.addAll(context.getBeansOfType(MeshDomain.class).values()));
        return domains;
    }

    /** Every product of every domain. */
    static List<ProductId> products() {
        var loader = DomainsOnClasspath.class.getClassLoader();
        return all().stream()
                .flatMap(domain -> domain.products().stream())
                .map(folder -> DataProduct.fromClasspath(folder, loader).id())
                .toList();
    }
}
