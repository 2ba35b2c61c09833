package io.abmsequencer.starter.embedded;

/**
 * Which pieces of infrastructure run inside this process, so the console can say "embedded mode"
 * and show where things are. Always present as a bean (all flags false when the embedded mode is off
 * or everything is configured externally). An address is set only for a piece that runs embedded;
 * external addresses stay in the user's own configuration (a JDBC URL may carry a password).
 *
 * @param temporalEmbedded embedded mode runs a Temporal server (the dev server or the in-memory one)
 * @param temporalTarget its gRPC target, {@code host:port}, or null
 * @param temporalDurable it is the real Temporal dev server, whose state survives a restart
 * @param temporalUiUrl that server's Web UI, or null
 * @param temporalDataDirectory where it keeps its state, or null
 * @param temporalFallback why the in-memory server runs although the dev server was preferred (no
 *     Temporal CLI could be had), or null
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
    boolean temporalDurable,
    String temporalUiUrl,
    String temporalDataDirectory,
    String temporalFallback,
    boolean postgresEmbedded,
    String jdbcUrl,
    String postgresDataDirectory,
    boolean postgresTemporary,
    boolean smtpEmbedded,
    String smtpAddress,
    String imapAddress) {

  public static final String BEAN_NAME = "abmEmbeddedMode";

  static final EmbeddedMode OFF =
      new EmbeddedMode(false, null, false, null, null, null, false, null, null, false, false, null, null);

  /** The in-memory Temporal runs: sequences do not survive a restart of this process. */
  public boolean temporalInMemory() {
    return temporalEmbedded && !temporalDurable;
  }

  /**
   * The whole product runs embedded (Temporal, PostgreSQL and mail): the demo on one machine. Only
   * then are there demo users, and is the console bound to loopback by default.
   */
  public boolean wholeProduct() {
    return temporalEmbedded && postgresEmbedded && smtpEmbedded;
  }

  /** True when at least one piece runs in-process: the console then labels itself "embedded mode". */
  public boolean active() {
    return temporalEmbedded || postgresEmbedded || smtpEmbedded;
  }
}
