package io.abmsequencer.starter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed problems keep the names API clients have always read in problem+json's errors. */
class FieldProblemTest {

  @Test
  void eachKindKeepsItsJsonNamesInOrder() {
    assertThat(FieldProblem.field("contacts[2].phone", "not a phone number").json())
        .containsExactly(Map.entry("field", "contacts[2].phone"), Map.entry("message", "not a phone number"));
    assertThat(FieldProblem.parameter("playbook.ONE_TO_FEW", "No playbook 'nope'").json())
        .containsExactly(Map.entry("parameter", "playbook.ONE_TO_FEW"), Map.entry("message", "No playbook 'nope'"));
    assertThat(FieldProblem.row(3, "email", "not an address").json())
        .containsExactly(Map.entry("row", 3), Map.entry("column", "email"), Map.entry("message", "not an address"));
    assertThat(FieldProblem.line(4, 7, "steps[1].email.to", "unknown role").json())
        .containsExactly(Map.entry("line", 4), Map.entry("column", 7), Map.entry("path", "steps[1].email.to"), Map.entry("message", "unknown role"));
  }

  @Test
  void aProblemWithTheWholeFileStillSaysRowAndColumnAsNull() {
    Map<String, Object> json = FieldProblem.row(null, null, "the file is not UTF-8").json();
    assertThat(json.keySet()).containsExactly("row", "column", "message");
    assertThat(Arrays.asList(json.get("row"), json.get("column"))).containsOnlyNulls();
  }

  @Test
  void theDetailNamesTheOneProblemOrCountsThem() {
    ApiException one = ApiException.invalid("Invalid request", List.of(FieldProblem.field("email", "required")));
    assertThat(one.getMessage()).isEqualTo("email: required");
    assertThat(one.errors()).containsExactly(Map.of("field", "email", "message", "required"));
    ApiException two = ApiException.invalid("Invalid launch", List.of(FieldProblem.field("owner", "required"), FieldProblem.field("tier", "unknown")));
    assertThat(two.getMessage()).isEqualTo("2 fields are invalid");
    assertThat(two.problems()).extracting(FieldProblem::field).containsExactly("owner", "tier");
  }

  @Test
  void noProblemsListsNoErrors() {
    assertThat(ApiException.notFound("No task t-1").errors()).isNull();
    assertThat(ApiException.notFound("No task t-1").problems()).isEmpty();
  }
}
