package dev.meshshop.platform.catalog;

import dev.meshshop.platform.access.UsageLog;
import dev.meshshop.platform.ingest.ManualUploads;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.ProductVersions;
import dev.meshshop.platform.storage.RefreshHistory;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The mesh's catalog as part of a web application: it reads what is published under {@code mesh.data-dir}
 * and serves it under {@code /api/products}.
 */
@AutoConfiguration(afterName = "dev.meshshop.platform.starter.MeshAutoConfiguration")
@ConditionalOnWebApplication
@Import({
    ProductController.class,
    ProductFilesController.class,
    UploadController.class,
    MeshController.class,
    OperationsController.class
})
public class CatalogAutoConfiguration {

    @Bean
    Catalog catalog(
            ObjectProvider<MeshLayout> layout,
            @Value(MeshLayout.DATA_DIR_PLACEHOLDER) Path dataDir,
            ObjectProvider<Clock> meshClock,
            @Value(ProductVersions.AS_OF_PLACEHOLDER) String asOf) {
        return new Catalog(
                new MeshDirectory(layout.getIfAvailable(() -> new MeshLayout(dataDir))),
                ProductVersions.readersClock(meshClock.getIfUnique(), asOf));
    }

    @Bean
    ManualUploads manualUploads(
            ObjectProvider<MeshLayout> layout, @Value(MeshLayout.DATA_DIR_PLACEHOLDER) Path dataDir) {
        return new ManualUploads(layout.getIfAvailable(() -> new MeshLayout(dataDir)), Clock.systemUTC());
    }

    @Bean
    ProductOperations productOperations(
            Catalog catalog,
            UsageLog usage,
            ObjectProvider<MeshLayout> layout,
            @Value(MeshLayout.DATA_DIR_PLACEHOLDER) Path dataDir) {
        return new ProductOperations(
                catalog,
                new RefreshHistory(layout.getIfAvailable(() -> new MeshLayout(dataDir))),
                usage,
                Clock.systemUTC());
    }
}
