package io.abmsequencer.worker.testsupport;

import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.PlaybookParser;
import io.abmsequencer.workflows.playbook.Role;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Playbooks of the tests that run whole sequences: one e-mail, due at once (any day, any hour). */
public final class TestPlaybooks {
  private TestPlaybooks() {}

  /** One e-mail to the champion, and nothing after it: the sequence sends and ends. */
  public static final Playbook ONE_EMAIL = oneEmail(Role.CHAMPION);

  /** One e-mail to every contact of the roles {@code to}, and nothing after it. */
  public static Playbook oneEmail(Role... to) {
    return oneEmailThen("", to);
  }

  /**
   * The one e-mail to the roles {@code to}, then {@code steps}: further items of the playbook's
   * {@code steps:} list, in YAML indented by two spaces ({@code "  - id: call\n    task: ..."}).
   */
  public static Playbook oneEmailThen(String steps, Role... to) {
    String roles = Arrays.stream(to).map(Role::name).collect(Collectors.joining(", "));
    return PlaybookParser.parse("""
        id: one-email
        name: One e-mail
        motion: NEW_LOGO
        tier: ONE_TO_MANY
        calendar: {timeZone: UTC, workDays: [MON, TUE, WED, THU, FRI, SAT, SUN], sendWindow: "00:00-24:00"}
        steps:
          - id: hello
            email:
              to: [%s]
              subject: "A note for {{accountName}}"
              body: "Hi {{firstName}},\\n\\nA short read for your team.\\n\\n{{ownerName}}"
        """.formatted(roles) + steps).withVersion(1);
  }
}
