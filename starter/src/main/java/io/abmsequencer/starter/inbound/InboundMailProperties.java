package io.abmsequencer.starter.inbound;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which mailboxes are read for replies, bounces and unsubscribe mails, and how what is found there
 * is judged. Validated at startup, so a typo fails the start with the property's name instead of
 * silently reading nothing.
 *
 * <pre>
 * abm.mail.inbound:
 *   host: imap.yourco.example
 *   protocol: imaps
 *   mailboxes:
 *     - { username: replies@yourco.example, password: ..., purpose: REPLIES }
 *     - { username: bounces@yourco.example, password: ..., purpose: BOUNCES }
 *     - { username: unsubscribe@yourco.example, password: ..., purpose: UNSUBSCRIBE }
 * </pre>
 *
 * <p>Bounces reach the BOUNCES mailbox only when it is the envelope sender of what the product
 * sends: set {@code spring.mail.properties.mail.smtp.from} to its address (delivery status
 * notifications go to the envelope sender, not to the From header). In embedded mode host and port
 * default to the in-process IMAP server and every mailbox on it is read (see {@link
 * EmbeddedMailboxes}).
 *
 * @param enabled false: no mailbox is read at all
 * @param pollInterval time between the end of one poll and the start of the next
 * @param host the IMAP server; required when mailboxes are configured outside embedded mode
 * @param port its port; 143 for imap, 993 for imaps when not set
 * @param protocol {@code imap} (STARTTLS when the server offers it) or {@code imaps} (TLS)
 * @param mailboxes the accounts to read, each with what it is for
 * @param sameCompanyReplies true: an answer from someone else at the account's domain counts as a
 *     reply (a colleague the contact forwarded the e-mail to)
 * @param outOfOfficeDefault how long an out-of-office contact is held when the note states no usable
 *     return date
 * @param outOfOfficeMax a stated return date further away than this is not believed (a typo, or a
 *     parental leave the sequence should not wait for); the default is used instead
 * @param trustedAuthservIds the authserv-ids of our own receiving mail servers whose {@code
 *     Authentication-Results} headers are believed (e.g. {@code mx.google.com} for Google
 *     Workspace): a sender they authenticate (DMARC, or SPF / DKIM aligned with the From domain) may
 *     unsubscribe by mail without the token, and reply without thread headers. Empty (the default):
 *     no such header is believed. Name only a server that removes these headers bearing its id from
 *     incoming mail (RFC 8601 section 5), or anyone can write one
 */
@Validated
@ConfigurationProperties("abm.mail.inbound")
public record InboundMailProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("30s") @NotNull @DurationMin(seconds = 1) Duration pollInterval,
    String host,
    @Min(1) @Max(65535) Integer port,
    @DefaultValue("imap") @NotNull Protocol protocol,
    List<@Valid @NotNull MailboxAccount> mailboxes,
    @DefaultValue("true") boolean sameCompanyReplies,
    @DefaultValue("7d") @NotNull @DurationMin(hours = 1) Duration outOfOfficeDefault,
    @DefaultValue("60d") @NotNull @DurationMin(hours = 1) Duration outOfOfficeMax,
    List<@NotBlank String> trustedAuthservIds) {

  public InboundMailProperties {
    mailboxes = mailboxes == null ? List.of() : List.copyOf(mailboxes);
    trustedAuthservIds = trustedAuthservIds == null ? List.of() : List.copyOf(trustedAuthservIds);
  }

  /** How to talk to the IMAP server. */
  public enum Protocol {
    IMAP("imap", 143),
    IMAPS("imaps", 993);

    private final String scheme;
    private final int defaultPort;

    Protocol(String scheme, int defaultPort) {
      this.scheme = scheme;
      this.defaultPort = defaultPort;
    }

    /** The Jakarta Mail store protocol name, also the first part of a mailbox's key. */
    public String scheme() {
      return scheme;
    }

    public int defaultPort() {
      return defaultPort;
    }
  }

  /**
   * One account on the IMAP server.
   *
   * @param username the login, usually the mailbox's address
   * @param purpose what mail arrives there; decides how a message without other clues is read
   */
  public record MailboxAccount(@NotBlank String username, @NotNull String password, @NotNull MailboxPurpose purpose) {

    @Override
    public String toString() {
      return "MailboxAccount[" + username + ", " + purpose + "]"; // never the password
    }
  }

  /** The port to connect to: the configured one, or the protocol's standard port. */
  public int portOrDefault() {
    return port != null ? port : protocol.defaultPort();
  }

  @AssertTrue(message = "out-of-office-default must not be longer than out-of-office-max")
  public boolean isOutOfOfficeDefaultWithinMax() {
    return outOfOfficeDefault == null || outOfOfficeMax == null || outOfOfficeDefault.compareTo(outOfOfficeMax) <= 0;
  }

  @AssertTrue(message = "each mailbox username may appear only once")
  public boolean isEachMailboxOnce() {
    Set<String> seen = new HashSet<>();
    return mailboxes.stream()
        .filter(m -> m != null && m.username() != null)
        .allMatch(m -> seen.add(m.username().trim().toLowerCase(Locale.ROOT)));
  }
}
