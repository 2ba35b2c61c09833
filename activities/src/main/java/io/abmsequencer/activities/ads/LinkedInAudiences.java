package io.abmsequencer.activities.ads;

import io.abmsequencer.activities.ads.LinkedInSegments.Segment;
import io.abmsequencer.activities.ads.PendingChanges.Change;
import io.abmsequencer.activities.ads.ProviderHttp.Response;
import io.abmsequencer.workflows.playbook.AdPlatform;
import io.abmsequencer.workflows.playbook.AudienceAction;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * LinkedIn Matched Audiences through DMP segments (Marketing API, versioned {@code /rest}). An
 * audience name gets a segment of type USER in the configured ad account on first use, remembered in
 * {@link LinkedInSegments}; members go in and out in batches ({@code POST
 * /rest/dmpSegments/{id}/users} with {@code X-RestLi-Method: BATCH_CREATE}, action ADD or REMOVE),
 * identified by {@code SHA256_EMAIL}. LinkedIn matches no phone numbers.
 */
final class LinkedInAudiences implements AudiencePlatform {
  /** Elements per BATCH_CREATE request. */
  static final int BATCH_LIMIT = 5_000;
  /** LinkedIn: "After creating a DMP segment, wait 5 seconds for it to become available before adding users." */
  static final Duration SEGMENT_WARM_UP = Duration.ofSeconds(5);

  private final AdsSettings.LinkedIn settings;
  private final ProviderHttp http;
  private final LinkedInSegments segments;
  private final TransactionTemplate ownTransaction;

  LinkedInAudiences(AdsSettings.LinkedIn settings, ProviderHttp http, LinkedInSegments segments, PlatformTransactionManager transactions) {
    this.settings = settings;
    this.http = http;
    this.segments = segments;
    this.ownTransaction = new TransactionTemplate(transactions);
    // The segment is kept even if the batch that needed it is rolled back.
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Override
  public AdPlatform platform() {
    return AdPlatform.LINKEDIN;
  }

  @Override
  public int batchLimit() {
    return BATCH_LIMIT;
  }

  @Override
  public Outcome send(String audience, AudienceAction action, List<Change> changes) {
    Map<String, String> refused = new LinkedHashMap<>();
    List<Change> sendable = new ArrayList<>();
    for (Change change : changes) {
      if (change.emailSha256() == null) refused.put(change.contactId(), "no e-mail address on record: LinkedIn matches on e-mail");
      else sendable.add(change);
    }
    if (sendable.isEmpty()) return new Accepted(refused, Set.of());

    Optional<Segment> known = segments.find(audience, settings.adAccountUrn());
    // Nobody was ever added on LinkedIn without a segment: nothing to take out.
    if (known.isEmpty() && action == AudienceAction.REMOVE) return new Accepted(refused, Set.of());
    Segment segment;
    if (known.isPresent()) {
      segment = known.get();
    } else {
      Object created = ownTransaction.execute(status -> createOnce(audience));
      if (created instanceof Outcome outcome) return outcome;
      segment = (Segment) created;
    }
    Instant ready = segment.createdAt().plus(SEGMENT_WARM_UP);
    if (http.clock().instant().isBefore(ready)) {
      return new RetryLater(ready, null, "LinkedIn segment " + segment.id() + " is new; LinkedIn takes users 5 s after creation", false);
    }

    List<Map<String, Object>> elements = new ArrayList<>();
    for (Change change : sendable) {
      elements.add(Map.of(
          "action", action.name(),
          "userIds", List.of(Map.of("idType", "SHA256_EMAIL", "idValue", change.emailSha256()))));
    }
    Map<String, String> headers = new LinkedHashMap<>(headers());
    headers.put("X-RestLi-Method", "BATCH_CREATE");
    Response response;
    try {
      response = http.post(uri("/rest/dmpSegments/" + segment.id() + "/users"), headers, Map.of("elements", elements));
    } catch (IOException | InterruptedException e) {
      return http.unreachable("LinkedIn", e);
    }
    if (!response.ok()) return http.failure("LinkedIn", response);
    return perElement(response, sendable, refused);
  }

  /**
   * Since LinkedIn-Version 202502 a batch is accepted in part: each element has its own status
   * (201 when taken, 4xx with a message when not), in request order.
   */
  private static Outcome perElement(Response response, List<Change> sent, Map<String, String> refused) {
    var statuses = response.json().path("elements");
    Set<String> retry = new HashSet<>();
    for (int i = 0; i < sent.size() && i < statuses.size(); i++) {
      var element = statuses.get(i);
      int status = element.path("status").asInt(201);
      if (status >= 200 && status < 300) continue;
      String contactId = sent.get(i).contactId();
      if (ProviderHttp.retryable(status)) {
        retry.add(contactId);
      } else {
        String message = element.path("message").asText("");
        refused.put(contactId, "LinkedIn refused (" + status + (message.isEmpty() ? "" : ": " + message) + ")");
      }
    }
    return new Accepted(refused, retry);
  }

  /** Creates the audience's segment unless another flusher just did; under the segment's lock. */
  private Object createOnce(String audience) {
    String account = settings.adAccountUrn();
    segments.lock(audience, account);
    Optional<Segment> meanwhile = segments.find(audience, account);
    if (meanwhile.isPresent()) return meanwhile.get();
    Map<String, Object> body = Map.of(
        "name", audience,
        "sourcePlatform", settings.sourcePlatform(),
        "account", account,
        "type", "USER",
        "destinations", List.of(Map.of("destination", "LINKEDIN")));
    Response response;
    try {
      response = http.post(uri("/rest/dmpSegments"), headers(), body);
    } catch (IOException | InterruptedException e) {
      return http.unreachable("LinkedIn", e);
    }
    if (!response.ok()) return http.failure("LinkedIn", response);
    String id = createdId(response);
    if (id == null) {
      return new AudiencePlatform.Refused("LINKEDIN_SEGMENT", "LinkedIn created segment '" + audience + "' but named no id");
    }
    Instant now = http.clock().instant();
    segments.save(audience, account, id, now);
    return new Segment(id, now);
  }

  /** Rest.li names a created entity in {@code x-restli-id} (older answers: {@code x-linkedin-id}, Location). */
  private static String createdId(Response response) {
    String id = response.header("x-restli-id")
        .or(() -> response.header("x-linkedin-id"))
        .orElseGet(() -> {
          String fromBody = response.json().path("id").asText("");
          if (!fromBody.isEmpty()) return fromBody;
          return response.header("Location").map(l -> l.substring(l.lastIndexOf('/') + 1)).orElse(null);
        });
    if (id == null || id.isBlank()) return null;
    id = id.strip();
    return id.startsWith("urn:") ? id.substring(id.lastIndexOf(':') + 1) : id;
  }

  private Map<String, String> headers() {
    return Map.of(
        "Authorization", "Bearer " + settings.accessToken(),
        "LinkedIn-Version", settings.version(),
        "X-Restli-Protocol-Version", "2.0.0");
  }

  private URI uri(String path) {
    String base = settings.baseUrl().toString();
    return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
  }
}
