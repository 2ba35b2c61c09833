package io.abmsequencer.starter.production;

import static io.abmsequencer.starter.testsupport.ApiTestBase.ALWAYS_OPEN;

import java.util.List;

/**
 * The playbooks of the production-mode suite. Every calendar is open around the clock, so each
 * sequence reaches the state a README query names (a review, a wait of a known length) within
 * seconds of its launch, whatever the wall clock says; waits are long, so nothing moves on by
 * itself while the suite runs.
 */
final class Playbooks {
  private Playbooks() {}

  /** A demo request alone lifts an account past the README's score of 60. */
  private static final String SCORING = "scoring: {weights: {DEMO_REQUEST: 65}}";

  private static final String HELLO =
      "  - id: hello\n    email: {to: [CHAMPION], subject: \"A note for {{accountName}}\", body: \"Hi {{firstName}},\\n\\nA short read.\\n\\n{{ownerName}}\"}\n";
  private static final String FOLLOW_UP =
      "  - id: follow-up\n    email: {to: [CHAMPION], subject: \"Following up, {{firstName}}\", body: \"Hi again {{firstName}}\"}\n";

  static final String EXPANSION = """
      id: prod-expansion
      name: Production expansion
      motion: EXPANSION
      tier: ONE_TO_MANY
      %s
      steps:
      %s  - id: settle-in
          wait: 60 days
      %s""".formatted(ALWAYS_OPEN, HELLO, FOLLOW_UP);

  static final String STRATEGIC = """
      id: prod-strategic
      name: Production strategic
      motion: NEW_LOGO
      tier: ONE_TO_ONE
      %s
      %s
      handover: {closedWon: prod-expansion}
      steps:
      %s  - id: checkpoint
          review: {question: "Worth a 1:1 program?", due: 10 business days}
        - id: breather
          wait: 2 weeks
      %s""".formatted(ALWAYS_OPEN, SCORING, HELLO, FOLLOW_UP);

  static String fintech(int version) {
    return """
        id: prod-fintech
        name: Production fintech, edition %d
        motion: NEW_LOGO
        tier: ONE_TO_FEW
        %s
        %s
        steps:
        %s  - id: checkpoint
            review: {question: "Keep going with this account?", due: 10 business days}
          - id: breather
            wait: 2 weeks
        %s""".formatted(version, ALWAYS_OPEN, SCORING, HELLO, FOLLOW_UP);
  }

  static String nurture(String id, String wait) {
    return """
        id: %s
        name: Production nurture (%s)
        motion: NEW_LOGO
        tier: ONE_TO_MANY
        %s
        steps:
        %s  - id: gap
            wait: %s
        %s""".formatted(id, wait, ALWAYS_OPEN, HELLO, wait, FOLLOW_UP);
  }

  /** The whole path of a sequence with its human steps, ending on its own: e-mail, call, review, e-mail. */
  static final String LIFECYCLE = """
      id: prod-lifecycle
      name: Production lifecycle
      motion: NEW_LOGO
      tier: ONE_TO_FEW
      %s
      steps:
      %s  - id: call
          task: {type: CALL, to: CHAMPION, title: "Call the champion", due: 10 business days}
        - id: checkpoint
          review: {question: "Keep going with this account?", decisions: [CONTINUE, STOP], due: 10 business days}
      %s""".formatted(ALWAYS_OPEN, HELLO, FOLLOW_UP);

  /** Uploaded in this order: the expansion first, since the strategic playbook hands over to it. */
  static List<String> all() {
    return List.of(EXPANSION, STRATEGIC, fintech(1), fintech(2), nurture("prod-nurture", "1 week"), nurture("prod-slow", "10 weeks"),
        LIFECYCLE);
  }
}
