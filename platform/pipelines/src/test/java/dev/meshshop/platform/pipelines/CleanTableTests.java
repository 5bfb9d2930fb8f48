package dev.meshshop.platform.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshshop.platform.pipelines.CleanTable.Column;
import dev.meshshop.platform.pipelines.CleanTable.Required;
import org.junit.jupiter.api.Test;

class CleanTableTests {

    @Test
    void aTableOfEntityChangesHasTheColumnsTheEntityHistoriesReadThenTheEntitysState() {
        var table = CleanTable.ofEntityChanges("article_changed", "ArticleChanged")
                .state("price", ColumnType.DECIMAL, "price", Required.NO);

        assertThat(table.columns())
                .extracting(Column::name)
                .containsExactly("event_id", "occurred_at", "entity_key", "operation", "sequence", "price");
        assertThat(table.columns())
                .extracting(Column::jsonPointer)
                .containsExactly(null, null, "/key", "/operation", "/sequence", "/state/price");
        assertThat(table.columns().get(4).type()).isEqualTo(ColumnType.BIGINT);
        assertThatThrownBy(() -> table.state("price", ColumnType.DECIMAL, "net_price", Required.NO))
                .hasMessageContaining("names a column twice");
    }
}
