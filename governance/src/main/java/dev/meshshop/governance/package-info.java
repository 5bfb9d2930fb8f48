/**
 * Federated governance as code: the guild's {@link dev.meshshop.governance.Policy policies} are data, evaluated
 * by {@link dev.meshshop.governance.Policies} against a {@link dev.meshshop.governance.GovernedProduct} in a
 * domain's build, at publish ({@link dev.meshshop.governance.GovernanceGate}) and, through the publish audits,
 * in the catalog.
 */
package dev.meshshop.governance;
