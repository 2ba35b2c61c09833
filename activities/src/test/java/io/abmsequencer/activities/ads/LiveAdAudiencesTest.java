package io.abmsequencer.activities.ads;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.activities.suppression.SuppressionList;
import io.abmsequencer.activities.suppression.SuppressionReason;
import io.abmsequencer.workflows.channels.AudienceResult;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.channels.TouchStatus;
import io.abmsequencer.workflows.playbook.AdPlatform;
import io.abmsequencer.workflows.playbook.AudienceAction;
import io.abmsequencer.workflows.account.Contact;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class LiveAdAudiencesTest extends LiveAdsTest {
  @Autowired SuppressionList suppressions;

  private final Contact ana = contact("ana", "+1 415 555 0123");
  private final Contact bo = contact("bo");
  private final Contact cy = contact("cy");
  private final Contact optedOut = contact("dee");

  @Test
  void addThenRemoveSendsExactlyTheDocumentedRequestsAndTheLedgerFollows() throws Exception {
    suppressions.suppress(Channel.EMAIL, "dee@acme.example", SuppressionReason.UNSUBSCRIBED, null, "test");

    AudienceResult queued = audiences.sync(sync("ads-add", AudienceAction.ADD, List.of(ana, bo, cy, optedOut)));

    assertThat(queued).isEqualTo(new AudienceResult(3, TouchStatus.SENT,
        "3 contacts queued for LinkedIn, Google audience 'fintech-execs'; 1 suppressed or without e-mail skipped"));
    assertThat(audiences.sync(sync("ads-add", AudienceAction.ADD, List.of(ana, bo, cy, optedOut)))).isEqualTo(queued);
    assertThat(platforms.getAllServeEvents()).as("the activity itself calls no platform").isEmpty();
    assertThat(ledgerRow("ads-add").status()).isEqualTo(TouchRow.SENDING);
    assertThat(members.inState(AUDIENCE, AdPlatform.GOOGLE, MembershipState.PENDING_ADD))
        .extracting(AudienceMember::contactId).containsExactly("ana", "bo", "cy");

    flusher.flushNow();
    // The segment exists now; LinkedIn takes users 5 s after creating it. Google went at once.
    assertThat(platforms.findAll(postRequestedFor(urlPathEqualTo(USERS)))).isEmpty();
    assertThat(ledgerRow("ads-add").detail()).contains("LinkedIn 3 waiting until").contains("Google 3 added");
    clock.advance(Duration.ofSeconds(5));
    Instant sentAt = clock.instant();
    flusher.flushNow();

    platforms.verify(1, postRequestedFor(urlPathEqualTo("/rest/dmpSegments"))
        .withHeader("Authorization", equalTo("Bearer li-token"))
        .withHeader("LinkedIn-Version", equalTo("202607"))
        .withHeader("X-Restli-Protocol-Version", equalTo("2.0.0"))
        .withRequestBody(equalToJson("{\"name\": \"fintech-execs\", \"sourcePlatform\": \"ABM_SEQUENCER\","
            + " \"account\": \"urn:li:sponsoredAccount:5100\", \"type\": \"USER\","
            + " \"destinations\": [{\"destination\": \"LINKEDIN\"}]}")));
    platforms.verify(1, postRequestedFor(urlPathEqualTo(USERS))
        .withHeader("Authorization", equalTo("Bearer li-token"))
        .withHeader("LinkedIn-Version", equalTo("202607"))
        .withHeader("X-Restli-Protocol-Version", equalTo("2.0.0"))
        .withHeader("X-RestLi-Method", equalTo("BATCH_CREATE"))
        .withRequestBody(equalToJson("{\"elements\": ["
            + linkedInElement("ADD", ANA_SHA256) + ", " + linkedInElement("ADD", BO_SHA256) + ", "
            + linkedInElement("ADD", CY_SHA256) + "]}")));
    platforms.verify(1, postRequestedFor(urlPathEqualTo(INGEST))
        .withHeader("Authorization", equalTo("Bearer g-token"))
        .withRequestBody(equalToJson("{\"destinations\": [" + GOOGLE_DESTINATION + "],"
            + " \"audienceMembers\": ["
            + "{\"userData\": {\"userIdentifiers\": [{\"emailAddress\": \"" + ANA_SHA256 + "\"},"
            + " {\"phoneNumber\": \"" + ANA_PHONE_SHA256 + "\"}]}},"
            + "{\"userData\": {\"userIdentifiers\": [{\"emailAddress\": \"" + BO_SHA256 + "\"}]}},"
            + "{\"userData\": {\"userIdentifiers\": [{\"emailAddress\": \"" + CY_SHA256 + "\"}]}}],"
            + " \"consent\": {\"adUserData\": \"CONSENT_GRANTED\", \"adPersonalization\": \"CONSENT_GRANTED\"},"
            + " \"encoding\": \"HEX\","
            + " \"termsOfService\": {\"customerMatchTermsOfServiceStatus\": \"ACCEPTED\"}}")));
    assertThat(members.active(AUDIENCE, AdPlatform.LINKEDIN)).extracting(AudienceMember::contactId).containsExactly("ana", "bo", "cy");
    assertThat(members.active(AUDIENCE, AdPlatform.LINKEDIN)).extracting(AudienceMember::addedAt).containsOnly(sentAt);
    assertThat(members.active(AUDIENCE, AdPlatform.GOOGLE)).extracting(AudienceMember::contactId).containsExactly("ana", "bo", "cy");
    TouchRow added = ledgerRow("ads-add");
    assertThat(added.status()).isEqualTo("SENT");
    assertThat(added.detail()).isEqualTo("3 contacts added to LinkedIn, Google audience 'fintech-execs'");

    platforms.resetRequests();
    AudienceResult removal = audiences.sync(sync("ads-remove", AudienceAction.REMOVE, List.of(bo, optedOut)));
    assertThat(removal).isEqualTo(new AudienceResult(1, TouchStatus.SENT, "1 contact queued for removal from LinkedIn, Google audience 'fintech-execs'"));
    flusher.flushNow();

    platforms.verify(0, postRequestedFor(urlPathEqualTo("/rest/dmpSegments")));
    platforms.verify(1, postRequestedFor(urlPathEqualTo(USERS))
        .withHeader("X-RestLi-Method", equalTo("BATCH_CREATE"))
        .withRequestBody(equalToJson("{\"elements\": [" + linkedInElement("REMOVE", BO_SHA256) + "]}")));
    platforms.verify(1, postRequestedFor(urlPathEqualTo(REMOVE))
        .withHeader("Authorization", equalTo("Bearer g-token"))
        .withRequestBody(equalToJson("{\"destinations\": [" + GOOGLE_DESTINATION + "],"
            + " \"audienceMembers\": [{\"userData\": {\"userIdentifiers\": [{\"emailAddress\": \"" + BO_SHA256 + "\"}]}}],"
            + " \"encoding\": \"HEX\"}")));
    assertThat(members.active(AUDIENCE, AdPlatform.GOOGLE)).extracting(AudienceMember::contactId).containsExactly("ana", "cy");
    assertThat(members.find(AUDIENCE, AdPlatform.LINKEDIN, "bo").orElseThrow().state()).isEqualTo(MembershipState.REMOVED);
    assertThat(ledgerRow("ads-remove").status()).isEqualTo("SENT");
    assertThat(ledgerRow("ads-remove").detail()).isEqualTo("1 contact removed from LinkedIn, Google audience 'fintech-execs'");
  }

  @Test
  void aSegmentIsCreatedOnceAndRemembered() {
    audiences.sync(sync("abm-new-logo-one", AUDIENCE, "ads", AudienceAction.ADD, List.of(AdPlatform.LINKEDIN), List.of(ana)));
    flusher.flushNow();
    clock.advance(Duration.ofMinutes(1));
    flusher.flushNow();
    audiences.sync(sync("abm-new-logo-two", AUDIENCE, "ads", AudienceAction.ADD, List.of(AdPlatform.LINKEDIN), List.of(bo)));
    flusher.flushNow();

    platforms.verify(1, postRequestedFor(urlPathEqualTo("/rest/dmpSegments")));
    platforms.verify(2, postRequestedFor(urlPathEqualTo(USERS)));
    assertThat(segments.find(AUDIENCE, "urn:li:sponsoredAccount:5100")).get().extracting(LinkedInSegments.Segment::id).isEqualTo(SEGMENT_ID);
    assertThat(members.active(AUDIENCE, AdPlatform.LINKEDIN)).extracting(AudienceMember::contactId).containsExactly("ana", "bo");
  }

  @Test
  void fiveThousandContactsJoiningOneAudienceMakeOneRequestPerPlatform() throws Exception {
    segmentExists(AUDIENCE);
    // 250 accounts of 20 contacts each, all entering the audience within one batch interval.
    for (int account = 0; account < 250; account++) {
      int a = account;
      List<Contact> committee = IntStream.range(0, 20).mapToObj(i -> contact("c" + a + "-" + i)).toList();
      audiences.sync(sync("abm-new-logo-" + a, AUDIENCE, "ads", AudienceAction.ADD, BOTH, committee));
    }

    AudienceFlusher.FlushReport report = flusher.flushNow();

    assertThat(report.done()).isEqualTo(10_000);
    List<LoggedRequest> linkedIn = platforms.findAll(postRequestedFor(urlPathEqualTo(USERS)));
    List<LoggedRequest> google = platforms.findAll(postRequestedFor(urlPathEqualTo(INGEST)));
    assertThat(linkedIn).hasSize(1);
    assertThat(google).hasSize(1);
    assertThat(json(linkedIn.get(0)).get("elements")).hasSize(5_000);
    assertThat(json(google.get(0)).get("audienceMembers")).hasSize(5_000);
    assertThat(members.active(AUDIENCE, AdPlatform.GOOGLE)).hasSize(5_000);
    assertThat(ledger.find(new TouchKey("abm-new-logo-7", "enterprise@1/ads", "*")))
        .get().extracting(TouchRow::status, TouchRow::detail)
        .containsExactly("SENT", "20 contacts added to LinkedIn, Google audience 'fintech-execs'");
  }

  @Test
  void batchesStayWithinEachPlatformsLimit() throws Exception {
    segmentExists("retarget");
    List<Contact> many = new ArrayList<>();
    for (int i = 0; i < 10_001; i++) many.add(contact("m" + i));
    audiences.sync(sync(WORKFLOW, "retarget", "big", AudienceAction.ADD, BOTH, many));

    flusher.flushNow();

    List<Integer> linkedIn = platforms.findAll(postRequestedFor(urlPathEqualTo(USERS))).stream()
        .map(r -> json(r).get("elements").size()).toList();
    List<Integer> google = platforms.findAll(postRequestedFor(urlPathEqualTo(INGEST))).stream()
        .map(r -> json(r).get("audienceMembers").size()).toList();
    assertThat(linkedIn).containsExactlyInAnyOrder(5_000, 5_000, 1);
    assertThat(google).containsExactlyInAnyOrder(10_000, 1);
    assertThat(ledgerRow("big").detail()).isEqualTo("10001 contacts added to LinkedIn, Google audience 'retarget'");
  }

  private static String linkedInElement(String action, String sha256) {
    return "{\"action\": \"" + action + "\", \"userIds\": [{\"idType\": \"SHA256_EMAIL\", \"idValue\": \"" + sha256 + "\"}]}";
  }

  private static JsonNode json(LoggedRequest request) {
    try {
      return ProviderHttp.JSON.readTree(request.getBodyAsString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
