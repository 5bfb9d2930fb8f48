/**
 * Data contracts in the Open Data Contract Standard (ODCS) v3: read them with {@link
 * dev.meshshop.platform.contracts.DataContracts}, lint them ({@code lint}), test data against them ({@code check}),
 * compare versions ({@code diff}), from the command line ({@code cli}) or from JUnit tests ({@code junit}).
 */
package dev.meshshop.platform.contracts;
