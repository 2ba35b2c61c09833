package io.abmsequencer.activities.sms;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.InvalidRequestException;
import com.twilio.exception.TwilioException;
import java.util.Set;

/**
 * What a failed Twilio API call means for the touch, decided once here from Twilio's error code and
 * HTTP status (the error JSON carries both: {@code {"code": 21610, "status": 400, "message": ...}}).
 */
final class TwilioFailure extends RuntimeException {

  enum Kind {
    /** 21610: the recipient replied STOP to our sender; Twilio refuses every text to them. */
    UNSUBSCRIBED,
    /** The number cannot receive texts at all (invalid, landline, short code): a hard bounce. */
    INVALID_NUMBER,
    /** Twilio refused the request for good (credentials, permissions, our sender): retrying cannot help. */
    REJECTED,
    /** Time-outs, I/O, 408, 429, 5xx: try again later. */
    TRANSIENT
  }

  /** Recipient unsubscribed: https://www.twilio.com/docs/api/errors/21610. */
  static final int UNSUBSCRIBED_RECIPIENT = 21610;

  /**
   * Codes about the 'To' number itself: 21211 invalid 'To' number, 21265 'To' is a short code, 21614
   * 'To' is not a mobile number, 21635 'To' is a landline (twilio.com/docs/api/errors/{code}).
   */
  static final Set<Integer> INVALID_NUMBER_CODES = Set.of(21211, 21265, 21614, 21635);

  /** 20003: authentication failed (with HTTP 401). */
  static final int AUTHENTICATION_FAILED = 20003;

  private final Kind kind;
  private final Integer code;
  private final Integer httpStatus;

  private TwilioFailure(Kind kind, Integer code, Integer httpStatus, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.code = code;
    this.httpStatus = httpStatus;
  }

  static TwilioFailure of(TwilioException e) {
    if (e instanceof ApiException api) {
      Integer code = api.getCode();
      Integer status = api.getStatusCode() == null || api.getStatusCode() == 0 ? null : api.getStatusCode();
      return new TwilioFailure(kindOf(code, status, api.getCause()), code, status, describe(code, status, api), e);
    }
    if (e instanceof ApiConnectionException) {
      return new TwilioFailure(Kind.TRANSIENT, null, null, "could not reach Twilio: " + message(e), e);
    }
    if (e instanceof InvalidRequestException) {
      return new TwilioFailure(Kind.REJECTED, null, null, "Twilio refused the request: " + message(e), e);
    }
    return new TwilioFailure(Kind.TRANSIENT, null, null, "Twilio call failed: " + message(e), e);
  }

  private static Kind kindOf(Integer code, Integer status, Throwable cause) {
    if (code != null && code == UNSUBSCRIBED_RECIPIENT) return Kind.UNSUBSCRIBED;
    if (code != null && INVALID_NUMBER_CODES.contains(code)) return Kind.INVALID_NUMBER;
    if (code != null && code == AUTHENTICATION_FAILED) return Kind.REJECTED;
    // No status: the SDK wraps I/O errors and unreadable replies (a proxy's HTML page) in ApiException.
    if (status == null || status == 408 || status == 429 || status >= 500) return Kind.TRANSIENT;
    return Kind.REJECTED;
  }

  private static String describe(Integer code, Integer status, ApiException e) {
    if (code == null && status == null) return "Twilio call failed: " + message(e);
    StringBuilder text = new StringBuilder("Twilio");
    if (code != null) text.append(' ').append(code);
    if (status != null) text.append(" (HTTP ").append(status).append(')');
    return text.append(": ").append(message(e)).toString();
  }

  private static String message(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip();
  }

  Kind kind() {
    return kind;
  }

  /** Twilio's error code, or null (I/O, an unreadable reply). */
  Integer code() {
    return code;
  }

  Integer httpStatus() {
    return httpStatus;
  }

  /** The {@code code} tag of {@code abm.provider.errors}: Twilio's error code, else the HTTP status, else the kind. */
  String metricCode() {
    if (code != null) return String.valueOf(code);
    if (httpStatus != null) return "http-" + httpStatus;
    return kind == Kind.TRANSIENT ? TwilioSmsChannel.TRANSIENT : TwilioSmsChannel.REJECTED;
  }
}
