package io.abmsequencer.starter.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.starter.web.FieldProblem;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.playbook.Tier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one-account launch's rules as a plain function of the request: no Spring, no HTTP. */
class TargetValidatorTest {

  private static LaunchRequest.ContactFields person(String email, String role, String phone) {
    return new LaunchRequest.ContactFields(email, "Zoë", "O'Brien", "Head of Payments Ops", role, phone, "Europe/Dublin", null, null);
  }

  private static LaunchRequest request(String accountId, String owner, String tier, LaunchRequest.ContactFields... contacts) {
    return new LaunchRequest(new LaunchRequest.AccountFields(accountId, "Acme Inc", "acme.example", " Fintech "), owner, "new-logo", null, tier,
        Arrays.asList(contacts));
  }

  @Test
  void aRightRequestIsATargetWithNoProblems() {
    TargetValidator.Checked checked = TargetValidator.check(
        request("acme", "jane.doe@yourco.example", "ONE_TO_FEW", person("zoe@acme.example", "CHAMPION", null)));

    assertThat(checked.valid()).isTrue();
    assertThat(checked.problems()).isEmpty();
    Target target = checked.target();
    assertThat(target.account().id()).isEqualTo("acme");
    assertThat(target.account().industry()).isEqualTo("Fintech");
    assertThat(target.tier()).isEqualTo(Tier.ONE_TO_FEW);
    assertThat(target.contacts()).singleElement().satisfies(c -> {
      assertThat(c.email()).isEqualTo("zoe@acme.example");
      assertThat(c.role()).isEqualTo(Role.CHAMPION);
    });
  }

  @Test
  void noTierMeansThePlaybooksTier() {
    assertThat(TargetValidator.check(request("acme", "jane.doe@yourco.example", " ", person("zoe@acme.example", "CHAMPION", null)))
        .target().tier()).isNull();
  }

  @Test
  void everyInvalidFieldIsListedByItsJsonPathAndNoTargetIsMade() {
    TargetValidator.Checked checked = TargetValidator.check(request("", "jane.doe@yourco.example", "ONE_TO_NOBODY",
        person("zoe@acme.example", "CHAMPION", "not a phone"),
        null,
        person("ZOE@acme.example", "SPONSOR", null)));

    assertThat(checked.valid()).isFalse();
    assertThat(checked.target()).isNull();
    assertThat(checked.problems()).extracting(FieldProblem::field)
        .containsExactly("account.id", "tier", "contacts[0].phone", "contacts[1]", "contacts[2].role", "contacts[2].email");
    assertThat(checked.problems()).extracting(FieldProblem::kind).containsOnly(FieldProblem.Kind.FIELD);
    assertThat(checked.problems()).filteredOn(p -> p.field().equals("contacts[2].email")).singleElement()
        .extracting(FieldProblem::message).isEqualTo("'ZOE@acme.example' is listed twice");
    assertThat(checked.problems()).filteredOn(p -> p.field().equals("contacts[1]")).singleElement()
        .extracting(FieldProblem::message).isEqualTo("a contact is required here");
  }

  @Test
  void missingPartsAreNamedToo() {
    TargetValidator.Checked checked = TargetValidator.check(new LaunchRequest(null, null, " ", null, null, List.of()));

    assertThat(checked.problems()).extracting(FieldProblem::field).containsExactly("playbook", "account", "owner", "contacts");
  }
}
