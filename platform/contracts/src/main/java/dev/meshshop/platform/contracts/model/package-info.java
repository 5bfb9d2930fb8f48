/**
 * The typed model of an ODCS v3 data contract: immutable records that mirror the standard field by field.
 *
 * <p>Optional scalar fields are {@code null} when the contract leaves them out; lists are never {@code null}.
 * Contracts written in v3.0.x are normalised to the v3.1.0 meaning while they are read (a list of team
 * members becomes a {@link dev.meshshop.platform.contracts.model.Team}, boolean exclusive bounds become
 * bound values). Obtain a model with {@link dev.meshshop.platform.contracts.DataContracts#load}.
 */
package dev.meshshop.platform.contracts.model;
