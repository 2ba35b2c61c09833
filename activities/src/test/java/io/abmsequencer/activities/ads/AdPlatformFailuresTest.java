package io.abmsequencer.activities.ads;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.workflows.playbook.AdPlatform;
import io.abmsequencer.workflows.playbook.AudienceAction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the platforms say when they do not take a batch, and what becomes of the rows and the step. */
class AdPlatformFailuresTest extends LiveAdsTest {

  @Test
  void a429WithRetryAfterHoldsTheRowsUntilThenAndSendsThemAfter() {
    platforms.stubFor(post(urlPathEqualTo(INGEST)).willReturn(aResponse().withStatus(429)
        .withHeader("Retry-After", "120")
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\": {\"code\": 429, \"message\": \"Quota exceeded\", \"status\": \"RESOURCE_EXHAUSTED\"}}")));
    audiences.sync(sync(WORKFLOW, AUDIENCE, "google-add", AudienceAction.ADD, List.of(AdPlatform.GOOGLE), List.of(contact("ana"), contact("bo"))));
    Instant throttledAt = clock.instant();

    flusher.flushNow();

    AudienceMember waiting = members.find(AUDIENCE, AdPlatform.GOOGLE, "ana").orElseThrow();
    assertThat(waiting.state()).isEqualTo(MembershipState.PENDING_ADD);
    assertThat(waiting.nextAttemptAt()).isEqualTo(throttledAt.plusSeconds(120));
    assertThat(waiting.lastError()).isEqualTo("Google answered 429 RESOURCE_EXHAUSTED: Quota exceeded");
    TouchRow step = ledgerRow("google-add");
    assertThat(step.status()).isEqualTo(TouchRow.SENDING);
    assertThat(step.detail()).contains("Google 2 waiting until 2027-").contains("Quota exceeded");
    assertThat(providerErrors("GOOGLE_429")).isEqualTo(1);

    clock.advance(Duration.ofSeconds(119));
    flusher.flushNow();
    platforms.verify(1, postRequestedFor(urlPathEqualTo(INGEST)));

    platforms.stubFor(post(urlPathEqualTo(INGEST)).willReturn(okJson("{\"requestId\": \"ingest-2\"}")));
    clock.advance(Duration.ofSeconds(1));
    flusher.flushNow();

