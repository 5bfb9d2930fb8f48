package dev.meshshop.platform.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTests {

    @Test
    void doublesTheQuoteThatWouldEndTheName() {
        assertThat(Sql.identifier("order \"id\"")).isEqualTo("\"order \"\"id\"\"\"");
        assertThat(Sql.identifiers(List.of("a", "b"))).isEqualTo("\"a\", \"b\"");
        assertThat(Sql.qualifiedName("sales.orders")).isEqualTo("\"sales\".\"orders\"");
    }

    @Test
    void doublesTheQuoteThatWouldEndTheValue() {
        assertThat(Sql.literal("it's")).isEqualTo("'it''s'");
        assertThat(Sql.literal(Path.of("data", "o'brien"))).isEqualTo("'" + Path.of("data", "o''brien") + "'");
    }

    @Test
    void duckDbReadsBackWhatWasQuoted() throws SQLException {
        String awkward = "it's a \"name\"; --";
        try (var connection = DriverManager.getConnection("jdbc:duckdb:");
                var statement = connection.createStatement();
                var result =
                        statement.executeQuery("SELECT " + Sql.literal(awkward) + " AS " + Sql.identifier(awkward))) {
            result.next();
            assertThat(result.getString(1)).isEqualTo(awkward);
            assertThat(result.getMetaData().getColumnName(1)).isEqualTo(awkward);
        }
    }
}
