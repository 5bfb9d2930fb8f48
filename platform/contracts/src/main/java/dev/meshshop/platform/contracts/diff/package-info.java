/**
 * Breaking changes: {@link dev.meshshop.platform.contracts.diff.ContractDiff} lists what changed between two
 * versions of a contract and whether each change breaks consumers.
 */
package dev.meshshop.platform.contracts.diff;
