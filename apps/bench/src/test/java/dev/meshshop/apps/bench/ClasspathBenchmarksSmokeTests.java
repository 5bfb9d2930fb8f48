package dev.meshshop.apps.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks docs/BENCHMARKS.md runs by class name ({@code java -cp ... ContractTestBenchmark}, {@code
 * ... QueryOverheadBenchmark}) work at the commit they are run at: each runs here, in process, at a tiny scale, and
 * must print the comparison it is documented for. Their figures at full size are in docs/BENCHMARKS.md.
 */
class ClasspathBenchmarksSmokeTests {

    @Test
    void theContractTestBenchmarkComparesBothScanModesOnEveryKindOfRelation() throws Exception {
        String printed = printedBy(() -> ContractTestBenchmark.main(new String[] {"20000", "1"}));

        assertThat(printed)
                .contains("Generated 20,000 orders")
                .contains("all passed: true")
                .contains("DuckDB table, median of 1 runs:")
                .contains("Parquet file, median of 1 runs:")
                .contains("View joining orders and customers, median of 1 runs:")
                .containsPattern("baseline, one query per check: +[0-9]+ ms \\([0-9.]+x the shared scan\\)");
    }

    @Test
    void theQueryOverheadBenchmarkRunsTheJoinOnEveryRouteWithTheSameRows() throws Exception {
        String printed = printedBy(() -> QueryOverheadBenchmark.main(
                new String[] {"--orders=20000", "--payments=20000", "--customers=2000", "--runs=1"}));

        assertThat(printed)
                .contains("Published 20,000 orders, 20,000 payments, 2,000 customers")
                .contains("The cross-domain join:")
                .contains("The fixed cost per query")
                .containsPattern("plain DuckDB, same SQL over the same Parquet +[0-9.]+ +1\\.00x")
                .contains("query service (in process)")
                .contains("query service over Flight SQL (localhost)");
    }

    @FunctionalInterface
    interface Benchmark {
        void run() throws Exception;
    }

    private static String printedBy(Benchmark benchmark) throws Exception {
        var out = System.out;
        var captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            benchmark.run();
        } finally {
            System.setOut(out);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        out.print(printed);
        return printed;
    }
}
