package dev.meshshop.domains.fulfillment;

import dev.meshshop.domains.fulfillment.deliveries.ScoreDeliveries;
import dev.meshshop.domains.fulfillment.erp.ArticleCatalogue;
import dev.meshshop.domains.fulfillment.events.FulfillmentEvents;
import dev.meshshop.domains.fulfillment.simulator.ErpSimulator;
import dev.meshshop.domains.fulfillment.simulator.FulfillmentSimulator;
import dev.meshshop.platform.simulation.DomainSimulator;
import dev.meshshop.platform.simulation.EventSimulator;
import dev.meshshop.platform.simulation.Faults;
import dev.meshshop.platform.starter.CapturedSystem;
import dev.meshshop.platform.starter.MeshAutoConfiguration;
import dev.meshshop.platform.starter.MeshDomain;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Fulfillment as a mesh member: the warehouses' stock and the shop's parcels. Its events, how it cleans and
 * models them, and the products it publishes; it reads checkout's orders through an input port to tell when a
 * shipped order was bought, and scores its parcels with the data science team's delivery-time model, read through
 * an optional input port (the model learns from fulfillment's shipments). Having this module on the classpath of a mesh application is all it takes to run
 * fulfillment there.
 */
@AutoConfiguration(before = MeshAutoConfiguration.class)
public class FulfillmentDomain {

    public static final String NAME = "fulfillment";

    @Bean
    MeshDomain fulfillment() {
        return new MeshDomain(
                        NAME,
                        "fulfillment-team",
                        FulfillmentEvents.ALL,
                        new FulfillmentCleaning(),
                        List.of(
                                "mesh/fulfillment/models/inventory.sql",
                                "mesh/fulfillment/models/shipments.sql",
                                "mesh/fulfillment/models/returns.sql",
                                "mesh/fulfillment/models/articles.sql",
                                "mesh/fulfillment/models/delivery_inputs.sql"),
                        List.of(
                                "mesh/fulfillment/products/inventory_history",
                                "mesh/fulfillment/products/inventory_latest",
                                "mesh/fulfillment/products/shipments",
                                "mesh/fulfillment/products/returns",
                                "mesh/fulfillment/products/articles",
                                "mesh/fulfillment/products/article_history",
                                "mesh/fulfillment/products/delivery_predictions"))
                .withSteps(List.of(new ScoreDeliveries()));
    }

    /**
     * The ERP's article catalogue, a bought system fulfillment cannot change: the platform captures its table's
     * changes from fulfillment's operational database (change data capture) as {@code ArticleChanged} events.
     */
    @Bean
    CapturedSystem fulfillmentErp() {
        return new CapturedSystem(
                NAME,
                ErpSimulator.CAPTURE,
                List.of(ArticleCatalogue.TABLE),
                ArticleCatalogue.TIME_COLUMN,
                FulfillmentEvents.ARTICLE_CHANGED);
    }

    /**
     * Fulfillment's operational systems, simulated: the warehouses' stock readings and the carriers' parcels as
     * events, and the ERP's article catalogue in fulfillment's operational database.
     */
    @Bean
    DomainSimulator fulfillmentSimulator() {
        return new DomainSimulator(NAME, EventSimulator.of(business -> new FulfillmentSimulator(
                                business, Faults.TYPICAL, FulfillmentSimulator.TYPICAL_NEGATIVE_READINGS)
                        .records()))
                .withDatabase(new ErpSimulator());
    }
}
