package dev.meshshop.platform.storage;

import java.time.Clock;
import java.util.List;

/**
 * For a consumer domain's tests: publishes another domain's product as its producer would, from data the test
 * provides, so the consumer's path can run without the producer's module (domains never depend on each
 * other). The stand-in's descriptor and contract live in the consumer's test resources and say what the
 * consumer relies on: a consumer-side contract. The whole mesh, with the real producers, runs in the
 * launcher's tests.
 */
public final class StandInProducts {

    private StandInProducts() {}

    /**
     * Fills the stand-in's relation with {@code fill} in a scratch area of the producer's domain, then
     * publishes it without gates under the product's id.
     *
     * @param folder the resource folder of the stand-in product, such as {@code stand-ins/checkout/orders}
     * @param fill creates the relation the descriptor's output port names, such as {@code model.orders}
     */
    public static PublishedPort publish(MeshLayout layout, String folder, DomainArea.SqlWork<Void> fill) {
        var product = DataProduct.fromClasspath(folder, Thread.currentThread().getContextClassLoader());
        try (var area = DomainArea.open(layout, product.id().domain())) {
            area.inTransaction(fill);
            new OutputPortPublisher(layout, Clock.systemUTC(), List.of(), 1).publish(area, product);
        }
        return new MeshDirectory(layout)
                .latest(product.id())
                .orElseThrow(() -> new StorageException("The stand-in " + product.id() + " was not published"));
    }
}
