package io.abmsequencer.starter.sms;

import io.abmsequencer.activities.sms.SmsSettings;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's webhooks, form-encoded POSTs: inbound texts to our number ({@value #INBOUND}, set as the
 * number's or Messaging Service's incoming-message URL) and delivery reports ({@value #STATUS}, sent
 * with every message as its status callback). Public, under {@value #PREFIX}: no session, no CSRF
 * token; what authenticates a request is its {@code X-Twilio-Signature}, checked before anything
 * else. A missing or wrong signature gets 403, saying which, and changes nothing.
 */
@RestController
class TwilioWebhookController {
  /** Every Twilio webhook lives under this path: what a security configuration permits. */
  static final String PREFIX = "/webhooks/twilio";
  static final String INBOUND = PREFIX + "/inbound";
  static final String STATUS = SmsSettings.Twilio.STATUS_PATH;

  private static final Logger log = LoggerFactory.getLogger(TwilioWebhookController.class);
  private static final MediaType TWIML = new MediaType(MediaType.APPLICATION_XML, StandardCharsets.UTF_8);

  private final TwilioSignatures signatures;
  private final TwilioWebhooks webhooks;

  TwilioWebhookController(TwilioSignatures signatures, TwilioWebhooks webhooks) {
    this.signatures = signatures;
    this.webhooks = webhooks;
  }

  @PostMapping(INBOUND)
  ResponseEntity<?> inbound(HttpServletRequest request) {
    Map<String, String> form = TwilioSignatures.form(request);
    String refusal = signatures.inboundRefusal(request, form);
    if (refusal != null) return forbidden(request, refusal);
    return ResponseEntity.ok().contentType(TWIML).body(webhooks.inbound(form));
  }

  @PostMapping(STATUS)
  ResponseEntity<?> status(HttpServletRequest request) {
    Map<String, String> form = TwilioSignatures.form(request);
    String refusal = signatures.statusRefusal(request, form);
    if (refusal != null) return forbidden(request, refusal);
    webhooks.status(form);
    return ResponseEntity.ok().build();
  }

  private static ResponseEntity<ProblemDetail> forbidden(HttpServletRequest request, String refusal) {
    log.warn("Refused a request to {} from {}: {}", request.getRequestURI(), request.getRemoteAddr(), refusal);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, refusal);
    problem.setTitle("Not from Twilio");
    problem.setInstance(URI.create(request.getRequestURI()));
    return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }
}
