package io.abmsequencer.activities.ads;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.activities.DatabaseTest;
import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.ledger.Ledger;
import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.activities.suppression.SuppressionList;
import io.abmsequencer.activities.suppression.SuppressionReason;
import io.abmsequencer.workflows.channels.AudienceResult;
import io.abmsequencer.workflows.channels.AudienceSync;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.channels.TouchStatus;
import io.abmsequencer.workflows.playbook.AdPlatform;
import io.abmsequencer.workflows.playbook.AudienceAction;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.sequence.Contact;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class DryRunAdAudiencesTest extends DatabaseTest {
  private static final String WORKFLOW = "abm-new-logo-acme";
  private static final List<AdPlatform> BOTH = List.of(AdPlatform.LINKEDIN, AdPlatform.GOOGLE);

  @Autowired DryRunAdAudiences audiences;
  @Autowired AudienceMembers members;
  @Autowired SuppressionList suppressions;
  @Autowired Ledger ledger;

  private final Contact ana = contact("ana");
  private final Contact bo = contact("bo");
  private final Contact cy = contact("cy");
  private final Contact optedOut = contact("dee");

  @Test
  void addThenRemoveLeavesExactMembershipAndOneLedgerRowPerCall() {
    suppressions.suppress(Channel.EMAIL, "DEE@acme.example", SuppressionReason.UNSUBSCRIBED, null, "webhook");
    AudienceSync add = sync("ads-add", AudienceAction.ADD, List.of(ana, bo, cy, optedOut));

    AudienceResult added = audiences.sync(add);
    AudienceResult addedAgain = audiences.sync(add);

    assertThat(added.members()).isEqualTo(3);
    assertThat(added.status()).isEqualTo(TouchStatus.DRY_RUN);
    assertThat(added.detail()).startsWith("3 members added to fintech-execs on LINKEDIN, GOOGLE (dry run)");
    assertThat(addedAgain).isEqualTo(added);
    assertThat(members.active("fintech-execs", AdPlatform.LINKEDIN)).extracting(AudienceMember::contactId)
        .containsExactly("ana", "bo", "cy");
    assertThat(members.active("fintech-execs", AdPlatform.GOOGLE)).extracting(AudienceMember::contactId)
        .containsExactly("ana", "bo", "cy");

    AudienceSync remove = sync("ads-remove", AudienceAction.REMOVE, List.of(bo, optedOut));
    AudienceResult removed = audiences.sync(remove);
    AudienceResult removedAgain = audiences.sync(remove);

    assertThat(removed).isEqualTo(new AudienceResult(1, TouchStatus.DRY_RUN, "1 member removed from fintech-execs on LINKEDIN, GOOGLE (dry run)"));
    assertThat(removedAgain).isEqualTo(removed);
    assertThat(members.active("fintech-execs", AdPlatform.LINKEDIN)).extracting(AudienceMember::contactId)
        .containsExactly("ana", "cy");
    assertThat(members.active("fintech-execs", AdPlatform.GOOGLE)).extracting(AudienceMember::contactId)
        .containsExactly("ana", "cy");
    assertThat(members.forWorkflow(WORKFLOW)).hasSize(6)
        .filteredOn(m -> m.removedAt() != null).extracting(AudienceMember::contactId).containsOnly("bo");

    List<TouchRow> rows = ledger.forWorkflow(WORKFLOW).stream().filter(r -> r.channel() == Channel.ADS).toList();
    assertThat(rows).extracting(TouchRow::contactId).containsOnly("*");
    assertThat(rows).extracting(TouchRow::status).containsOnly("DRY_RUN");
    assertThat(rows).hasSize(2);
  }

  @Test
  void reAddingAfterRemovalRestoresTheMember() {
    audiences.sync(sync("abm-new-logo-beta", "retarget", "readd-1", AudienceAction.ADD, List.of(ana)));
    audiences.sync(sync("abm-new-logo-beta", "retarget", "readd-2", AudienceAction.REMOVE, List.of(ana)));
    assertThat(members.active("retarget", AdPlatform.GOOGLE)).isEmpty();

    AudienceResult again = audiences.sync(sync("abm-new-logo-beta", "retarget", "readd-3", AudienceAction.ADD, List.of(ana)));

    assertThat(again.members()).isEqualTo(1);
    assertThat(members.active("retarget", AdPlatform.GOOGLE)).extracting(AudienceMember::contactId).containsExactly("ana");
  }

  private static AudienceSync sync(String step, AudienceAction action, List<Contact> contacts) {
    return sync(WORKFLOW, "fintech-execs", step, action, contacts);
  }

  private static AudienceSync sync(
      String workflowId, String audience, String step, AudienceAction action, List<Contact> contacts) {
    return new AudienceSync(new TouchKey(workflowId, "enterprise@1/" + step, "*"), "acme", audience, BOTH, action, contacts);
  }

  private static Contact contact(String id) {
    return new Contact(id, id + "@acme.example", id, "Lee", "VP", Role.ECONOMIC_BUYER, null, null, false);
  }
}
