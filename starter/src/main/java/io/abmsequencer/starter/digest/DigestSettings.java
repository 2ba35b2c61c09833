package io.abmsequencer.starter.digest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code abm.digest.enabled}: the Monday digest to each owner (on by default). */
@ConfigurationProperties("abm.digest")
public record DigestSettings(@DefaultValue("true") boolean enabled) {}
