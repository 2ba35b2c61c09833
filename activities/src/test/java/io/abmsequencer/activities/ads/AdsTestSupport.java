package io.abmsequencer.activities.ads;

import io.abmsequencer.activities.testsupport.MutableClock;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.abmsequencer.activities.DatabaseTest;
import io.abmsequencer.workflows.channels.AudienceSync;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.playbook.AdPlatform;
import io.abmsequencer.workflows.playbook.AudienceAction;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.account.Contact;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ads tests' peers: a real PostgreSQL (per class) and one WireMock server standing in for both
 * api.linkedin.com and datamanager.googleapis.com, plus a clock the tests move (Retry-After,
 * backoff and LinkedIn's segment warm-up are timestamps, never sleeps).
 */
@Import(AdsTestSupport.Clocks.class)
abstract class AdsTestSupport extends DatabaseTest {
  static final String WORKFLOW = "abm-new-logo-acme";
  static final String AUDIENCE = "fintech-execs";
  static final List<AdPlatform> BOTH = List.of(AdPlatform.LINKEDIN, AdPlatform.GOOGLE);
  static final String SEGMENT_ID = "7001";
  static final String USERS = "/rest/dmpSegments/" + SEGMENT_ID + "/users";
  static final String INGEST = "/v1/audienceMembers:ingest";
  static final String REMOVE = "/v1/audienceMembers:remove";

  /** SHA-256 hex of the addresses below, computed outside Java ({@code printf %s ... | sha256sum}). */
  static final String ANA_SHA256 = "bb03ba1becc024164cf08e371385b735f89fb22eb310fef60c67c3997c22dcf6";
  static final String BO_SHA256 = "35753cea566e54fd01111cc69785f97b3a36f783bac476d2143691e32921bc6e";
  static final String CY_SHA256 = "0b96ec9a7416c4893497b3e4afd1134e358e908fda32219d9813250549716756";
  static final String ANA_PHONE_SHA256 = "36a2cef4ff9bf7a1abd2a93359136b870393be4106e6c5d19b72ff564f9deca4";

  static final WireMockServer platforms = startPlatforms();

  private static WireMockServer startPlatforms() {
    WireMockServer server = new WireMockServer(options().dynamicPort());
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    return server;
  }

  @DynamicPropertySource
  static void adPlatforms(DynamicPropertyRegistry registry) {
    registry.add("abm.ads.linkedin.base-url", platforms::baseUrl);
    registry.add("abm.ads.google.base-url", platforms::baseUrl);
    // The schedule stays out of the way: tests flush with flushNow().
    registry.add("abm.ads.batch-interval", () -> "1h");
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class Clocks {
    @Bean
    MutableClock adsClock() {
      return new MutableClock(Instant.parse("2027-03-01T09:00:00Z"));
    }
  }

  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void freshPeers() {
    platforms.resetAll();
    platforms.stubFor(post(urlPathEqualTo("/rest/dmpSegments"))
        .willReturn(aResponse().withStatus(201).withHeader("x-restli-id", SEGMENT_ID)));
    platforms.stubFor(post(urlPathEqualTo(USERS)).willReturn(okJson("{\"elements\": []}")));
    platforms.stubFor(post(urlPathEqualTo(INGEST)).willReturn(okJson("{\"requestId\": \"ingest-1\"}")));
    platforms.stubFor(post(urlPathEqualTo(REMOVE)).willReturn(okJson("{\"requestId\": \"remove-1\"}")));
    for (String table : List.of("audience_members", "linkedin_segments", "audience_steps", "suppressions")) {
      jdbc.sql("delete from " + table).update();
    }
    jdbc.sql("delete from touches where channel = 'ADS'").update();
    // A new day for each test: no Retry-After or backoff of an earlier test still holds.
    clock.advance(Duration.ofDays(1));
  }

  static AudienceSync sync(String workflowId, String audience, String step, AudienceAction action, List<AdPlatform> on, List<Contact> contacts) {
    return new AudienceSync(new TouchKey(workflowId, "enterprise@1/" + step, "*"), "acme", audience, on, action, contacts);
  }

  static AudienceSync sync(String step, AudienceAction action, List<Contact> contacts) {
    return sync(WORKFLOW, AUDIENCE, step, action, BOTH, contacts);
  }

  static TouchKey key(String step) {
    return new TouchKey(WORKFLOW, "enterprise@1/" + step, "*");
  }

  static Contact contact(String id) {
    return contact(id, null);
  }

  static Contact contact(String id, String phone) {
    return new Contact(id, id + "@acme.example", id, "Lee", "VP", Role.ECONOMIC_BUYER, phone, null, false);
  }
}
