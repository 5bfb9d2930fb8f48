package dev.meshshop.domains.fulfillment.simulator;

import dev.meshshop.domains.fulfillment.erp.ArticleCatalogue;
import dev.meshshop.platform.operational.ChangeCapture;
import dev.meshshop.platform.simulation.DatabaseSimulator;
import dev.meshshop.platform.simulation.ShopYear;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fulfillment's ERP, simulated: the year's {@link ArticleLives} go through the ERP's article catalogue one change
 * at a time. The ERP publishes nothing: the platform captures its table from the database's log (fulfillment's
 * {@code CapturedSystem} named {@link #CAPTURE}), so the simulator waits until that capture streams before it
 * changes anything, or the first changes would be read only as the rows they left behind. A catalogue that holds
 * articles already (a mesh started again) is not written twice.
 */
public final class ErpSimulator implements DatabaseSimulator {

    /** The name of the capture of the ERP's database, which the domain declares. */
    public static final String CAPTURE = "fulfillment_erp";

    static final Duration CAPTURE_STREAMS_WITHIN = Duration.ofSeconds(90);

    private static final Logger log = LoggerFactory.getLogger(ErpSimulator.class);

    @Override
    public long run(ShopYear year, DataSource database, Producer<String, byte[]> producer) {
        var catalogue = new ArticleCatalogue(database);
        catalogue.migrate();
        if (catalogue.articles() > 0) {
            log.info("The ERP's catalogue holds {} articles already: the year is not made again", catalogue.articles());
            return 0;
        }
        ChangeCapture.awaitStreaming(database, CAPTURE, CAPTURE_STREAMS_WITHIN);
        var changes = new ArticleLives(year).changes();
        changes.forEach(change -> change.applyTo(catalogue));
        return changes.size();
    }

    @Override
    public boolean captured() {
        return true;
    }
}
