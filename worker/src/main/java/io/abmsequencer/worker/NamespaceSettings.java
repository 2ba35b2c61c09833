package io.abmsequencer.worker;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Temporal namespace the sequences run in, {@code spring.temporal.namespace} (the Temporal
 * starter's own key, read here too so the worker can register the search attributes there).
 * Checked at startup: a blank namespace fails the application naming the property, instead of
 * failing every call to Temporal later.
 *
 * @param namespace {@code default}, or on Temporal Cloud {@code <namespace>.<account id>}
 */
@ConfigurationProperties("spring.temporal")
public record NamespaceSettings(@DefaultValue("default") String namespace) {

  public NamespaceSettings {
    if (namespace == null || namespace.isBlank() || !namespace.strip().equals(namespace)) {
      throw new IllegalArgumentException(
          "spring.temporal.namespace must be a namespace name such as default (Temporal Cloud: <namespace>.<account id>),"
              + " not '" + namespace + "'");
    }
  }
}
