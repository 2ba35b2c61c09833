package io.abmsequencer.activities.ads;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.ledger.TouchQueries;
import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.activities.suppression.SuppressionList;
import io.abmsequencer.activities.suppression.SuppressionReason;
import io.abmsequencer.workflows.channels.AudienceCleanup;
import io.abmsequencer.workflows.channels.AudienceResult;
import io.abmsequencer.workflows.channels.TouchStatus;
import io.abmsequencer.workflows.playbook.AdPlatform;
import io.abmsequencer.workflows.playbook.AudienceAction;
import io.abmsequencer.workflows.account.Contact;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The default mode: memberships are exact and recorded, and nothing reaches a platform. */
class DryRunAudiencesTest extends AdsTestSupport {
  @Autowired BatchedAdAudiences audiences;
  @Autowired AudienceFlusher flusher;
  @Autowired AudienceMembers members;
  @Autowired SuppressionList suppressions;
  @Autowired TouchQueries touches;
  @Autowired AdsSettings settings;

  private final Contact ana = contact("ana");
  private final Contact bo = contact("bo");
  private final Contact cy = contact("cy");
  private final Contact optedOut = contact("dee");

  @Test
  void addThenRemoveLeavesExactMembershipOneLedgerRowPerCallAndSendsNothing() {
    assertThat(settings.describe()).isEqualTo("dry run: recorded, not sent");
    suppressions.suppress(Channel.EMAIL, "DEE@acme.example", SuppressionReason.UNSUBSCRIBED, null, "webhook");

    AudienceResult added = audiences.sync(sync("ads-add", AudienceAction.ADD, List.of(ana, bo, cy, optedOut)));
    AudienceResult addedAgain = audiences.sync(sync("ads-add", AudienceAction.ADD, List.of(ana, bo, cy, optedOut)));
    flusher.flushNow();

    assertThat(added).isEqualTo(new AudienceResult(3, TouchStatus.DRY_RUN,
        "3 contacts recorded for LinkedIn, Google audience 'fintech-execs' (dry run: not sent);"
            + " 1 suppressed or without e-mail skipped"));
    assertThat(addedAgain).isEqualTo(added);
    assertThat(members.active(AUDIENCE, AdPlatform.LINKEDIN)).extracting(AudienceMember::contactId).containsExactly("ana", "bo", "cy");
    assertThat(members.active(AUDIENCE, AdPlatform.GOOGLE)).extracting(AudienceMember::contactId).containsExactly("ana", "bo", "cy");

    AudienceResult removed = audiences.sync(sync("ads-remove", AudienceAction.REMOVE, List.of(bo, optedOut)));
    assertThat(audiences.sync(sync("ads-remove", AudienceAction.REMOVE, List.of(bo, optedOut)))).isEqualTo(removed);
    flusher.flushNow();

    assertThat(removed).isEqualTo(new AudienceResult(1, TouchStatus.DRY_RUN,
        "1 contact removed from LinkedIn, Google audience 'fintech-execs' (dry run: not sent)"));
    assertThat(members.active(AUDIENCE, AdPlatform.LINKEDIN)).extracting(AudienceMember::contactId).containsExactly("ana", "cy");
    assertThat(members.forWorkflow(WORKFLOW)).hasSize(6)
        .filteredOn(m -> m.state() == MembershipState.REMOVED).extracting(AudienceMember::contactId).containsOnly("bo");

    List<TouchRow> rows = touches.forWorkflow(WORKFLOW).stream().filter(r -> r.channel() == Channel.ADS).toList();
    assertThat(rows).extracting(TouchRow::status).containsOnly("DRY_RUN");
    assertThat(rows).hasSize(2);
    assertThat(platforms.getAllServeEvents()).as("dry run calls no platform").isEmpty();
  }

  @Test
  void anEndedSequenceLeavesItsAudiencesInDryRunToo() {
    audiences.sync(sync("ads-add", AudienceAction.ADD, List.of(ana, bo)));
    flusher.flushNow();

    AudienceResult left = audiences.leaveAll(new AudienceCleanup(WORKFLOW));
    flusher.flushNow();

    assertThat(left).isEqualTo(new AudienceResult(2, TouchStatus.DRY_RUN, "2 contacts taken out of every ad audience (dry run: not sent)"));
    assertThat(members.forWorkflow(WORKFLOW)).extracting(AudienceMember::state).containsOnly(MembershipState.REMOVED);
    assertThat(platforms.getAllServeEvents()).isEmpty();
  }
}
