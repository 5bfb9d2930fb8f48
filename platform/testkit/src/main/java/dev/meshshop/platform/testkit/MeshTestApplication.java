package dev.meshshop.platform.testkit;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The application a {@link MeshPathTest} starts: the platform's auto-configuration and every domain on the class
 * path, which each register themselves as auto-configuration. A domain's test needs no application of its own.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class MeshTestApplication {}
