package io.abmsequencer.activities.email;

import io.abmsequencer.activities.email.MailSettings.Sender;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Maps an account owner to the name and address their touches go out under. */
@Component
public class SenderIdentities {
  private final MailSettings settings;

  public SenderIdentities(MailSettings settings) {
    this.settings = settings;
  }

  /**
   * The configured sender for {@code owner}; else, when the owner is an e-mail address, that address
   * with a name derived from it ({@code jane.doe@x} → "Jane Doe"); else {@code owner@fromDomain}.
   */
  public Sender forOwner(String owner) {
    String key = owner == null || owner.isBlank() ? "abm-sequencer" : owner.trim();
    Sender configured = settings.senders().get(key);
    if (configured != null) {
      String name = configured.name() == null || configured.name().isBlank()
          ? nameFrom(localPart(configured.email()))
          : configured.name();
      return new Sender(name, configured.email().trim());
    }
    if (key.contains("@")) return new Sender(nameFrom(localPart(key)), key);
    return new Sender(nameFrom(key), key.toLowerCase(Locale.ROOT) + "@" + settings.fromDomain());
  }

  /** The part after {@code @}, for Message-IDs. */
  public static String domainOf(String email) {
    int at = email.lastIndexOf('@');
    return at < 0 ? email : email.substring(at + 1);
  }

  private static String localPart(String email) {
    int at = email.lastIndexOf('@');
    return at < 0 ? email : email.substring(0, at);
  }

  /** "jane.doe" → "Jane Doe"; separators . _ - + become spaces. */
  static String nameFrom(String localPart) {
    StringBuilder name = new StringBuilder();
    for (String word : localPart.split("[._+\\-\\s]+")) {
      if (word.isEmpty()) continue;
      if (!name.isEmpty()) name.append(' ');
      name.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
    }
    return name.toString();
  }
}
