/** The {@code contract} command line: {@link dev.meshshop.platform.contracts.cli.ContractCli}. */
package dev.meshshop.platform.contracts.cli;
