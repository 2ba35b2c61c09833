package io.abmsequencer.workflows.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PlaybookParserTest {

  static final Path SHIPPED = Path.of("..", "playbooks");

  static Stream<Path> shippedPlaybooks() throws IOException {
    return Files.list(SHIPPED).filter(p -> p.toString().endsWith(".yaml")).sorted();
  }

  @ParameterizedTest
  @MethodSource("shippedPlaybooks")
  void shippedPlaybooksAreValidAndSpanSixToEighteenMonths(Path file) throws IOException {
    Playbook playbook = PlaybookParser.parse(Files.readString(file));
    assertThat(file.getFileName().toString()).isEqualTo(playbook.id() + ".yaml");
    long months = Timeline.spanDays(playbook) / 30;
    assertThat(months).as("%s runs %d months", playbook.id(), months).isBetween(6L, 18L);
  }

  @Test
  void shipsOnePlaybookPerMotionAndTierTheIssueAsksFor() throws IOException {
    List<Playbook> all = shippedPlaybooks().map(PlaybookParserTest::parse).toList();
    assertThat(all).extracting(Playbook::motion, Playbook::tier)
        .contains(
            org.assertj.core.groups.Tuple.tuple(Motion.NEW_LOGO, Tier.ONE_TO_ONE),
            org.assertj.core.groups.Tuple.tuple(Motion.NEW_LOGO, Tier.ONE_TO_FEW),
            org.assertj.core.groups.Tuple.tuple(Motion.EXPANSION, Tier.ONE_TO_MANY));
  }

  static Playbook parse(Path file) {
    try {
      return PlaybookParser.parse(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void readsEveryStepKindWithDefaults() {
    Playbook p = PlaybookParser.parse("""
        id: demo
        name: Demo
        motion: NEW_LOGO
        tier: "1:few"
        calendar:
          timeZone: Europe/Berlin
          workDays: [MON, TUESDAY, wed]
          sendWindow: "08:00-16:00"
          holidays: [2027-12-24]
        scoring:
          weights: {PRICING_PAGE_VISIT: 25}
          thresholds:
            - score: 40
        exit:
          on: [MEETING_BOOKED]
        steps:
          - id: hello
            email: {to: CHAMPION, subject: "Hi {{firstName}}", body: "Hello from {{ownerName}}"}
          - id: text
            sms: {to: [CHAMPION], body: "Hi {{firstName}}"}
          - id: audience
            ads: {audience: demo-audience}
          - id: pause
            wait: 3 business days
          - id: call
            when: score >= 40
            task: {type: CALL, to: CHAMPION, title: Call them}
          - id: check
            review: {question: "Go on?"}
        """);
    assertThat(p.tier()).isEqualTo(Tier.ONE_TO_FEW);
    assertThat(p.calendar().timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(p.calendar().workDays()).hasSize(3);
    assertThat(p.scoring().weight(EngagementType.PRICING_PAGE_VISIT)).isEqualTo(25);
    assertThat(p.scoring().weight(EngagementType.DEMO_REQUEST)).isEqualTo(50);
    assertThat(p.scoring().thresholds()).singleElement()
        .satisfies(t -> {
          assertThat(t.task()).isEqualTo(TaskType.HOT_ACCOUNT);
          assertThat(t.title()).contains("40");
        });
    assertThat(p.exitOn()).containsExactly(ExitTrigger.MEETING_BOOKED);
    assertThat(p.steps()).extracting(Step::kind).containsExactly("email", "sms", "ads", "wait", "task", "review");
    AdsStep ads = (AdsStep) p.steps().get(2);
    assertThat(ads.platforms()).containsExactly(AdPlatform.LINKEDIN, AdPlatform.GOOGLE);
    assertThat(ads.action()).isEqualTo(AudienceAction.ADD);
    TaskStep call = (TaskStep) p.steps().get(4);
    assertThat(call.when().test(39)).isFalse();
    assertThat(call.due()).isEqualTo(Delay.businessDays(2));
    assertThat(call.onTimeout()).isEqualTo(OnTimeout.CONTINUE);
    ReviewStep check = (ReviewStep) p.steps().get(5);
    assertThat(check.decisions()).containsExactly(ReviewDecision.values());
    assertThat(check.due()).isEqualTo(Delay.businessDays(5));
  }

  @Test
  void listsEveryProblemWithLineAndPath() {
    PlaybookValidationException e = catchThrowableOfType(PlaybookValidationException.class, () -> PlaybookParser.parse("""
        id: Bad Id
        name: Broken
        motion: NEWLOGO
        tier: ONE_TO_ONE
        version: 3
        stepz: []
        steps:
          - id: one
            email:
              to: [CFO]
              subject: "Hi {{firstname}}"
              body: Hello
          - id: one
            wait: three days
          - id: three
            linkedin: {}
          - id: four
            when: scor >= 40
            task: {type: CALL, title: Call}
          - id: five
            task: {type: CALL, title: Call, due: 0 business days}
        """));
    assertThat(e).isNotNull();
    assertThat(e.problems()).extracting(PlaybookProblem::line, PlaybookProblem::path)
        .contains(
            org.assertj.core.groups.Tuple.tuple(1, "id"),
            org.assertj.core.groups.Tuple.tuple(3, "motion"),
            org.assertj.core.groups.Tuple.tuple(5, "version"),
            org.assertj.core.groups.Tuple.tuple(6, "stepz"),
            org.assertj.core.groups.Tuple.tuple(10, "steps[0].email.to[0]"),
            org.assertj.core.groups.Tuple.tuple(11, "steps[0].email.subject"),
            org.assertj.core.groups.Tuple.tuple(13, "steps[1].id"),
            org.assertj.core.groups.Tuple.tuple(14, "steps[1].wait"),
            org.assertj.core.groups.Tuple.tuple(16, "steps[2].linkedin"),
            org.assertj.core.groups.Tuple.tuple(18, "steps[3].when"),
            org.assertj.core.groups.Tuple.tuple(21, "steps[4].task.due"));
    assertThat(e.problems()).hasSize(11);
    assertThat(message(e, "motion")).contains("unknown motion 'NEWLOGO'", "NEW_LOGO, EXPANSION");
    assertThat(message(e, "stepz")).contains("did you mean 'steps'?");
    assertThat(message(e, "steps[0].email.to[0]")).contains("unknown role 'CFO'", "ECONOMIC_BUYER");
    assertThat(message(e, "steps[0].email.subject")).contains("{{firstname}}", "firstName");
    assertThat(message(e, "steps[1].id")).contains("duplicate step id 'one'", "line 8");
    assertThat(message(e, "steps[1].wait")).contains("found 'three days'");
    assertThat(message(e, "steps[2].linkedin")).contains("unknown step type 'linkedin'", "email, sms, ads, task, review, wait");
    assertThat(message(e, "steps[3].when")).contains("does not parse");
    assertThat(message(e, "version")).contains("assigned on upload");
    assertThat(e.getMessage()).startsWith("The playbook has 11 problems");
  }

  @Test
  void taskTitlesMayUseTemplateFieldsButOnlyKnownOnes() {
    PlaybookValidationException e = catchThrowableOfType(PlaybookValidationException.class, () -> PlaybookParser.parse("""
        id: titles
        name: Titles
        motion: NEW_LOGO
        tier: ONE_TO_ONE
        steps:
          - id: ok
            task: {type: CALL, to: CHAMPION, title: "Call {{firstName}} at {{accountName}}"}
          - id: bad
            task: {type: CALL, to: CHAMPION, title: "Call {{nickname}}"}
        """));
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("steps[1].task.title");
      assertThat(p.message()).contains("{{nickname}}");
    });
  }

  @Test
  void refusesASequenceLongerThanTwoYearsNamingTheStep() {
    PlaybookValidationException e = catchThrowableOfType(PlaybookValidationException.class, () -> PlaybookParser.parse("""
        id: too-long
        name: Too long
        motion: EXPANSION
        tier: ONE_TO_MANY
        steps:
          - id: first
            wait: 12 months
          - id: second
            wait: 10 months
          - id: third
            review: {question: "Still there?", due: 3 months}
          - id: last
            email: {to: CHAMPION, subject: Hi, body: Hi}
        """));
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(10);
      assertThat(p.path()).isEqualTo("steps[2]");
      assertThat(p.message()).contains("step 'third'", "at most 24 months");
    });
  }

  static final String LATE_TEXTS = """
      id: late-texts
      name: Late texts
      motion: NEW_LOGO
      tier: ONE_TO_MANY
      calendar:
        timeZone: America/New_York
        sendWindow: "21:00-24:00"
      steps:
        - id: hello
          email: {to: [CHAMPION], subject: Hi, body: Hi}
        - id: nudge
          sms:
            to: [CHAMPION]
            body: "Hi {{firstName}}"
      """;

  /** The SMS hours are a legal limit: a text no moment of the send window allows is refused at upload, on its line. */
  @Test
  void aTextStepThatCanNeverMeetTheSmsHoursIsRefusedOnItsLine() {
    PlaybookValidationException e = catchThrowableOfType(PlaybookValidationException.class, () -> PlaybookParser.parse(LATE_TEXTS));
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(12);
      assertThat(p.path()).isEqualTo("steps[1].sms");
      assertThat(p.message()).isEqualTo("this text could never go out: texts go out only in the SMS hours, 08:00-21:00 in each"
          + " person's time zone, and the calendar's send window 21:00-24:00 (line 7) never meets them; give the calendar a"
          + " send window that overlaps 08:00-21:00, or make this step an email");
    });
    // A window that meets them for an hour is fine: texts go out in that hour.
    assertThat(PlaybookParser.parse(LATE_TEXTS.replace("21:00-24:00", "20:00-24:00")).steps()).hasSize(2);
  }

  /** A version stored before the rule still reads (running sequences follow it): its timeline shows the text skipped. */
  @Test
  void aStoredVersionWithSuchAStepStillReads() {
    Playbook stored = PlaybookParser.parseStored(LATE_TEXTS);
    assertThat(stored.steps()).extracting(Step::id).containsExactly("hello", "nudge");
    assertThatThrownBy(() -> PlaybookParser.parseStored(LATE_TEXTS.replace("motion: NEW_LOGO", "motion: SIDEWAYS")))
        .isInstanceOf(PlaybookValidationException.class).hasMessageContaining("SIDEWAYS");
  }

  @Test
  void brokenYamlIsReportedWithItsLine() {
    PlaybookValidationException e = catchThrowableOfType(PlaybookValidationException.class,
        () -> PlaybookParser.parse("id: x\nname: [unclosed\nmotion: NEW_LOGO\n"));
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isGreaterThanOrEqualTo(2);
      assertThat(p.message()).startsWith("not valid YAML");
    });
  }

  @Test
  void aControlCharacterIsReportedOnItsLineAfterEmoji() {
    PlaybookValidationException e = catchThrowableOfType(PlaybookValidationException.class,
        () -> PlaybookParser.parse("id: x\nname: \"\uD83D\uDE80\uD83D\uDE80\uD83D\uDE80 launch\"\n\u0007motion: NEW_LOGO\n"));
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(3);
      assertThat(p.message()).contains("U+0007");
    });
  }

  @Test
  void duplicateKeysAreProblemsNotSilentOverrides() {
    PlaybookValidationException e = catchThrowableOfType(PlaybookValidationException.class,
        () -> PlaybookParser.parse("id: dup\nname: A\nname: B\nmotion: NEW_LOGO\ntier: ONE_TO_ONE\nsteps:\n  - id: w\n    wait: 1 day\n"));
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(3);
      assertThat(p.message()).contains("'name' appears twice");
    });
  }

  @Test
  void anIdTheConsoleUsesAsAWordIsRefused() {
    PlaybookValidationException e = catchThrowableOfType(PlaybookValidationException.class,
        () -> PlaybookParser.parse("id: new\nname: A\nmotion: NEW_LOGO\ntier: ONE_TO_ONE\nsteps:\n  - id: w\n    wait: 1 day\n"));
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(1);
      assertThat(p.path()).isEqualTo("id");
      assertThat(p.message()).contains("reserved");
    });
  }

  @Test
  void aliasBombsAreRefused() {
    String bomb = """
        a: &a ["x","x","x","x","x","x","x","x","x"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        """;
    assertThatThrownBy(() -> PlaybookParser.parse(bomb))
        .isInstanceOf(PlaybookValidationException.class)
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void emptyAndNonMappingDocumentsAreRefused() {
    assertThatThrownBy(() -> PlaybookParser.parse("   ")).hasMessageContaining("the playbook is empty");
    assertThatThrownBy(() -> PlaybookParser.parse("- just\n- a list\n")).hasMessageContaining("expected a mapping");
    assertThatThrownBy(() -> PlaybookParser.parse("x".repeat(PlaybookParser.MAX_CHARS + 1))).hasMessageContaining("at most");
  }

  private static String message(PlaybookValidationException e, String path) {
    return e.problems().stream().filter(p -> p.path().equals(path)).findFirst().orElseThrow().message();
  }

  @Test
  void rolesCanHaveTheirOwnCopyAndTrackingIsConfigurable() {
    Playbook p = PlaybookParser.parse("""
        id: per-role
        name: Per-role copy
        motion: NEW_LOGO
        tier: ONE_TO_FEW
        tracking: {clicks: false, opens: true}
        steps:
          - id: intro
            email:
              to: [ECONOMIC_BUYER, TECHNICAL_EVALUATOR, CHAMPION]
              subject: "For {{accountName}}"
              body: "Hi {{firstName}}, the business case."
              byRole:
                TECHNICAL_EVALUATOR: {subject: "The architecture, {{firstName}}", body: "Hi {{firstName}}, the reference design."}
                CHAMPION: {body: "Hi {{firstName}}, something for your team."}
        """);
    EmailStep intro = (EmailStep) p.steps().get(0);
    assertThat(intro.templateFor(Role.ECONOMIC_BUYER)).isEqualTo(new Template("For {{accountName}}", "Hi {{firstName}}, the business case."));
    assertThat(intro.templateFor(Role.TECHNICAL_EVALUATOR).subject()).isEqualTo("The architecture, {{firstName}}");
    assertThat(intro.templateFor(Role.CHAMPION)).isEqualTo(new Template("For {{accountName}}", "Hi {{firstName}}, something for your team."));
    assertThat(p.tracking()).isEqualTo(new Tracking(false, true));
    assertThat(PlaybookParser.parse("id: tt\nname: T\nmotion: NEW_LOGO\ntier: ONE_TO_ONE\nsteps:\n  - id: w\n    wait: 1 day\n").tracking())
        .isEqualTo(Tracking.DEFAULT);
  }

  @Test
  void perRoleCopyIsCheckedLikeTheRest() {
    PlaybookValidationException e = catchThrowableOfType(PlaybookValidationException.class, () -> PlaybookParser.parse("""
        id: per-role-bad
        name: Bad per-role copy
        motion: NEW_LOGO
        tier: ONE_TO_FEW
        tracking: {clicks: maybe}
        steps:
          - id: intro
            email:
              to: [ECONOMIC_BUYER]
              subject: Hi
              body: Hello
              byRole:
                CHAMPION: {body: "Hi"}
                ECONOMIC_BUYER: {subject: "Hi {{nickname}}"}
                CFO: {body: "Hi"}
        """));
    assertThat(e.problems()).extracting(PlaybookProblem::path).containsExactlyInAnyOrder(
        "tracking.clicks", "steps[0].email.byRole.CHAMPION", "steps[0].email.byRole.ECONOMIC_BUYER.subject", "steps[0].email.byRole.CFO");
    assertThat(e.problems()).anySatisfy(p -> assertThat(p.message()).contains("not in this step's 'to'"));
  }
}
