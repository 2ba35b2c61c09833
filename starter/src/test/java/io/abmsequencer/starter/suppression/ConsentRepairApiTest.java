package io.abmsequencer.starter.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.abmsequencer.activities.ads.AudienceMembers;
import io.abmsequencer.activities.ads.MembershipState;
import io.abmsequencer.activities.email.LinkTokens;
import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.suppression.SuppressionList;
import io.abmsequencer.activities.suppression.SuppressionReason;
import io.abmsequencer.starter.testsupport.Api;
import io.abmsequencer.starter.testsupport.ApiTestBase;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.sequence.ContactIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Consent that holds even when something failed half-way: a repeated opt-out repairs the first, a
 * person suppressed before a launch gets no task, and the open pixel never shows a broken image.
 */
class ConsentRepairApiTest extends ApiTestBase {

  static final String PLAYBOOK = """
      id: api-consent-repair
      name: API consent repair
      motion: NEW_LOGO
      tier: ONE_TO_MANY
      %s
      steps:
        - id: audience
          ads: {audience: api-consent-repair, platforms: [LINKEDIN]}
        - id: call
          task: {type: CALL, to: CHAMPION, title: "Call {{firstName}}", due: 5 business days}
        - id: connect
          task: {type: LINKEDIN, to: CHAMPION, title: "Connect with {{firstName}}", due: 5 business days}
        - id: hello
          email: {to: [CHAMPION, ECONOMIC_BUYER], subject: "Hello {{firstName}}", body: "Hi"}
        - id: cfo
          task: {type: CALL, to: ECONOMIC_BUYER, title: "Call {{firstName}}", due: 5 business days}
      """.formatted(ALWAYS_OPEN);

  @Autowired SuppressionList suppressions;
  @Autowired AudienceMembers audiences;
  @Autowired LinkTokens links;
  @Autowired JdbcClient jdbc;

  String committee(String account) {
    return """
        [{"email": "chris@%1$s.example", "firstName": "Chris", "role": "CHAMPION"},
         {"email": "erin@%1$s.example", "firstName": "Erin", "role": "ECONOMIC_BUYER"}]
        """.formatted(account);
  }

  /**
   * The first opt-out recorded the suppression and then failed (the process died, Temporal was away):
   * the person is still in the ad audience and the running sequence does not know. The person clicks
   * unsubscribe again: the suppression was there already, yet the audience removal and the signal run
   * again and repair it; no second audit line claims the address was added now.
   */
  @Test
  void aRepeatedOptOutRepairsAFirstOneThatFailedPartWay() {
    uploadPlaybook(PLAYBOOK);
    String workflowId = launch("api-consent-repair", "wernham-hogg", "sam@yourco.example", committee("wernham-hogg"));
    awaitOpenTask("sam@yourco.example", workflowId);
    assertThat(audiences.forWorkflow(workflowId)).extracting(m -> m.state())
        .isNotEmpty().doesNotContain(MembershipState.PENDING_REMOVE, MembershipState.REMOVED);
    String chris = "chris@wernham-hogg.example";
    suppressions.suppress(Channel.EMAIL, chris, SuppressionReason.UNSUBSCRIBED, "one-click unsubscribe", "recipient");
    assertThat(unreachable(workflowId)).isEmpty();

    Api.Response again = api.post("/u/" + links.unsubscribeToken(ContactIds.of(chris)), "application/x-www-form-urlencoded",
        "List-Unsubscribe=One-Click");

    assertThat(again.status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> unreachable(workflowId).contains(ContactIds.of(chris)));
    assertThat(audiences.forWorkflow(workflowId)).filteredOn(m -> m.contactId().equals(ContactIds.of(chris)))
        .extracting(m -> m.state()).isNotEmpty().allMatch(state -> state == MembershipState.PENDING_REMOVE || state == MembershipState.REMOVED);
    assertThat(jdbc.sql("select count(*) from suppression_audit where address = :a").param("a", chris).query(Integer.class).single())
        .as("the suppression is not new: no audit line says it was added now").isZero();
  }

  /**
   * Suppressed before the launch (an unsubscribe months ago): the new sequence opens no call task
   * and no LinkedIn task about the champion and mails only the economic buyer, whose call task is
   * the first the SDR gets.
   */
  @Test
  void aContactSuppressedBeforeTheLaunchGetsNoTaskFromTheNewSequence() {
    uploadPlaybook(PLAYBOOK);
    Api.Response suppressed = api.postJson("/api/suppressions", "{\"email\": \"chris@pied-piper.example\", \"reason\": \"UNSUBSCRIBED\"}");
    assertThat(suppressed.status()).as(suppressed.toString()).isBetween(200, 201);

    String workflowId = launch("api-consent-repair", "pied-piper", "sam@yourco.example", committee("pied-piper"));

    JsonNode task = awaitOpenTask("sam@yourco.example", workflowId);
    assertThat(task.get("title").asText()).isEqualTo("Call Erin");
    awaitMailTo("erin@pied-piper.example", 1);
    List<String> titles = new ArrayList<>();
    for (JsonNode t : api.get("/api/tasks?assignee=sam@yourco.example&state=all").json()) {
      if (t.get("workflowId").asText().equals(workflowId)) titles.add(t.get("title").asText());
    }
    assertThat(titles).containsExactly("Call Erin");
    assertThat(mail.received().stream().filter(m -> recipient(m).contains("chris@pied-piper.example"))).isEmpty();
    assertThat(unreachable(workflowId)).contains(ContactIds.of("chris@pied-piper.example"));
  }

  /** A genuine open token and a forged one both get the 1×1 GIF: no broken image in anyone's mail. */
  @Test
  void theOpenPixelIsAlwaysAnImage() {
    String genuine = links.openToken(new TouchKey("abm-new-logo-nobody", "x@1/hello", "c-nobody"));
    Api.Response ok = api.get("/o/" + genuine + ".gif");
    Api.Response forged = api.get("/o/" + genuine.substring(0, genuine.length() - 2) + "xx.gif");
    Api.Response garbage = api.get("/o/not-a-token.gif");

    for (Api.Response pixel : List.of(ok, forged, garbage)) {
      assertThat(pixel.status()).isEqualTo(200);
      assertThat(pixel.contentType()).startsWith("image/gif");
    }
    assertThat(forged.body()).isEqualTo(ok.body());
  }

  private List<String> unreachable(String workflowId) {
    List<String> out = new ArrayList<>();
    sequence(workflowId).get("live").get("unreachable").propertyNames().forEach(out::add);
    return out;
  }

  private static String recipient(jakarta.mail.internet.MimeMessage m) {
    try {
      return m.getAllRecipients()[0].toString();
    } catch (jakarta.mail.MessagingException e) {
      return "";
    }
  }
}
