package dev.meshshop.platform.metabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.meshshop.platform.metabase.DashboardDefinition.Placement;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Dashboards as domains write them: read from the class path, checked, and laid out on Metabase's grid. */
class DashboardDefinitionsTests {

    @Test
    void readsEveryDomainsDashboardsFromTheClassPathWithTheDomainFromTheFolder() {
        var dashboards =
                DashboardDefinitions.onClasspath("fixtures/", getClass().getClassLoader());

        assertThat(dashboards)
                .extracting(DashboardDefinition::domain, DashboardDefinition::name, DashboardDefinition::source)
                .containsExactly(
                        tuple("shop", "Shop sales", "mesh/shop/dashboards/sales.yaml"),
                        tuple("stock", "Stock", "mesh/stock/dashboards/stock.yaml"));
        var perDay = dashboards.get(0).questions().get(0);
        assertThat(perDay.sql()).isEqualTo("SELECT day, sum(units) AS units FROM shop.sales GROUP BY day ORDER BY day");
        assertThat(perDay.width()).as("the default width").isEqualTo(12);
        assertThat(perDay.height()).as("the default height").isEqualTo(6);
        assertThat(perDay.y()).containsExactly("units");
    }

    @Test
    void questionsFlowLeftToRightAndWrapWhenTheRowIsFull() {
        var dashboard = read(
                """
                name: Grid
                questions:
                  - {name: a, display: scalar, sql: SELECT 1, width: 10, height: 4}
                  - {name: b, display: scalar, sql: SELECT 1, width: 14, height: 2}
                  - {name: c, display: scalar, sql: SELECT 1, width: 6, height: 3}
                  - {name: d, display: scalar, sql: SELECT 1, width: 24, height: 5}
                """);

        assertThat(dashboard.layout())
                .extracting(placement -> placement.question().name(), Placement::row, Placement::col)
                .containsExactly(tuple("a", 0, 0), tuple("b", 0, 10), tuple("c", 4, 0), tuple("d", 7, 0));
    }

    @Test
    void aMistakeNamesTheFileAndEveryProblem() {
        assertThatThrownBy(
                        () -> read(
                                """
                        name: Broken
                        questions:
                          - {name: a, display: line, sql: SELECT 1}
                          - {name: a, display: gauge, sql: SELECT 1, width: 30}
                          - {name: c, display: table}
                        """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The dashboard in mesh/shop/dashboards/broken.yaml is not valid: ")
                .hasMessageContaining("question 'a' is a line chart: name its x column and y columns")
                .hasMessageContaining("two questions named 'a'")
                .hasMessageContaining("question 'a' has display 'gauge'")
                .hasMessageContaining("question 'a' is 30 columns wide; use 1 to 24")
                .hasMessageContaining("question 'c' has no sql");
    }

    @Test
    void anUnknownFieldIsAMistakeNotSomethingToIgnore() {
        assertThatThrownBy(
                        () -> read(
                                """
                        name: Typo
                        questions:
                          - {name: a, display: table, sql: SELECT 1, widht: 6}
                        """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mesh/shop/dashboards/broken.yaml")
                .hasMessageContaining("widht");
    }

    private static DashboardDefinition read(String yaml) {
        return DashboardDefinitions.read(
                "shop",
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                "mesh/shop/dashboards/broken.yaml");
    }
}
