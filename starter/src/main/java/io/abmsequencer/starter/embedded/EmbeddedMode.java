package io.abmsequencer.starter.embedded;

/**
 * Which pieces of infrastructure run inside this process, so the console can say "embedded mode"
 * and show where things are. Always present as a bean (all flags false when the embedded mode is off
 * or everything is configured externally). An address is set only for a piece that runs embedded;
 * external addresses stay in the user's own configuration (a JDBC URL may carry a password).
 *
 * @param temporalEmbedded an in-process Temporal server runs
 * @param temporalTarget its gRPC target, {@code host:port}, or null
 * @param postgresEmbedded an embedded PostgreSQL runs
 * @param jdbcUrl its JDBC URL, or null
 * @param postgresDataDirectory where it keeps its data, or null
 * @param postgresTemporary true when that directory is deleted when the process stops
 * @param smtpEmbedded an in-process SMTP (and IMAP) server runs
 * @param smtpAddress its SMTP {@code host:port}, or null
 * @param imapAddress its IMAP {@code host:port}, or null
 */
public record EmbeddedMode(
    boolean temporalEmbedded,
    String temporalTarget,
    boolean postgresEmbedded,
    String jdbcUrl,
    String postgresDataDirectory,
    boolean postgresTemporary,
    boolean smtpEmbedded,
    String smtpAddress,
    String imapAddress) {

  public static final String BEAN_NAME = "abmEmbeddedMode";

  static final EmbeddedMode OFF =
      new EmbeddedMode(false, null, false, null, null, false, false, null, null);

  /** True when at least one piece runs in-process: the console then labels itself "embedded mode". */
  public boolean active() {
    return temporalEmbedded || postgresEmbedded || smtpEmbedded;
  }
}
