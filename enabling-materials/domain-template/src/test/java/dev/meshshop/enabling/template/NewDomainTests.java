package dev.meshshop.enabling.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's own rules: which names it accepts, what it writes, and the two lines of wiring outside the new
 * domain. That the generated domain builds, passes governance and publishes is TemplateTests' part, in the
 * enabling-materials module.
 */
class NewDomainTests {

    static final Path TEMPLATE = Path.of("template");

    @TempDir
    Path root;

    @Test
    void refusesNamesThatCannotNameTopicsProductsAndPackages() {
        for (String name :
                new String[] {"", "Loyalty", "loyalty-points", "1oyalty", "x", "new", "a23456789012345678901"}) {
            assertThatThrownBy(() -> NewDomain.values(name, "", "1.0.0"))
                    .as(name)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lower-case letters and digits");
        }
        assertThatThrownBy(() -> NewDomain.values("rewards", "loyalty", "1.0.0"))
                .hasMessageContaining("<domain>.<product>");
        assertThatThrownBy(() -> NewDomain.values("rewards", "rewards.activities", "1.0.0"))
                .hasMessageContaining("another domain's product");
    }

    @Test
    void writesTheDomainAndWiresItIntoTheReactorAndTheLauncher() throws IOException {
        Files.writeString(
                root.resolve("pom.xml"),
                """
                <project>
                  <artifactId>mesh-shop</artifactId>
                  <version>1.2.3</version>
                  <modules>
                    <module>platform/starter</module>
                    <module>domains/checkout</module>
                    <module>apps/local</module>
                  </modules>
                </project>
                """);
        Files.createDirectories(root.resolve("apps/local"));
        Files.writeString(
                root.resolve("apps/local/pom.xml"),
                """
                <project>
                  <dependencies>
                    <dependency>
                      <groupId>dev.meshshop</groupId>
                      <artifactId>checkout</artifactId>
                    </dependency>
                    <dependency>
                      <groupId>org.springframework.boot</groupId>
                      <artifactId>spring-boot-starter-web</artifactId>
                    </dependency>
                    <dependency>
                      <groupId>dev.meshshop</groupId>
                      <artifactId>mesh-testkit</artifactId>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>
                </project>
                """);

        String report = NewDomain.create(TEMPLATE, root, "loyalty", "");

        assertThat(report).startsWith("Created domains/loyalty (");
        Path domain = root.resolve("domains/loyalty");
        assertThat(domain.resolve("src/main/java/dev/meshshop/domains/loyalty/LoyaltyDomain.java"))
                .content()
                .contains("public class LoyaltyDomain", "\"loyalty-team\"");
        assertThat(domain.resolve("pom.xml")).content().contains("<version>1.2.3</version>");
        assertThat(domain.resolve("src/test/resources/stand-ins")).doesNotExist();
        assertThat(root.resolve("pom.xml"))
                .content()
                .contains("    <module>domains/checkout</module>\n    <module>domains/loyalty</module>\n");
        assertThat(root.resolve("apps/local/pom.xml"))
                .content()
                .contains("<artifactId>checkout</artifactId>\n    </dependency>\n    <dependency>\n"
                        + "      <groupId>dev.meshshop</groupId>\n      <artifactId>loyalty</artifactId>\n"
                        + "      <version>${project.version}</version>\n      <scope>runtime</scope>\n"
                        + "    </dependency>\n");
        assertThatThrownBy(() -> NewDomain.create(TEMPLATE, root, "loyalty", ""))
                .hasMessageContaining("domains/loyalty exists already");
    }

    @Test
    void aConsumerReadsTheProductThroughAnInputPortAndKeepsAStandInOfIt() throws IOException {
        Files.writeString(
                root.resolve("pom.xml"),
                "<project><artifactId>mesh-shop</artifactId><version>1.2.3</version><modules>\n  </modules></project>");

        NewDomain.create(TEMPLATE, root, "rewards", "loyalty.activities");

        Path resources = root.resolve("domains/rewards/src/main/resources/mesh/rewards");
        assertThat(resources.resolve("products/activities/descriptor.yaml"))
                .content()
                .contains("  - name: loyalty.activities\n    version: v1\n    contractId: loyalty.activities");
        assertThat(resources.resolve("models/activities.sql"))
                .content()
                .contains("FROM external.loyalty_activities", "AS in_loyalty_activities");
        assertThat(root.resolve("domains/rewards/src/test/resources/stand-ins/loyalty/activities/activities.odcs.yaml"))
                .content()
                .contains("id: loyalty.activities");
        assertThat(root.resolve("pom.xml")).content().contains("<module>domains/rewards</module>");
    }

    @Test
    void everyFileOfTheTemplateRendersForAProducerAndAConsumer() {
        NewDomain.check(TEMPLATE);
    }
}