    platforms.verify(2, postRequestedFor(urlPathEqualTo(INGEST)));
    assertThat(members.active(AUDIENCE, AdPlatform.GOOGLE)).extracting(AudienceMember::contactId).containsExactly("ana", "bo");
    assertThat(ledgerRow("google-add").status()).isEqualTo("SENT");
    assertThat(ledgerRow("google-add").detail()).isEqualTo("2 contacts added to Google audience 'fintech-execs'");
  }

  @Test
  void aRetryAfterDateIsHonouredToo() {
    Instant now = Instant.parse("2027-03-02T09:00:00Z");
    assertThat(ProviderHttp.retryAt("Tue, 02 Mar 2027 09:05:00 GMT", now)).isEqualTo(now.plusSeconds(300));
    assertThat(ProviderHttp.retryAt("30", now)).isEqualTo(now.plusSeconds(30));
    assertThat(ProviderHttp.retryAt("soon", now)).isNull();
  }

  @Test
  void a500IsRetriedAfterABackoffAndThenSucceeds() {
    segmentExists(AUDIENCE);
    platforms.stubFor(post(urlPathEqualTo(USERS)).inScenario("outage").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(500).withBody("upstream connect error")).willSetStateTo("back"));
    platforms.stubFor(post(urlPathEqualTo(USERS)).inScenario("outage").whenScenarioStateIs("back")
        .willReturn(okJson("{\"elements\": [{\"status\": 201}]}")));
    audiences.sync(sync(WORKFLOW, AUDIENCE, "linkedin-add", AudienceAction.ADD, List.of(AdPlatform.LINKEDIN), List.of(contact("ana"))));

    flusher.flushNow();
    flusher.flushNow();

    platforms.verify(1, postRequestedFor(urlPathEqualTo(USERS)));
    AudienceMember waiting = members.find(AUDIENCE, AdPlatform.LINKEDIN, "ana").orElseThrow();
    assertThat(waiting.state()).isEqualTo(MembershipState.PENDING_ADD);
    assertThat(waiting.lastError()).isEqualTo("LinkedIn answered 500: upstream connect error");
    assertThat(providerErrors("LINKEDIN_500")).isEqualTo(1);

    clock.advance(AudienceFlusher.FIRST_BACKOFF);
    flusher.flushNow();

    platforms.verify(2, postRequestedFor(urlPathEqualTo(USERS)));
    assertThat(members.find(AUDIENCE, AdPlatform.LINKEDIN, "ana").orElseThrow().state()).isEqualTo(MembershipState.ACTIVE);
    assertThat(ledgerRow("linkedin-add").status()).isEqualTo("SENT");
  }

  @Test
  void a401FailsTheRowsWithThePlatformsMessageOnTheStepAndCountsIt() {
    segmentExists(AUDIENCE);
    platforms.stubFor(post(urlPathEqualTo(USERS)).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"status\": 401, \"serviceErrorCode\": 65600, \"code\": \"INVALID_ACCESS_TOKEN\","
            + " \"message\": \"Invalid access token\"}")));
    audiences.sync(sync("ads-add", AudienceAction.ADD, List.of(contact("ana"), contact("bo"))));

    flusher.flushNow();

    assertThat(members.inState(AUDIENCE, AdPlatform.LINKEDIN, MembershipState.FAILED))
        .extracting(AudienceMember::contactId, AudienceMember::lastError)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ana", "LinkedIn refused (401 INVALID_ACCESS_TOKEN: Invalid access token)"),
            org.assertj.core.groups.Tuple.tuple("bo", "LinkedIn refused (401 INVALID_ACCESS_TOKEN: Invalid access token)"));
    assertThat(members.active(AUDIENCE, AdPlatform.GOOGLE)).hasSize(2);
    TouchRow step = ledgerRow("ads-add");
    assertThat(step.status()).isEqualTo("FAILED");
    assertThat(step.detail()).isEqualTo("not all done: 2 contacts added to LinkedIn, Google audience 'fintech-execs';"
        + " LinkedIn 2 failed: LinkedIn refused (401 INVALID_ACCESS_TOKEN: Invalid access token); Google 2 added");
    assertThat(providerErrors("LINKEDIN_401")).isEqualTo(1);

    clock.advance(Duration.ofHours(1));
    flusher.flushNow();
    platforms.verify(1, postRequestedFor(urlPathEqualTo(USERS)));
  }

  @Test
  void aMemberLinkedInRefusesFailsAloneWhileTheRestGoIn() {
    segmentExists(AUDIENCE);
    platforms.stubFor(post(urlPathEqualTo(USERS)).willReturn(okJson(
        "{\"elements\": [{\"status\": 201}, {\"status\": 400, \"message\": \"idValue must be a SHA256 hash\"}]}")));
    audiences.sync(sync(WORKFLOW, AUDIENCE, "li", AudienceAction.ADD, List.of(AdPlatform.LINKEDIN), List.of(contact("ana"), contact("bo"))));

    flusher.flushNow();

    assertThat(members.find(AUDIENCE, AdPlatform.LINKEDIN, "ana").orElseThrow().state()).isEqualTo(MembershipState.ACTIVE);
    AudienceMember refused = members.find(AUDIENCE, AdPlatform.LINKEDIN, "bo").orElseThrow();
    assertThat(refused.state()).isEqualTo(MembershipState.FAILED);
    assertThat(refused.lastError()).isEqualTo("LinkedIn refused (400: idValue must be a SHA256 hash)");
    assertThat(ledgerRow("li").status()).isEqualTo("FAILED");
  }

  @Test
  void anAudienceWithoutAGoogleListFailsNamingTheSetting() {
    audiences.sync(sync(WORKFLOW, "no-list", "g", AudienceAction.ADD, List.of(AdPlatform.GOOGLE), List.of(contact("ana"))));

    flusher.flushNow();

    assertThat(members.find("no-list", AdPlatform.GOOGLE, "ana").orElseThrow().lastError())
        .isEqualTo("no Google user list for audience 'no-list': set abm.ads.google.user-lists.no-list to its Customer Match list id");
    assertThat(platforms.getAllServeEvents()).isEmpty();
    assertThat(ledgerRow("g").status()).isEqualTo("FAILED");
  }
}
