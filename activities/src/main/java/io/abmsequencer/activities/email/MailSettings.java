package io.abmsequencer.activities.email;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How e-mail goes out: from whom, and with which legal footer. Validated at
 * startup: a malformed setting fails the application and the message names the property.
 *
 * <pre>
 * abm.mail.from-domain: sales.example.com
 * abm.mail.senders[jane]: { name: Jane Doe, email: jane.doe@example.com }
 * abm.mail.postal-address: Acme Inc. · 1 Main Street · Springfield, IL 62701 · USA
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
    @Email String unsubscribeMailbox) {

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
  }

  /** Sender identities only; every other setting at its default. */
  public MailSettings(String fromDomain, Map<String, Sender> senders) {
    this(fromDomain, senders, null, null, null);
  }

  /** @param name display name; derived from the address when missing */
  public record Sender(String name, @NotBlank @Email String email) {}
}
