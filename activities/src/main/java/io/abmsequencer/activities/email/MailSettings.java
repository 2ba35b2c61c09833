package io.abmsequencer.activities.email;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How e-mail goes out: from whom, with which legal footer, and how much of it. Validated at
 * startup: a malformed setting fails the application and the message names the property.
 *
 * <pre>
 * abm.mail.from-domain: sales.example.com
 * abm.mail.senders[jane]: { name: Jane Doe, email: jane.doe@example.com }
 * abm.mail.postal-address: Acme Inc. · 1 Main Street · Springfield, IL 62701 · USA
 * abm.mail.caps: { per-sender-per-day: 200, zone: America/New_York, per-contact: 2, per-contact-window: 7d }
 * abm.mail.max-parallel-sends: 16
 * abm.mail.send-slot-wait: 30s
 * abm.mail.send-lease: 30s
 * abm.mail.policy-blocks: { burst: 3, window: 10m, recheck: 15m }
 * abm.mail.digest-from: abm@sales.example.com
 * </pre>
 *
 * Owners with dots or {@code @} in them need brackets in the key ({@code senders[jane.doe@x.com]}).
 *
 * @param fromDomain the domain of owners given without one, e.g. {@code jane} →
 *     {@code jane@abm-sequencer.local}
 * @param senders sender identity per account owner, keyed by the owner as written on the sequence
 * @param postalAddress the sender's physical postal address, printed in every e-mail's footer
 *     (CAN-SPAM); required when {@code abm.embedded.enabled=false}, see {@link MailFooter}
 * @param footer the footer under every e-mail, with {@code {postalAddress}} and {@code
 *     {unsubscribeUrl}} placeholders (both required)
 * @param unsubscribeMailbox where the {@code mailto:} of the {@code List-Unsubscribe} header points;
 *     default {@code unsubscribe@<from-domain>}
 * @param caps how many e-mails may go out per sender and per contact
 * @param maxParallelSends SMTP transactions at once; each holds a database connection from before the
 *     transaction until its outcome is committed, so keep it well under the pool's size
 * @param sendSlotWait how long a send waits for one of those slots before it gives up and Temporal
 *     tries again later; well under the send activity's 2-minute timeout, so an attempt never outlives
 *     its timeout merely waiting
 * @param sendLease how long the lease on a touch's ledger row lasts without renewal: the attempt that
 *     holds it renews it while it lives, and a worker that died frees it after this long
 * @param policyBlocks when policy refusals (5.7.x) pause a sender
 * @param digestFrom the bare address the Monday digest comes from; default {@code abm@<from-domain>}
 */
