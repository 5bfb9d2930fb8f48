package dev.meshshop.platform.catalog;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.platform.storage.DataProduct;
import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.OutputPortPublisher;
import dev.meshshop.platform.storage.PublishGate;
import dev.meshshop.platform.storage.PublishRefusedException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The catalog's product detail shows what the publish gates found: about the served snapshot and a refused one. */
class ProductControllerTests {

    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    @TempDir
    Path dataDir;

    MeshLayout layout;
    DomainArea area;
    MockMvc mvc;
    DataProduct sales =
            DataProduct.fromClasspath("mesh/shop/products/sales", getClass().getClassLoader());

    @BeforeEach
    void publishSales() {
        layout = new MeshLayout(dataDir);
        area = DomainArea.open(layout, "shop");
        area.withConnection(connection -> connection
                .createStatement()
                .execute("CREATE TABLE model.sales AS SELECT DATE '2026-01-01' + i::INTEGER AS day,"
                        + " i * 1.5 AS amount FROM range(10) t(i)"));
        mvc = mvcAs(FixedCaller.member("shop"));
    }

    @AfterEach
    void closeArea() {
        area.close();
    }

    @Test
    void theDetailShowsTheAuditsOfTheServedSnapshotAndTheLastRefusal() throws Exception {
        PublishGate passes = staged -> new PublishGate.Audit(
                "governance",
                false,
                "14 policies checked",
                "{\"policies\":[{\"id\":\"owner-team\",\"status\":\"passed\"}]}");
        PublishGate refuses = staged -> new PublishGate.Audit(
                "governance",
                true,
                "owner-team failed",
                "{\"policies\":[{\"id\":\"owner-team\",\"status\":\"failed\"}]}");
        publisher(T0, passes).publish(area, sales);

        mvc.perform(get("/api/products/shop.sales"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.policies.served[0].gate").value("governance"))
                .andExpect(jsonPath("$.policies.served[0].blocks").value(false))
                .andExpect(jsonPath("$.policies.served[0].report.policies[0].status")
                        .value("passed"))
                .andExpect(jsonPath("$.policies.lastRefused").doesNotExist());
        mvc.perform(get("/api/products"))
                .andExpect(jsonPath("$[0].id").value("shop.sales"))
                .andExpect(jsonPath("$[0].gates").value("passed"));

        assertThatThrownBy(() -> publisher(T0.plusSeconds(60), refuses).publish(area, sales))
                .isInstanceOf(PublishRefusedException.class);

        mvc.perform(get("/api/products/shop.sales"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.summary.latestSnapshot.id").value("20261121T100000000Z"))
                .andExpect(jsonPath("$.policies.served[0].blocks").value(false))
                .andExpect(jsonPath("$.policies.lastRefused.snapshot").value("20261121T100100000Z"))
                .andExpect(jsonPath("$.policies.lastRefused.audits[0].summary").value("owner-team failed"))
                .andExpect(jsonPath("$.policies.lastRefused.audits[0].report.policies[0].status")
                        .value("failed"));
        mvc.perform(get("/api/products")).andExpect(jsonPath("$[0].gates").value("refused"));
    }

    @Test
    void aProductPublishedWithoutGatesIsListedAsUnchecked() throws Exception {
        new OutputPortPublisher(layout, Clock.fixed(T0, ZoneOffset.UTC), List.of(), 3).publish(area, sales);

        mvc.perform(get("/api/products")).andExpect(jsonPath("$[0].gates").value("unchecked"));
    }

    @Test
    void anUnknownProductIsNotFound() throws Exception {
        mvc.perform(get("/api/products/shop.nothing")).andExpect(status().isNotFound());
    }

    @Test
    void theOwnerSeesFailingRowsOthersTheResultsOnlyAndOnlyThePlatformSeesWhereFilesLie() throws Exception {
        PublishGate refusesWithRows = staged -> new PublishGate.Audit(
                "contract",
                true,
                "1 check failed",
                "{\"checks\":[{\"check\":\"invalidValues\",\"status\":\"FAILED\","
                        + "\"samples\":{\"columns\":[\"amount\"],\"rows\":[[\"-1.5\"]]}}]}");
        publisher(T0, staged -> new PublishGate.Audit("contract", false, "passed", "{}"))
                .publish(area, sales);
        assertThatThrownBy(() -> publisher(T0.plusSeconds(60), refusesWithRows).publish(area, sales))
                .isInstanceOf(PublishRefusedException.class);
        String samples = "$.policies.lastRefused.audits[0].report.checks[0].samples";

        mvcAs(FixedCaller.member("shop"))
                .perform(get("/api/products/shop.sales"))
                .andExpect(jsonPath(samples + ".rows[0][0]").value("-1.5"))
                .andExpect(jsonPath("$.dataFile").doesNotExist())
                .andExpect(content()
                        .string(not(containsString(dataDir.toAbsolutePath().toString()))));
        mvcAs(FixedCaller.member("checkout"))
                .perform(get("/api/products/shop.sales"))
                .andExpect(jsonPath(samples).value(Visibility.ROWS_HIDDEN))
                .andExpect(jsonPath("$.policies.lastRefused.audits[0].report.checks[0].status")
                        .value("FAILED"))
                .andExpect(content()
                        .string(not(containsString(dataDir.toAbsolutePath().toString()))));
        mvcAs(FixedCaller.member("checkout"))
                .perform(get("/api/products"))
                .andExpect(jsonPath("$[0].latestSnapshot.id").exists())
                .andExpect(jsonPath("$[0].latestSnapshot.dataFile").doesNotExist());
        mvcAs(FixedCaller.platform())
                .perform(get("/api/products/shop.sales"))
                .andExpect(jsonPath("$.dataFile")
                        .value(startsWith(dataDir.toAbsolutePath().toString())))
                .andExpect(jsonPath(samples + ".rows[0][0]").value("-1.5"));
    }

    private MockMvc mvcAs(FixedCaller caller) {
        return MockMvcBuilders.standaloneSetup(new ProductController(
                        new Catalog(new MeshDirectory(layout)), caller, new ObjectMapper().findAndRegisterModules()))
                .build();
    }

    private OutputPortPublisher publisher(Instant now, PublishGate gate) {
        return new OutputPortPublisher(layout, Clock.fixed(now, ZoneOffset.UTC), List.of(gate), 3);
    }
}
