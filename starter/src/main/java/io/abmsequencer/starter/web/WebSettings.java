package io.abmsequencer.starter.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code abm.web.*}: the largest request body (uploads: CSV lists, playbooks) and the largest JSON
 * body the product reads. A size that is not positive stops the start, naming the property.
 */
@ConfigurationProperties("abm.web")
public record WebSettings(@DefaultValue("64MB") DataSize maxBodySize, @DefaultValue("1MB") DataSize maxJsonBodySize) {
  public WebSettings {
    positive(maxBodySize, "abm.web.max-body-size");
    positive(maxJsonBodySize, "abm.web.max-json-body-size");
  }

  private static void positive(DataSize size, String property) {
    if (size == null || size.toBytes() <= 0) {
      throw new IllegalArgumentException(property + " must be a positive size, e.g. 64MB (was " + size + ")");
    }
  }
}