@Validated
@ConfigurationProperties("abm.mail")
public record MailSettings(
    @DefaultValue("abm-sequencer.local")
        @NotBlank
        @Pattern(
            regexp = "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*",
            message = "must be a domain name such as example.com")
        String fromDomain,
    Map<String, @Valid Sender> senders,
    String postalAddress,
    String footer,
    @Email String unsubscribeMailbox,
    @DefaultValue @Valid Caps caps,
    @DefaultValue("16") @Positive int maxParallelSends,
    @DefaultValue("30s") @NotNull Duration sendSlotWait,
    @DefaultValue("30s") @NotNull Duration sendLease,
    @DefaultValue @Valid PolicyBlocks policyBlocks,
    String digestFrom) {

  /** The footer when {@code abm.mail.footer} is not set. */
  public static final String DEFAULT_FOOTER =
      "{postalAddress}\nIf you'd rather not get these e-mails, unsubscribe here: {unsubscribeUrl}";

  @ConstructorBinding
  public MailSettings {
    senders = senders == null ? Map.of() : Map.copyOf(senders);
    postalAddress = postalAddress == null || postalAddress.isBlank() ? null : postalAddress.strip();
    footer = footer == null || footer.isBlank() ? DEFAULT_FOOTER : footer.strip();
    unsubscribeMailbox =
        unsubscribeMailbox == null || unsubscribeMailbox.isBlank()
            ? "unsubscribe@" + fromDomain
            : unsubscribeMailbox.trim();
    caps = caps == null ? Caps.DEFAULT : caps;
    sendSlotWait = positive(sendSlotWait, Duration.ofSeconds(30), "send-slot-wait");
    sendLease = positive(sendLease, Duration.ofSeconds(30), "send-lease");
    if (sendLease.compareTo(Duration.ofSeconds(3)) < 0) {
      throw new IllegalArgumentException("abm.mail.send-lease must be at least 3s (it is renewed every third of it), not " + sendLease);
    }
    policyBlocks = policyBlocks == null ? PolicyBlocks.DEFAULT : policyBlocks;
    digestFrom = digestFrom == null || digestFrom.isBlank() ? "abm@" + fromDomain : address(digestFrom.strip(), "digest-from");
  }

  /** Sender identities only; every other setting at its default. */
  public MailSettings(String fromDomain, Map<String, Sender> senders) {
    this(fromDomain, senders, null, null, null, null, 16, null, null, null, null);
  }

  /** One bare address ({@code abm@example.com}, no display name): the From header adds the name. */
  private static String address(String value, String name) {
    try {
      if (new InternetAddress(value, true).getAddress().equals(value) && value.indexOf('@') > 0) return value;
    } catch (AddressException e) {
      // reported below
    }
    throw new IllegalArgumentException("abm.mail." + name + " must be one e-mail address such as abm@sales.example.com, not '" + value + "'");
  }

  private static Duration positive(Duration value, Duration fallback, String name) {
    if (value == null) return fallback;
    if (value.isNegative() || value.isZero()) throw new IllegalArgumentException("abm.mail." + name + " must be positive, not " + value);
    return value;
  }

  /**
   * Policy refusals ({@code 5.7.x}: relay access denied, a DMARC or spam policy) say something about
   * our sending, not about the recipient: the touch fails, the address stays, and {@code burst} of them
   * from one sender within {@code window} pause that sender until a person resumes it. Its e-mails are
   * deferred meanwhile and ask again every {@code recheck}.
   */
  public record PolicyBlocks(
      @DefaultValue("3") @Positive int burst,
      @DefaultValue("10m") @NotNull Duration window,
      @DefaultValue("15m") @NotNull Duration recheck) {

    public static final PolicyBlocks DEFAULT = new PolicyBlocks(3, Duration.ofMinutes(10), Duration.ofMinutes(15));

    public PolicyBlocks {
      if (window != null && (window.isNegative() || window.isZero())) {
        throw new IllegalArgumentException("abm.mail.policy-blocks.window must be positive, not " + window);
      }
      if (recheck != null && (recheck.isNegative() || recheck.isZero())) {
        throw new IllegalArgumentException("abm.mail.policy-blocks.recheck must be positive, not " + recheck);
      }
    }
  }

  /** @param name display name; derived from the address when missing */
  public record Sender(String name, @NotBlank @Email String email) {}

  /**
   * Sending caps, checked right before each e-mail. A touch over a cap is deferred, not dropped.
   *
   * @param perSenderPerDay e-mails per sender mailbox per calendar day in {@code zone}; 0 = no cap
   * @param zone where the sender's days begin and end
   * @param perContact e-mails per contact address, across all sequences, per {@code
   *     perContactWindow}; 0 = no cap
   * @param perContactWindow the sliding window of the per-contact cap; 0 = no cap
   */
  public record Caps(
      @DefaultValue("200") @PositiveOrZero int perSenderPerDay,
      @DefaultValue("UTC") @NotNull ZoneId zone,
      @DefaultValue("2") @PositiveOrZero int perContact,
      @DefaultValue("7d") @NotNull Duration perContactWindow) {

    public static final Caps DEFAULT = new Caps(200, ZoneId.of("UTC"), 2, Duration.ofDays(7));

    public Caps {
      if (perContactWindow != null && perContactWindow.isNegative()) {
        throw new IllegalArgumentException(
            "abm.mail.caps.per-contact-window must not be negative (0 turns the per-contact cap off)");
      }
    }

    public boolean perSenderOn() {
      return perSenderPerDay > 0;
    }

    public boolean perContactOn() {
      return perContact > 0 && perContactWindow != null && !perContactWindow.isZero();
    }
  }
}
