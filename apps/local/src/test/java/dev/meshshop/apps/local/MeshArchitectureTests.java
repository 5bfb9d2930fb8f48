package dev.meshshop.apps.local;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The mesh's boundaries, checked on the compiled classes of every domain this launcher assembles: a domain
 * never uses another domain's code. Domains share through platform/ and governance/, and through data products.
 */
class MeshArchitectureTests {

    static final ArchRule DOMAINS_ARE_INDEPENDENT = slices().matching("dev.meshshop.domains.(*)..")
            .namingSlices("domain $1")
            .should()
            .notDependOnEachOther()
            .because("a domain reads another domain only through its published data products");

    @Test
    void noDomainUsesAnotherDomainsCode() {
        var domains = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.meshshop.domains");
        assertThat(domains).isNotEmpty();
        DOMAINS_ARE_INDEPENDENT.check(domains);
    }

    @Test
    void theRuleCatchesADomainThatUsesAnother() {
        // two test-only fixture domains, alpha and beta, where alpha uses beta's code
        var fixture = new ClassFileImporter().importPackages("dev.meshshop.domains.alpha", "dev.meshshop.domains.beta");

        var result = DOMAINS_ARE_INDEPENDENT.evaluate(fixture);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString())
                .contains("domain alpha")
                .contains("domain beta")
                .doesNotContain("checkout");
    }
}
