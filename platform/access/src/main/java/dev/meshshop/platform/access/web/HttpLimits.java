package dev.meshshop.platform.access.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one HTTP request to the mesh may send, under {@code mesh.http.*}.
 *
 * @param maxRequestBody the largest request body taken, such as {@code 1MB}; a larger one is refused with 413 before
 *     it is read. A statement, an access request or a decision is a few kilobytes at most
 */
@ConfigurationProperties("mesh.http")
public record HttpLimits(@DefaultValue("1MB") DataSize maxRequestBody) {

    public HttpLimits {
        if (maxRequestBody.toBytes() < 1024) {
            throw new IllegalArgumentException(
                    "mesh.http.max-request-body must be at least 1KB, not " + maxRequestBody.toBytes() + " bytes");
        }
    }
}
