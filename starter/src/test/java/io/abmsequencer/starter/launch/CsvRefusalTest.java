package io.abmsequencer.starter.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.starter.web.ApiException;
import io.abmsequencer.starter.web.FieldProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** A refused list on the launch page: rows in order, parameter problems by select, the API's hint in console words. */
class CsvRefusalTest {

  @Test
  void rowsParametersAndTheMissingTierHint() {
    ApiException refused = new ApiException(HttpStatus.BAD_REQUEST, "Invalid target account list", "The list has 4 error(s)", List.of(
        FieldProblem.row(3, "email", "'not-an-email' is not an e-mail address"),
        FieldProblem.row(5, "tier", "no playbook for tier ONE_TO_ONE in this launch (account 'x'); add ?playbook.ONE_TO_ONE=<id>"),
        FieldProblem.parameter("playbook.ONE_TO_FEW", "No playbook 'nope'"),
        FieldProblem.row(null, null, "... and 3 more errors")));

    CsvRefusal shown = CsvRefusal.of(refused, "tal.csv");

    assertThat(shown.rows()).extracting(CsvRefusal.RowProblem::row).containsExactly(3, 5, null);
    assertThat(shown.rows().get(1).message()).isEqualTo("no playbook for tier ONE_TO_ONE in this launch (account 'x')");
    assertThat(shown.rows().get(1).tier()).isEqualTo("1:1");
    assertThat(shown.rows().get(0).tier()).isNull();
    assertThat(shown.parameters()).containsExactly(Map.entry("playbook.ONE_TO_FEW", "No playbook 'nope'"));
    assertThat(shown.file()).isEqualTo("tal.csv");
  }
}
