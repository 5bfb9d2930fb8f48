package dev.meshshop.platform.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A test of a domain's whole path, in one JVM: the mesh as the starter runs it, with every domain on the test's
 * class path, on a real Kafka broker (embedded, KRaft) and Beam's direct runner, with a data directory of its own
 * under {@code target/path-tests/<test class>}, emptied when the test class starts and left behind for a look at
 * what it published. The mesh judges the data as of the end of the simulated year ({@code mesh.as-of}) and does not
 * refresh by itself: the test refreshes through a {@link DomainPath}.
 *
 * <pre>{@code
 * @MeshPathTest
 * class CheckoutPathTests {
 *
 *     @RegisterExtension
 *     static final DomainPath checkout = DomainPath.of(CheckoutDomain.NAME);
 *
 *     @BeforeAll
 *     static void sendTheYearAndRefresh() {
 *         checkout.send(new CheckoutSimulator(year, FAULTY, INVALID_TOTALS));
 *         checkout.refresh();
 *     }
 *
 *     @Test
 *     void everyProductPassedTheGates() {
 *         checkout.assertEveryProductPassedTheGates();
 *     }
 * }
 * }</pre>
 *
 * <p>Each test class gets a mesh, a broker and a data directory of its own, closed after its last test. Further
 * properties go on the class with {@code @TestPropertySource}, such as checkout's {@code mesh.personal-data-salt}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
        classes = MeshTestApplication.class,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "mesh.runner=direct",
            "mesh.refresh-interval=0s",
            "mesh.as-of=2026-01-01T00:00:00Z"
        })
@EmbeddedKafka(kraft = true)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface MeshPathTest {}
