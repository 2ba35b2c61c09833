package io.abmsequencer.activities.ads;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.workflows.channels.AudienceCleanup;
import io.abmsequencer.workflows.channels.AudienceResult;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.channels.TouchStatus;
import io.abmsequencer.workflows.playbook.AdPlatform;
import io.abmsequencer.workflows.playbook.AudienceAction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Opt-outs and ended sequences take people out of every audience; adds never sent just end. */
class AudienceRemovalTest extends LiveAdsTest {

  @Test
  void aContactIsTakenOutOfEveryAudienceOfEverySequence() {
    segmentExists(AUDIENCE);
    audiences.sync(sync("abm-new-logo-acme", AUDIENCE, "a", AudienceAction.ADD, BOTH, List.of(contact("ana"), contact("bo"))));
    audiences.sync(sync("abm-expansion-acme", "retarget", "b", AudienceAction.ADD, List.of(AdPlatform.GOOGLE), List.of(contact("ana"))));
    flusher.flushNow();
    // Queued after the flush: never sent.
    audiences.sync(sync("abm-new-logo-beta", "retarget", "c", AudienceAction.ADD, List.of(AdPlatform.GOOGLE), List.of(contact("cy"))));
    platforms.resetRequests();

    assertThat(members.removeContactEverywhere("  ANA@acme.example ")).isEqualTo(3);
    assertThat(members.removeContactEverywhere("cy@acme.example")).isEqualTo(1);

    assertThat(members.find("retarget", AdPlatform.GOOGLE, "cy").orElseThrow().state()).isEqualTo(MembershipState.REMOVED);
    assertThat(members.find(AUDIENCE, AdPlatform.LINKEDIN, "ana").orElseThrow().state()).isEqualTo(MembershipState.PENDING_REMOVE);
    flusher.flushNow();

    platforms.verify(1, postRequestedFor(urlPathEqualTo(USERS)).withRequestBody(equalToJson(
        "{\"elements\": [{\"action\": \"REMOVE\", \"userIds\": [{\"idType\": \"SHA256_EMAIL\", \"idValue\": \"" + ANA_SHA256 + "\"}]}]}")));
    platforms.verify(1, postRequestedFor(urlPathEqualTo(REMOVE))
        .withRequestBody(matchingJsonPath("$.destinations[0].productDestinationId", equalTo("4567")))
        .withRequestBody(matchingJsonPath("$.audienceMembers[0].userData.userIdentifiers[0].emailAddress", equalTo(ANA_SHA256))));
    platforms.verify(1, postRequestedFor(urlPathEqualTo(REMOVE))
        .withRequestBody(matchingJsonPath("$.destinations[0].productDestinationId", equalTo("4568"))));
    platforms.verify(0, postRequestedFor(urlPathEqualTo(INGEST)));
    assertThat(members.forWorkflow("abm-new-logo-acme")).filteredOn(m -> m.contactId().equals("ana"))
        .extracting(AudienceMember::state).containsOnly(MembershipState.REMOVED);
    assertThat(members.active(AUDIENCE, AdPlatform.GOOGLE)).extracting(AudienceMember::contactId).containsExactly("bo");
  }

  @Test
  void anEndedSequenceLeavesEveryAudienceItJoined() {
    segmentExists(AUDIENCE);
    audiences.sync(sync("ads-add", AudienceAction.ADD, List.of(contact("ana"), contact("bo"))));
    flusher.flushNow();
    audiences.sync(sync(WORKFLOW, "retarget", "later", AudienceAction.ADD, List.of(AdPlatform.GOOGLE), List.of(contact("cy"))));
    platforms.resetRequests();

    AudienceResult left = audiences.leaveAll(new AudienceCleanup(WORKFLOW));
    AudienceResult again = audiences.leaveAll(new AudienceCleanup(WORKFLOW));

    assertThat(left).isEqualTo(new AudienceResult(3, TouchStatus.SENT, "3 contacts queued for removal from every ad audience"));
    assertThat(again).isEqualTo(left);
    assertThat(members.find("retarget", AdPlatform.GOOGLE, "cy").orElseThrow().state()).isEqualTo(MembershipState.REMOVED);
    flusher.flushNow();

    platforms.verify(1, postRequestedFor(urlPathEqualTo(USERS)));
    platforms.verify(1, postRequestedFor(urlPathEqualTo(REMOVE)));
    assertThat(members.forWorkflow(WORKFLOW)).extracting(AudienceMember::state).containsOnly(MembershipState.REMOVED);
    TouchRow leave = ledger.find(new TouchKey(WORKFLOW, BatchedAdAudiences.LEAVE_STEP, "*")).orElseThrow();
    assertThat(leave.status()).isEqualTo("SENT");
    assertThat(leave.detail()).isEqualTo("3 contacts removed from LinkedIn, Google audiences 'fintech-execs', 'retarget'");
    assertThat(audiences.leaveAll(new AudienceCleanup("abm-new-logo-nobody")))
        .isEqualTo(new AudienceResult(0, TouchStatus.SKIPPED, "in no ad audience: nothing to take out"));
  }

  @Test
  void reAddingAfterRemovalSendsTheAddAgainAndAnUnsentRemovalIsWithdrawn() {
    segmentExists(AUDIENCE);
    audiences.sync(sync("add-1", AudienceAction.ADD, List.of(contact("ana"))));
    flusher.flushNow();
    audiences.sync(sync("remove-1", AudienceAction.REMOVE, List.of(contact("ana"))));
    // Back in before the removal went out: nothing to send either way.
    AudienceResult readd = audiences.sync(sync("add-2", AudienceAction.ADD, List.of(contact("ana"))));
    platforms.resetRequests();
    flusher.flushNow();

    assertThat(readd.members()).isEqualTo(1);
    assertThat(platforms.getAllServeEvents()).isEmpty();
    assertThat(members.find(AUDIENCE, AdPlatform.LINKEDIN, "ana").orElseThrow().state()).isEqualTo(MembershipState.ACTIVE);
    assertThat(ledgerRow("add-2").status()).isEqualTo("SENT");
    assertThat(ledgerRow("remove-1").detail()).startsWith("nothing left to send");

    audiences.sync(sync("remove-2", AudienceAction.REMOVE, List.of(contact("ana"))));
    flusher.flushNow();
    audiences.sync(sync("add-3", AudienceAction.ADD, List.of(contact("ana"))));
    flusher.flushNow();

    platforms.verify(2, postRequestedFor(urlPathEqualTo(USERS)));
    platforms.verify(1, postRequestedFor(urlPathEqualTo(REMOVE)));
    platforms.verify(1, postRequestedFor(urlPathEqualTo(INGEST)));
    assertThat(members.active(AUDIENCE, AdPlatform.GOOGLE)).extracting(AudienceMember::contactId).containsExactly("ana");
  }
}
