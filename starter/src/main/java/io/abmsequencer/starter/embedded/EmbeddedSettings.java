package io.abmsequencer.starter.embedded;

import io.temporal.api.enums.v1.IndexedValueType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The {@code abm.embedded.*} properties, and whether the user configured the external equivalent of
 * each piece. Read once, before the context refreshes, because the pieces must be up before any bean
 * that connects to them is created.
 */
record EmbeddedSettings(
    boolean enabled,
    boolean temporalExternal,
    int temporalPort,
    Map<String, IndexedValueType> searchAttributes,
    boolean postgresExternal,
    int postgresPort,
    String postgresDataDir,
    boolean smtpExternal,
    int smtpPort,
    int imapPort) {

  static final String PREFIX = "abm.embedded.";
  static final String ENABLED = PREFIX + "enabled";
  static final String TEMPORAL_PORT = PREFIX + "temporal.port";
  static final String SEARCH_ATTRIBUTES = PREFIX + "temporal.search-attributes";
  static final String POSTGRES_PORT = PREFIX + "postgres.port";
  static final String POSTGRES_DATA_DIR = PREFIX + "postgres.data-dir";
  static final String SMTP_PORT = PREFIX + "smtp.port";
  static final String IMAP_PORT = PREFIX + "imap.port";

  static final String TEMPORAL_TARGET = "spring.temporal.connection.target";
  static final String TEMPORAL_TEST_SERVER = "spring.temporal.test-server.enabled";
  static final String DATASOURCE_URL = "spring.datasource.url";
  static final String MAIL_HOST = "spring.mail.host";

  /** {@code abm.embedded.postgres.data-dir=temp}: a fresh directory, deleted on close (tests). */
  static final String TEMPORARY_DATA_DIR = "temp";

  static EmbeddedSettings from(Environment env) {
    Binder binder = Binder.get(env);
    Map<String, String> attributes =
        binder
            .bind(SEARCH_ATTRIBUTES, Bindable.mapOf(String.class, String.class))
            .orElse(Collections.emptyMap());
    return new EmbeddedSettings(
        binder.bind(ENABLED, Boolean.class).orElse(true),
        hasText(env, TEMPORAL_TARGET) || env.getProperty(TEMPORAL_TEST_SERVER, Boolean.class, false),
        port(binder, TEMPORAL_PORT, 7233),
        parseSearchAttributes(attributes),
        hasText(env, DATASOURCE_URL),
        port(binder, POSTGRES_PORT, 54329),
        binder
            .bind(POSTGRES_DATA_DIR, String.class)
            .orElse(Path.of(System.getProperty("user.home"), ".abm-sequencer", "postgres").toString()),
        hasText(env, MAIL_HOST),
        port(binder, SMTP_PORT, 2525),
        port(binder, IMAP_PORT, 2143));
  }

  boolean startTemporal() {
    return enabled && !temporalExternal;
  }

  boolean startPostgres() {
    return enabled && !postgresExternal;
  }

  boolean startSmtp() {
    return enabled && !smtpExternal;
  }

  boolean postgresTemporary() {
    return TEMPORARY_DATA_DIR.equalsIgnoreCase(postgresDataDir.trim());
  }

  /**
   * Accepts the short names an operator would write ({@code Keyword}, {@code keyword-list},
   * {@code Datetime}) as well as the proto names ({@code INDEXED_VALUE_TYPE_KEYWORD}).
   */
  static Map<String, IndexedValueType> parseSearchAttributes(Map<String, String> raw) {
    Map<String, IndexedValueType> parsed = new LinkedHashMap<>();
    raw.forEach((name, type) -> parsed.put(name, indexedValueType(name, type)));
    return Collections.unmodifiableMap(parsed);
  }

  static IndexedValueType indexedValueType(String name, String type) {
    String wanted = normalize(type.replaceFirst("(?i)^INDEXED_VALUE_TYPE_", ""));
    for (IndexedValueType candidate : knownTypes()) {
      if (normalize(shortName(candidate)).equals(wanted)) {
        return candidate;
      }
    }
    throw new EmbeddedStartupException(
        SEARCH_ATTRIBUTES + "." + name + " has the unknown type '" + type + "'",
        "use one of "
            + Arrays.stream(knownTypes()).map(EmbeddedSettings::shortName).collect(Collectors.joining(", ")));
  }

  private static IndexedValueType[] knownTypes() {
    return Arrays.stream(IndexedValueType.values())
        .filter(t -> t != IndexedValueType.UNRECOGNIZED)
        .filter(t -> t != IndexedValueType.INDEXED_VALUE_TYPE_UNSPECIFIED)
        .toArray(IndexedValueType[]::new);
  }

  private static String shortName(IndexedValueType type) {
    return type.name().substring("INDEXED_VALUE_TYPE_".length());
  }

  private static String normalize(String text) {
    return text.replaceAll("[^A-Za-z]", "").toUpperCase(Locale.ROOT);
  }

  private static boolean hasText(Environment env, String key) {
    return StringUtils.hasText(env.getProperty(key));
  }

  private static int port(Binder binder, String key, int defaultPort) {
    int port = binder.bind(key, Integer.class).orElse(defaultPort);
    if (port < 0 || port > 65535) {
      throw new EmbeddedStartupException(
          key + " is " + port + ", not a port", "set it to 1-65535, or 0 for a free random port");
    }
    return port;
  }
}
