package dev.meshshop.apps.local;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.meshshop.apps.fixture.AnAssembly;
import dev.meshshop.domains.beta.BetaInternals;
import dev.meshshop.governance.fixture.PolicyThatKnowsADomain;
import dev.meshshop.platform.fixture.CapabilityThatKnowsAnApp;
import dev.meshshop.platform.fixture.CapabilityThatKnowsNoOne;
import dev.meshshop.platform.fixture.CapabilityThatKnowsTheSimulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The mesh's boundaries, checked on the compiled classes this launcher assembles: a domain never uses another
 * domain's code; domains share through platform/ and governance/, and through data products. And platform/ and
 * governance/ never use a domain's or an assembly's code: they are the capabilities every domain builds on, and
 * the assemblies under apps/ put them together, not the other way round (docs/adr/0019). Nor does the platform use
 * the simulated company's code: the simulation uses the platform, as a domain does (docs/adr/0020).
 */
class MeshArchitectureTests {

    static final ArchRule DOMAINS_ARE_INDEPENDENT = slices().matching("dev.meshshop.domains.(*)..")
            .namingSlices("domain $1")
            .should()
            .notDependOnEachOther()
            .because("a domain reads another domain only through its published data products");

    static final ArchRule CAPABILITIES_KNOW_NO_DOMAIN_AND_NO_ASSEMBLY = noClasses()
            .that()
            .resideInAnyPackage("dev.meshshop.platform..", "dev.meshshop.governance..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.meshshop.domains..", "dev.meshshop.apps..")
            .because("platform/ and governance/ serve every domain alike, and the assemblies under apps/ build on"
                    + " them, not they on the assemblies");

    /**
     * The test kit is exempt: it is the domains' test support, on top of the platform like the simulation, and a
     * path test sends what the domain's simulated system sends and checks what it planted.
     */
    static final ArchRule THE_PLATFORM_KNOWS_NO_SIMULATION = noClasses()
            .that()
            .resideInAPackage("dev.meshshop.platform..")
            .and()
            .resideOutsideOfPackages("dev.meshshop.platform.simulation..", "dev.meshshop.platform.testkit..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.meshshop.platform.simulation..")
            .because("the simulated company uses the platform, as a domain does; a company with real operational"
                    + " systems runs the platform without it");

    private static final Pattern MODULE = Pattern.compile("<module>(platform/[^<]+|governance)</module>");

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

    @Test
    void noPlatformOrGovernanceClassUsesADomainOrAnAssembly() throws IOException {
        var capabilities = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.meshshop.platform", "dev.meshshop.governance");
        var packages = capabilities.stream().map(JavaClass::getPackageName).toList();
        // every module of platform/, and governance, is on this module's test class path and so checked here
        var modules = MODULE.matcher(Files.readString(Path.of("../../pom.xml")))
                .results()
                .map(module -> module.group(1))
                .toList();
        assertThat(modules).contains("platform/storage", "platform/testkit", "platform/metabase", "governance");
        for (String module : modules) {
            String modulePackage = "dev.meshshop." + module.replace('/', '.');
            assertThat(packages)
                    .as("classes of %s (%s) on the class path", module, modulePackage)
                    .anyMatch(name -> name.equals(modulePackage) || name.startsWith(modulePackage + "."));
        }
        CAPABILITIES_KNOW_NO_DOMAIN_AND_NO_ASSEMBLY.check(capabilities);
        THE_PLATFORM_KNOWS_NO_SIMULATION.check(capabilities);
    }

    @Test
    void theRuleCatchesAPlatformClassThatUsesAnAssemblyAndAGovernanceClassThatUsesADomain() {
        // test-only fixture classes: a platform class that uses an assembly's class, a governance class that uses
        // a domain's class, and a platform class that uses neither
        var fixture = new ClassFileImporter()
                .importPackages("dev.meshshop.platform.fixture", "dev.meshshop.governance.fixture");
        assertThat(fixture.contain(CapabilityThatKnowsNoOne.class)).isTrue();

        assertThatThrownBy(() -> CAPABILITIES_KNOW_NO_DOMAIN_AND_NO_ASSEMBLY.check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(CapabilityThatKnowsAnApp.class.getName())
                .hasMessageContaining(AnAssembly.class.getName())
                .hasMessageContaining(PolicyThatKnowsADomain.class.getName())
                .hasMessageContaining(BetaInternals.class.getName())
                .hasMessageNotContaining(CapabilityThatKnowsNoOne.class.getName());
    }

    @Test
    void theRuleCatchesAPlatformClassThatUsesTheSimulation() {
        // test-only fixture classes: a platform class that uses the simulated company's class, and one that does not
        var fixture = new ClassFileImporter().importPackages("dev.meshshop.platform.fixture");
        assertThat(fixture.contain(CapabilityThatKnowsNoOne.class)).isTrue();

        assertThatThrownBy(() -> THE_PLATFORM_KNOWS_NO_SIMULATION.check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(CapabilityThatKnowsTheSimulation.class.getName())
                .hasMessageNotContaining(CapabilityThatKnowsNoOne.class.getName());
    }
}
