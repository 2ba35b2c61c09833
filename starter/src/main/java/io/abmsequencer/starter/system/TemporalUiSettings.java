package io.abmsequencer.starter.system;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code abm.temporal-ui.base-url}: where ops open the Temporal UI; the console links each sequence
 * to its page there. Not an http(s) URL stops the start, naming the property.
 */
@ConfigurationProperties("abm.temporal-ui")
public record TemporalUiSettings(@DefaultValue("http://localhost:8233") String baseUrl) {
  public TemporalUiSettings {
    URI uri;
    try {
      uri = baseUrl == null ? null : URI.create(baseUrl.strip());
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new IllegalArgumentException("abm.temporal-ui.base-url must be an http(s) URL such as http://localhost:8233 (was '" + baseUrl + "')");
    }
    baseUrl = baseUrl.strip();
  }
}
