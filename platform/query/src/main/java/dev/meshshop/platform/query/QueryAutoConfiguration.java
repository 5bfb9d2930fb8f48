package dev.meshshop.platform.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.platform.access.AccessAutoConfiguration;
import dev.meshshop.platform.access.AccessRequests;
import dev.meshshop.platform.access.UsageLog;
import dev.meshshop.platform.access.web.HttpLimits;
import dev.meshshop.platform.access.web.MeshProblemHandlers;
import dev.meshshop.platform.access.web.MeshWebAutoConfiguration;
import dev.meshshop.platform.identity.Callers;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.ProductVersions;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The query service in a web application: {@code POST /api/query} over the products under {@code mesh.data-dir},
 * with the grants and usage audit of platform/access and the limits of {@code mesh.query.*}.
 */
@AutoConfiguration(
        after = {AccessAutoConfiguration.class, MeshWebAutoConfiguration.class},
        afterName = "dev.meshshop.platform.starter.MeshAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(QueryProperties.class)
public class QueryAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    QueryService queryService(
            ObjectProvider<MeshLayout> layout,
            @Value(MeshLayout.DATA_DIR_PLACEHOLDER) Path dataDir,
            AccessRequests access,
            UsageLog usage,
            QueryProperties properties,
            ObjectProvider<Clock> meshClock,
            @Value(ProductVersions.AS_OF_PLACEHOLDER) String asOf) {
        return new QueryService(
                layout.getIfAvailable(() -> new MeshLayout(dataDir)),
                access,
                usage,
                properties.limits(),
                Clock.systemUTC(),
                ProductVersions.readersClock(meshClock.getIfUnique(), asOf));
    }

    @Bean
    @ConditionalOnProperty(name = "mesh.query.flight.enabled", havingValue = "true", matchIfMissing = true)
    FlightSqlServer flightSqlServer(
            QueryService queries, Callers callers, QueryProperties properties, ObjectProvider<HttpLimits> httpLimits) {
        long maxBody = httpLimits
                .getIfAvailable(() -> new HttpLimits(DataSize.ofMegabytes(1)))
                .maxRequestBody()
                .toBytes();
        return new FlightSqlServer(
                queries,
                callers,
                properties.flight().host(),
                properties.flight().port(),
                (int) Math.min(Integer.MAX_VALUE, maxBody));
    }

    @Bean
    QueryController queryController(QueryService queries, Callers callers, ObjectMapper json) {
        return new QueryController(queries, callers, json);
    }

    @Bean
    QueryProblems queryProblems() {
        return new QueryProblems();
    }

    /** Turns the query API's refusals and unreadable bodies into RFC 7807 problems. */
    @RestControllerAdvice(assignableTypes = QueryController.class)
    static final class QueryProblems extends MeshProblemHandlers {

        @Override
        protected String exampleBody() {
            return "{\"sql\": \"SELECT * FROM checkout.orders\", \"maxRows\": 1000}";
        }
    }
}
