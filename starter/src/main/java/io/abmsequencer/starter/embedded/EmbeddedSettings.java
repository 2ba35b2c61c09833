package io.abmsequencer.starter.embedded;

import io.abmsequencer.worker.devserver.TemporalCli;
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
    TemporalServerKind temporalServer,
    int temporalUiPort,
    String temporalDataDir,
    String temporalCliPath,
    String temporalCliCache,
    boolean temporalCliDownload,
    String temporalCliDownloadUrl,
    String temporalCliSha256,
    String temporalUiCodecEndpoint,
    int codecPort,
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
  static final String TEMPORAL_SERVER = PREFIX + "temporal.server";
  static final String TEMPORAL_UI_PORT = PREFIX + "temporal.ui-port";
  static final String TEMPORAL_DATA_DIR = PREFIX + "temporal.data-dir";
  static final String TEMPORAL_CLI_PATH = PREFIX + "temporal.cli-path";
  static final String TEMPORAL_CLI_CACHE = PREFIX + "temporal.cli-cache";
  static final String TEMPORAL_CLI_DOWNLOAD = PREFIX + "temporal.cli-download";
  static final String TEMPORAL_CLI_DOWNLOAD_URL = PREFIX + "temporal.cli-download-url";
  static final String TEMPORAL_CLI_SHA256 = PREFIX + "temporal.cli-sha256";
  static final String TEMPORAL_UI_CODEC_ENDPOINT = PREFIX + "temporal.ui-codec-endpoint";
  static final String CODEC_PORT = "abm.codec.endpoint.port";
  static final String SEARCH_ATTRIBUTES = PREFIX + "temporal.search-attributes";
  static final String POSTGRES_PORT = PREFIX + "postgres.port";
  static final String POSTGRES_DATA_DIR = PREFIX + "postgres.data-dir";
  static final String SMTP_PORT = PREFIX + "smtp.port";
  static final String IMAP_PORT = PREFIX + "imap.port";

  static final String TEMPORAL_TARGET = "spring.temporal.connection.target";
  static final String TEMPORAL_TEST_SERVER = "spring.temporal.test-server.enabled";
  static final String DATASOURCE_URL = "spring.datasource.url";
  static final String MAIL_HOST = "spring.mail.host";

  /**
   * Which Temporal runs in-process. {@code auto} (the default): the real Temporal dev server, durable,
   * where the CLI can be had, else the in-memory one; {@code dev-server}: the dev server or a failed
   * start; {@code in-memory}: the Java test server, whose clock tests can move.
   */
  enum TemporalServerKind {
    AUTO,
    DEV_SERVER,
    IN_MEMORY
  }

  /** {@code abm.embedded.postgres.data-dir=temp}: a fresh directory, deleted on close (tests). */
  static final String TEMPORARY_DATA_DIR = "temp";

  static EmbeddedSettings from(Environment env) {
    Binder binder = Binder.get(env);
    int codecPort = codecPort(binder);
    Map<String, String> attributes =
        binder
            .bind(SEARCH_ATTRIBUTES, Bindable.mapOf(String.class, String.class))
            .orElse(Collections.emptyMap());
    return new EmbeddedSettings(
        binder.bind(ENABLED, Boolean.class).orElse(true),
        hasText(env, TEMPORAL_TARGET) || env.getProperty(TEMPORAL_TEST_SERVER, Boolean.class, false),
        port(binder, TEMPORAL_PORT, 7233),
        serverKind(binder),
        port(binder, TEMPORAL_UI_PORT, 8233),
        binder.bind(TEMPORAL_DATA_DIR, String.class).orElse(home().resolve("temporal").toString()),
        text(binder, TEMPORAL_CLI_PATH),
        binder.bind(TEMPORAL_CLI_CACHE, String.class).orElse(home().resolve("cli").toString()),
        binder.bind(TEMPORAL_CLI_DOWNLOAD, Boolean.class).orElse(true),
        binder.bind(TEMPORAL_CLI_DOWNLOAD_URL, String.class).orElse(TemporalCli.DEFAULT_DOWNLOAD_URL),
        text(binder, TEMPORAL_CLI_SHA256),
        codecEndpoint(binder, codecPort),
        codecPort,
        parseSearchAttributes(attributes),
        hasText(env, DATASOURCE_URL),
        port(binder, POSTGRES_PORT, 54329),
        binder
            .bind(POSTGRES_DATA_DIR, String.class)
            .orElse(home().resolve("postgres").toString()),
        hasText(env, MAIL_HOST),
        port(binder, SMTP_PORT, 2525),
        port(binder, IMAP_PORT, 2143));
  }

  boolean startTemporal() {
    return enabled && !temporalExternal;
  }

  /** The in-memory Java test server, chosen or as the fallback of {@code auto}. */
  boolean temporalInMemoryOnly() {
    return temporalServer == TemporalServerKind.IN_MEMORY;
  }

  boolean temporalTemporary() {
    return TEMPORARY_DATA_DIR.equalsIgnoreCase(temporalDataDir.trim());
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

  /** {@code ~/.abm-sequencer}, where embedded mode keeps its data unless told otherwise. */
  static Path home() {
    return Path.of(System.getProperty("user.home"), ".abm-sequencer");
  }

  private static TemporalServerKind serverKind(Binder binder) {
    String value = binder.bind(TEMPORAL_SERVER, String.class).orElse("auto");
    try {
      return TemporalServerKind.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new EmbeddedStartupException(
          TEMPORAL_SERVER + " is '" + value + "'", "set it to auto, dev-server or in-memory");
    }
  }

  /**
   * The Temporal UI's remote codec: the product's own codec port on loopback (embedded mode always
   * encrypts payloads: with {@code abm.codec.key}, or a key of its own), so ops read decoded payloads
   * in the UI; an explicit blank value, or no codec port, configures none.
   */
  private static String codecEndpoint(Binder binder, int codecPort) {
    var explicit = binder.bind(TEMPORAL_UI_CODEC_ENDPOINT, String.class);
    if (explicit.isBound()) {
      return explicit.get().isBlank() ? null : explicit.get().trim();
    }
    return codecPort < 0 ? null : "http://" + Ports.LOOPBACK.getHostAddress() + ":" + codecPort + "/codec";
  }

  /** The codec's own port; 0 is resolved to a free one now, because the dev server must be told it. */
  private static int codecPort(Binder binder) {
    int port = binder.bind(CODEC_PORT, Integer.class).orElse(8089);
    return port == 0 ? Ports.free() : port;
  }

  private static String text(Binder binder, String key) {
    String value = binder.bind(key, String.class).orElse(null);
    return StringUtils.hasText(value) ? value.trim() : null;
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
