package io.abmsequencer.activities.ads;

import io.abmsequencer.activities.ads.PendingChanges.Change;
import io.abmsequencer.activities.ads.ProviderHttp.Response;
import io.abmsequencer.workflows.playbook.AdPlatform;
import io.abmsequencer.workflows.playbook.AudienceAction;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Google Customer Match lists through the Data Manager API ({@code POST /v1/audienceMembers:ingest}
 * and {@code :remove}), which took over from Customer Match uploads through the Google Ads API. Each
 * member is identified by the SHA-256 hex of its e-mail and, when known, of its E.164 phone ({@code
 * encoding: HEX}); the destination is the configured operating account and the audience's user list.
 * Ingest carries the configured consent and the Customer Match terms.
 */
final class GoogleAudiences implements AudiencePlatform {
  /** "At most 10000 AudienceMember resources can be sent in a single request." */
  static final int BATCH_LIMIT = 10_000;

  private final AdsSettings.Google settings;
  private final ProviderHttp http;

  GoogleAudiences(AdsSettings.Google settings, ProviderHttp http) {
    this.settings = settings;
    this.http = http;
  }

  @Override
  public AdPlatform platform() {
    return AdPlatform.GOOGLE;
  }

  @Override
  public int batchLimit() {
    return BATCH_LIMIT;
  }

  @Override
  public Outcome send(String audience, AudienceAction action, List<Change> changes) {
    String userList = settings.userLists().get(audience);
    if (userList == null || userList.isBlank()) {
      return new Refused("GOOGLE_CONFIG", "no Google user list for audience '" + audience
          + "': set abm.ads.google.user-lists." + audience + " to its Customer Match list id");
    }
    Map<String, String> refused = new LinkedHashMap<>();
    List<Map<String, Object>> members = new ArrayList<>();
    for (Change change : changes) {
      List<Map<String, String>> identifiers = new ArrayList<>();
      if (change.emailSha256() != null) identifiers.add(Map.of("emailAddress", change.emailSha256()));
      if (change.phoneSha256() != null) identifiers.add(Map.of("phoneNumber", change.phoneSha256()));
      if (identifiers.isEmpty()) refused.put(change.contactId(), "no e-mail address or phone number on record");
      else members.add(Map.of("userData", Map.of("userIdentifiers", identifiers)));
    }
    if (members.isEmpty()) return new Accepted(refused, Set.of());

    Map<String, Object> body = new LinkedHashMap<>();
    body.put("destinations", List.of(destination(userList)));
    body.put("audienceMembers", members);
    body.put("encoding", "HEX");
    if (action == AudienceAction.ADD) {
      Map<String, String> consent = new LinkedHashMap<>();
      putIfSet(consent, "adUserData", settings.consent().adUserData().apiValue());
      putIfSet(consent, "adPersonalization", settings.consent().adPersonalization().apiValue());
      if (!consent.isEmpty()) body.put("consent", consent);
      body.put("termsOfService", Map.of("customerMatchTermsOfServiceStatus", "ACCEPTED"));
    }
    String method = action == AudienceAction.ADD ? "ingest" : "remove";
    Response response;
    try {
      response = http.post(uri("/v1/audienceMembers:" + method), Map.of("Authorization", "Bearer " + settings.accessToken()), body);
    } catch (IOException | InterruptedException e) {
      return http.unreachable("Google", e);
    }
    if (!response.ok()) return http.failure("Google", response);
    return new Accepted(refused, Set.of());
  }

  private Map<String, Object> destination(String userList) {
    Map<String, Object> destination = new LinkedHashMap<>();
    AdsSettings.Destination configured = settings.destination();
    destination.put("operatingAccount", account(configured.operatingAccount()));
    if (configured.loginAccount() != null && configured.loginAccount().id() != null) {
      destination.put("loginAccount", account(configured.loginAccount()));
    }
    destination.put("productDestinationId", userList.strip());
    return destination;
  }

  private static Map<String, String> account(AdsSettings.Account account) {
    return Map.of("accountType", account.type(), "accountId", account.id());
  }

  private static void putIfSet(Map<String, String> map, String key, String value) {
    if (value != null) map.put(key, value);
  }

  private URI uri(String path) {
    String base = settings.baseUrl().toString();
    return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
  }
}
