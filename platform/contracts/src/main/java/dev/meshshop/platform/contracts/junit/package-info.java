/**
 * Assertions for the tests of data products: {@link dev.meshshop.platform.contracts.junit.ContractAssertions}.
 * Needs {@code junit-jupiter-api} on the test classpath.
 */
package dev.meshshop.platform.contracts.junit;
