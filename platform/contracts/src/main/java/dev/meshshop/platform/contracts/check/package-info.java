/**
 * Testing data against its contract: {@link dev.meshshop.platform.contracts.check.ContractTester} plans the checks
 * of one contract object, measures them in one query over a DuckDB relation or Parquet files, and reports them in a
 * {@link dev.meshshop.platform.contracts.check.ContractTestReport}.
 */
package dev.meshshop.platform.contracts.check;
