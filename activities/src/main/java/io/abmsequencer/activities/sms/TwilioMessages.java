package io.abmsequencer.activities.sms;

import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.rest.api.v2010.account.MessageReader;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The two calls the channel makes to Twilio's Messages API through the SDK: create a message, and
 * find one we created earlier. SDK exceptions leave this class only as {@link TwilioFailure}.
 */
class TwilioMessages {

  /** A message Twilio holds: its SID and the status it reported. */
  record Sent(String sid, String status) {}

  /** How far Twilio's clock may be from the database's when looking an earlier attempt up. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  /** Messages to one number since an attempt: more than a sequence ever sends in that window. */
  private static final int LOOKUP_LIMIT = 100;

  private final TwilioRestClient client;
  private final SmsSettings.Twilio settings;
  private final String statusCallbackUrl;

  TwilioMessages(TwilioRestClient client, SmsSettings.Twilio settings, String statusCallbackUrl) {
    this.client = client;
    this.settings = settings;
    this.statusCallbackUrl = statusCallbackUrl;
  }

  /** {@code POST /2010-04-01/Accounts/{sid}/Messages.json} with To, From (or MessagingServiceSid), Body, StatusCallback. */
  Sent send(String to, String body) {
    MessageCreator creator =
        settings.from() != null
            ? Message.creator(new PhoneNumber(to), new PhoneNumber(settings.from()), body)
            : Message.creator(new PhoneNumber(to), settings.messagingServiceSid(), body);
    creator.setStatusCallback(URI.create(statusCallbackUrl));
    try {
      Message message = creator.create(client);
      return new Sent(message.getSid(), statusOf(message));
    } catch (TwilioException e) {
      throw TwilioFailure.of(e);
    }
  }

  /**
   * The message an earlier attempt created, if Twilio has it: an outbound message to {@code to} from
   * our sender, with exactly {@code body}, created at or after {@code since} (less {@link
   * #CLOCK_SKEW}). {@code GET .../Messages.json?To=...&From=...}, newest first. Twilio's list filters by
   * date sent only, which a queued message does not have yet, so the creation time is checked here.
   */
  Optional<Sent> findSent(String to, String body, Instant since) {
    MessageReader reader = Message.reader().setTo(new PhoneNumber(to));
    if (settings.from() != null) reader.setFrom(new PhoneNumber(settings.from()));
    Instant earliest = since.minus(CLOCK_SKEW);
    try {
      for (Message message : reader.limit(LOOKUP_LIMIT).read(client)) {
        if (ours(message) && body.equals(message.getBody()) && createdSince(message, earliest)) {
          return Optional.of(new Sent(message.getSid(), statusOf(message)));
        }
      }
      return Optional.empty();
    } catch (TwilioException e) {
      throw TwilioFailure.of(e);
    }
  }

  private boolean ours(Message message) {
    if (message.getDirection() != null && message.getDirection() != Message.Direction.OUTBOUND_API) return false;
    if (settings.messagingServiceSid() != null) {
      return Objects.equals(settings.messagingServiceSid(), message.getMessagingServiceSid());
    }
    return true;
  }

  private static boolean createdSince(Message message, Instant earliest) {
    return message.getDateCreated() != null && !message.getDateCreated().toInstant().isBefore(earliest);
  }

  private static String statusOf(Message message) {
    return message.getStatus() == null ? null : message.getStatus().toString();
  }
}
