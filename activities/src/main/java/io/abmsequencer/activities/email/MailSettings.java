package io.abmsequencer.activities.email;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who e-mail goes out from. Validated at startup: a malformed sender fails the application and the
 * message names the property.
 *
 * <pre>
 * abm.mail.from-domain: sales.example.com
 * abm.mail.senders[jane]: { name: Jane Doe, email: jane.doe@example.com }
 * </pre>
 *
 * Owners with dots or {@code @} in them need brackets in the key ({@code senders[jane.doe@x.com]}).
 *
 * @param fromDomain the domain of owners given without one, e.g. {@code jane} →
 *     {@code jane@abm-sequencer.local}
 * @param senders sender identity per account owner, keyed by the owner as written on the sequence
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
    Map<String, @Valid Sender> senders) {

  public MailSettings {
    senders = senders == null ? Map.of() : Map.copyOf(senders);
  }

  /** @param name display name; derived from the address when missing */
  public record Sender(String name, @NotBlank @Email String email) {}
}
