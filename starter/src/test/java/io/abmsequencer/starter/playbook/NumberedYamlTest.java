package io.abmsequencer.starter.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The editor's excerpt: problem lines with their context, gaps for the rest, every message on its line. */
class NumberedYamlTest {
  static final String YAML = String.join("\n", "id: a", "name: A", "motion: NEW_LOGO", "tier: ONE_TO_FEW", "steps:", "  - id: one",
      "    email: {to: [CFO]}", "  - id: two", "    wait: 3 wekes", "  - id: three", "    wait: 1 day", "", "");

  @Test
  void marksEachProblemLineAndFoldsTheRest() {
    List<NumberedYaml.Line> lines = NumberedYaml.excerpt(YAML, List.of(
        new YamlProblem(7, 18, "steps[0].email.to[0]", "unknown role 'CFO'"),
        new YamlProblem(7, 5, "steps[0].email.subject", "required"),
        new YamlProblem(9, 11, "steps[1].wait", "'3 wekes' is not a duration")), 1);

    assertThat(lines).extracting(NumberedYaml.Line::number).containsExactly(0, 6, 7, 8, 9, 10, 0);
    assertThat(lines.get(0).skipped()).isEqualTo(5);
    assertThat(lines.get(2).messages()).containsExactly("steps[0].email.to[0]: unknown role 'CFO'", "steps[0].email.subject: required");
    assertThat(lines.get(2).text()).isEqualTo("    email: {to: [CFO]}");
    assertThat(lines.get(4).problem()).isTrue();
    assertThat(lines.get(3).problem()).isFalse();
    assertThat(lines.get(6).gap()).isTrue();
    assertThat(lines.get(6).skipped()).isEqualTo(3);
  }

  @Test
  void documentLevelProblemsHaveNoExcerptAndLinesPastTheEndLandOnTheLast() {
    assertThat(NumberedYaml.excerpt(YAML, List.of(YamlProblem.general("empty")), 2)).isEmpty();
    List<NumberedYaml.Line> lines = NumberedYaml.excerpt("a: 1\r\nb: 2", List.of(new YamlProblem(9, 0, "", "unexpected end")), 0);
    assertThat(lines).extracting(NumberedYaml.Line::number).containsExactly(0, 2);
    assertThat(lines.get(1).text()).isEqualTo("b: 2");
    assertThat(lines.get(1).messages()).containsExactly("unexpected end");
  }
}
