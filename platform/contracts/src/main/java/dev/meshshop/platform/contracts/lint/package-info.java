/**
 * Linting contracts: {@link dev.meshshop.platform.contracts.lint.ContractLinter} checks a contract's structure
 * against Mesh Shop's JSON Schema of ODCS v3 and the rules a schema cannot express, and reads valid contracts into
 * the model.
 */
package dev.meshshop.platform.contracts.lint;
