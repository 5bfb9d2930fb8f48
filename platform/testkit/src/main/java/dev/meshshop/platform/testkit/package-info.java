/**
 * The domain test kit: what every domain's path test does, so that the test keeps only the domain's knowledge.
 *
 * <ul>
 *   <li>{@link dev.meshshop.platform.testkit.MeshPathTest}: the mesh on a real embedded Kafka broker, Beam's direct
 *       runner and a fresh data directory.
 *   <li>{@link dev.meshshop.platform.testkit.DomainPath}: send, await ingest, refresh; the published products; the
 *       checks every domain makes (faults planted, quarantine, nothing vanished, publish gates).
 *   <li>{@link dev.meshshop.platform.testkit.ProductQueries}: SQL over published products, as a consumer reads them.
 *   <li>{@link dev.meshshop.platform.testkit.StandIns}: stand-ins of the products a consumer reads.
 *   <li>{@link dev.meshshop.platform.testkit.CleanZoneOfEvents}: a clean zone filled from events, for tests of the
 *       models and contracts.
 * </ul>
 *
 * <p>Domains depend on it in test scope only; nothing in the platform does (docs/adr/0017).
 */
package dev.meshshop.platform.testkit;
