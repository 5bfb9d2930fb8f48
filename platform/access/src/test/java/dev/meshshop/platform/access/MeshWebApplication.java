package dev.meshshop.platform.access;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The application the API tests start: whatever the platform modules on the test's class path auto-configure, over
 * the test's {@code mesh.data-dir}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class MeshWebApplication {}
