package io.abmsequencer.starter.embedded;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * An SMTP and IMAP server (GreenMail) on 127.0.0.1 that accepts any sender and recipient without
 * authentication and keeps every message in memory, so mail really travels over SMTP in embedded
 * mode and the console's outbox and the tests can read what was "sent". Nothing leaves the machine.
 * Messages are lost when the process stops.
 */
public final class EmbeddedMailServer implements AutoCloseable {

  private final GreenMail greenMail;

  private EmbeddedMailServer(GreenMail greenMail) {
    this.greenMail = greenMail;
  }

  /** Starts SMTP and IMAP on the given ports (0 = a free port). */
  static EmbeddedMailServer start(int smtpPort, int imapPort) {
    String host = Ports.LOOPBACK.getHostAddress();
    GreenMail greenMail =
        new GreenMail(
                new ServerSetup[] {
                  new ServerSetup(smtpPort, host, ServerSetup.PROTOCOL_SMTP),
                  new ServerSetup(imapPort, host, ServerSetup.PROTOCOL_IMAP)
                })
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    try {
      greenMail.start();
    } catch (RuntimeException e) {
      greenMail.stop();
      throw e;
    }
    return new EmbeddedMailServer(greenMail);
  }

  public String host() {
    return Ports.LOOPBACK.getHostAddress();
  }

  public int smtpPort() {
    return greenMail.getSmtp().getPort();
  }

  public int imapPort() {
    return greenMail.getImap().getPort();
  }

  /**
   * The address of every mailbox the server holds, lower-case: one per recipient it has received
   * mail for, and one per login it has seen. Each is readable over IMAP with the address as login
   * and password.
   */
  public List<String> mailboxAddresses() {
    return greenMail.getUserManager().listUser().stream()
        .map(GreenMailUser::getEmail)
        .map(email -> email.toLowerCase(Locale.ROOT))
        .distinct()
        .sorted()
        .toList();
  }

  /** Every message received so far, oldest first; one copy per recipient mailbox. */
  public List<MimeMessage> received() {
    return List.of(greenMail.getReceivedMessages());
  }

  public int receivedCount() {
    return greenMail.getReceivedMessages().length;
  }

  /** Waits until at least {@code count} messages have arrived; false on timeout. */
  public boolean awaitReceived(int count, Duration timeout) {
    return greenMail.waitForIncomingEmail(timeout.toMillis(), count);
  }

  /** Deletes every received message from every mailbox. */
  public void purge() {
    try {
      greenMail.purgeEmailFromAllMailboxes();
    } catch (FolderException e) {
      throw new IllegalStateException("Could not purge the embedded mailboxes", e);
    }
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
