package dev.meshshop.apps.node;

import dev.meshshop.platform.metabase.FakeMetabase;

/**
 * The tests' fake Metabase as a process of its own, so that {@link MeshStackIT} can stand it in for the Metabase
 * container, which cannot be built without its vendor's downloads: {@code FakeMetabaseServer [port]} answers on
 * the port (3000 by default) until the process is stopped.
 */
final class FakeMetabaseServer {

    private FakeMetabaseServer() {}

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        var metabase = FakeMetabase.fresh(port);
        Runtime.getRuntime().addShutdownHook(new Thread(metabase::close));
        System.out.println("A fake Metabase answers at " + metabase.url());
        Thread.currentThread().join();
    }
}
