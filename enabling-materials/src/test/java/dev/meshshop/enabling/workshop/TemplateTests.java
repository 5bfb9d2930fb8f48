package dev.meshshop.enabling.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.enabling.labsql.ResultTable;
import dev.meshshop.governance.DomainSources;
import dev.meshshop.governance.GovernedProduct;
import dev.meshshop.governance.Policies;
import dev.meshshop.platform.catalog.Catalog;
import dev.meshshop.platform.contracts.DataContracts;
import dev.meshshop.platform.contracts.check.ContractTester;
import dev.meshshop.platform.simulation.ShopCalendar;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.ProductId;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * The domain template, the way the workshop's level 4 uses it. The labs' own commands generate a producer (lab 4.1)
 * and a consumer of its product (lab 4.5) into a scratch copy of the repository; Maven builds them offline, each
 * with its own tests (path, contracts, governance), together with a launcher in miniature that runs both in one
 * embedded mesh with the catalog. Then every result the labs of level 4 state is checked against what that mesh
 * published, their queries through the query service as the labs' domains.
 */
class TemplateTests {

    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    static final Path SCRATCH = Path.of("target/template-check").toAbsolutePath();
    static final Path FIXTURE = Path.of("src/it/generated-mesh");

    static final Lab GENERATE = Lab.read("4-1-your-own-domain.md");
    static final Lab DESCRIBE = Lab.read("4-2-describe-your-product.md");
    static final Lab GOVERN = Lab.read("4-3-governance.md");
    static final Lab PUBLISH = Lab.read("4-4-publish.md");
    static final Lab CONSUME = Lab.read("4-5-a-consumer.md");

    static final Pattern DOMAIN_OPTION = Pattern.compile("-Ddomain=(\\S+)");
    static final Clock AS_OF = Clock.fixed(ShopCalendar.AS_OF, ZoneOffset.UTC);

    static String producer;
    static String consumer;
    static Maven.Run producerGenerated;
    static Maven.Run consumerGenerated;
    static Maven.Run build;

    @BeforeAll
    static void generateTheLabsDomainsAndBuildThem() throws IOException {
        FileSystemUtils.deleteRecursively(SCRATCH);
        ScratchRepository.create(REPOSITORY, SCRATCH);

        String producerCommand = GENERATE.block("bash", "generate-producer");
        String consumerCommand = CONSUME.block("bash", "generate-consumer");
        producer = domainOf(producerCommand);
        consumer = domainOf(consumerCommand);
        producerGenerated = Maven.runCommand(REPOSITORY, producerCommand, "-o", "-Droot=" + SCRATCH);
        consumerGenerated = Maven.runCommand(REPOSITORY, consumerCommand, "-o", "-Droot=" + SCRATCH);

        ScratchRepository.addModule(
                SCRATCH, "generated-mesh", FIXTURE, Map.of("{{producer}}", producer, "{{consumer}}", consumer));
        ScratchRepository.installReactorArtifacts(REPOSITORY, SCRATCH.resolve("repository"));
        build = Maven.run(
                REPOSITORY,
                SCRATCH.resolve("build.log"),
                "-o",
                "-B",
                "-Dstyle.color=never",
                "-f",
                SCRATCH.resolve("pom.xml").toString(),
                "-Dmaven.repo.local=" + SCRATCH.resolve("repository"),
                "-Dmaven.repo.local.tail=" + Maven.tail(true),
                "verify");
    }

    @Test
    void theLabsCommandsGenerateTheDomainsAndSayWhatTheyDid() {
        assertThat(producerGenerated.exitCode()).as(producerGenerated.output()).isZero();
        assertThat(producerGenerated.output().strip())
                .isEqualTo(GENERATE.block("text", "generate-producer").strip());
        assertThat(consumerGenerated.exitCode()).as(consumerGenerated.output()).isZero();
        assertThat(consumerGenerated.output().strip())
                .isEqualTo(CONSUME.block("text", "generate-consumer").strip());

        assertThat(SCRATCH.resolve("pom.xml"))
                .content()
                .contains("<module>domains/" + producer + "</module>", "<module>domains/" + consumer + "</module>");
        assertThat(SCRATCH.resolve("apps/local/pom.xml"))
                .content()
                .contains("<artifactId>" + producer + "</artifactId>", "<artifactId>" + consumer + "</artifactId>");
    }

    @Test
    void aNameTheMeshCannotUseIsRefusedWithTheReason() {
        var refused = Maven.runCommand(
                REPOSITORY,
                GENERATE.block("bash", "generate-producer").replace("-Ddomain=" + producer, "-Ddomain=Loyalty-Points"),
                "-o",
                "-Droot=" + SCRATCH);

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("lower-case letters and digits").contains("Was: 'Loyalty-Points'");
        assertThat(SCRATCH.resolve("domains/Loyalty-Points")).doesNotExist();
    }

    @Test
    void theGeneratedDomainsBuildAndPassTheirTestsAndPublishInOneMesh() throws IOException {
        assertThat(build.exitCode())
                .as("the build of the generated domains:%n%s", build.tail(80))
                .isZero();
        for (String domain : List.of(producer, consumer)) {
            String prefix = "dev.meshshop.domains." + domain + "." + capitalized(domain);
            assertThat(SurefireReports.read(SCRATCH.resolve("domains").resolve(domain)))
                    .containsOnlyKeys(prefix + "PathTests", prefix + "ContractsTests", prefix + "GovernanceTests")
                    .allSatisfy(
                            (name, suite) -> assertThat(suite.passed()).as(name).isTrue());
        }
        assertThat(SurefireReports.read(SCRATCH.resolve("generated-mesh")))
                .containsOnlyKeys("dev.meshshop.generated.GeneratedDomainsMeshTests")
                .allSatisfy((name, suite) -> assertThat(suite.passed()).as(name).isTrue());
    }

    @Test
    void theQueriesOfLabs44And45ReturnWhatTheyStateThroughTheQueryServiceOfTheGeneratedMesh() {
        try (var queries = GeneratedMeshQueries.over(generatedMeshData())) {
            for (Lab lab : List.of(PUBLISH, CONSUME)) {
                var where = lab.sqlRunsIn();
                assertThat(where.place()).isEqualTo(Lab.Place.GENERATED_MESH);
                for (String name : lab.blocks("sql")) {
                    lab.assertShows(name, queries.api().query(where.domain(), lab.block("sql", name)));
                }
            }
        }
    }

    @Test
    void theCatalogShowsTheProductAndTheInputPortAsLabs44And45State() {
        var catalog = new Catalog(generatedMesh());
        var summaries = catalog.products().stream()
                .filter(product -> product.id().equals(producer + ".activities"))
                .map(product -> List.of(
                        product.id(),
                        product.owner(),
                        product.kind(),
                        product.contractVersion(),
                        String.valueOf(product.latestSnapshot().rowCount()),
                        product.gates()))
                .toList();
        PUBLISH.assertShows(
                "loyalty-in-the-catalog",
                new ResultTable(List.of("id", "owner", "kind", "contractVersion", "rows", "gates"), summaries));

        var edges = catalog.graph().edges().stream()
                .map(edge -> List.of(edge.from(), edge.to(), String.valueOf(edge.major())))
                .toList();
        CONSUME.assertShows("loyalty-to-rewards", new ResultTable(List.of("from", "to", "major"), edges));
    }

    @Test
    void theRuleOfLab42HoldsOnThePublishedActivities() throws Exception {
        String contract = ContractEdits.addObjectRule(
                Files.readString(productFolder(SCRATCH.resolve("domains").resolve(producer))
                        .resolve("activities.odcs.yaml")),
                DESCRIBE.block("yaml", "amount-rule"));
        var published = generatedMesh()
                .latest(ProductId.parse(producer + ".activities"))
                .orElseThrow();

        var report = ContractTester.create()
                .withClock(AS_OF)
                .testParquet(published.dataFile().toString(), DataContracts.parse(contract, "lab 4.2"));

        var rules = report.checks().stream()
                .filter(check -> check.check().equals("sql"))
                .map(check -> List.of(
                        check.check(),
                        check.element(),
                        check.status().name().toLowerCase(Locale.ROOT),
                        check.measured()))
                .toList();
        DESCRIBE.assertShows("amount-rule", new ResultTable(List.of("check", "element", "status", "measured"), rules));
    }

    @Test
    void theColumnOfLab43BreaksThePoliciesItStatesUntilItIsDescribedAndClassified() throws IOException {
        GOVERN.assertShows(
                "undescribed-email",
                new ResultTable(List.of("policy", "severity", "field"), findingsWith("undescribed-email")));
        assertThat(findingsWith("described-email"))
                .as("lab 4.3's solution: the policies pass")
                .isEmpty();
    }

    /** What the guild's policies find in the generated product with lab 4.3's column {@code name} added. */
    private List<List<String>> findingsWith(String name) throws IOException {
        Path resources = SCRATCH.resolve("governance-lab").resolve(name);
        FileSystemUtils.copyRecursively(
                SCRATCH.resolve("domains").resolve(producer).resolve("src/main/resources"), resources);
        Path contract = productFolder(resources).resolve("activities.odcs.yaml");
        Files.writeString(contract, ContractEdits.addProperty(Files.readString(contract), GOVERN.block("yaml", name)));

        try (var loader = new URLClassLoader(new URL[] {resources.toUri().toURL()}, null)) {
            var product = GovernedProduct.fromClasspath(
                    "mesh/" + producer + "/products/activities", DomainSources.NONE, loader);
            return Policies.standard().evaluate(product).findings().stream()
                    .map(finding -> List.of(
                            finding.policy(), finding.severity().name().toLowerCase(Locale.ROOT), finding.field()))
                    .toList();
        }
    }

    private static MeshDirectory generatedMesh() {
        return new MeshDirectory(new MeshLayout(generatedMeshData()));
    }

    /** The data directory of the mesh the generated domains published in. */
    private static Path generatedMeshData() {
        assertThat(build.exitCode())
                .as("the generated domains were built and published")
                .isZero();
        return SCRATCH.resolve("generated-mesh/target/mesh-data");
    }

    private Path productFolder(Path resourcesOrModule) {
        Path resources = resourcesOrModule.resolve("src/main/resources");
        Path base = Files.isDirectory(resources) ? resources : resourcesOrModule;
        return base.resolve("mesh").resolve(producer).resolve("products/activities");
    }

    private static String domainOf(String command) {
        var domain = DOMAIN_OPTION.matcher(command);
        assertThat(domain.find())
                .as("the lab's command names the domain: " + command)
                .isTrue();
        return domain.group(1);
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
