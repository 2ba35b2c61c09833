package io.abmsequencer.starter.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.abmsequencer.starter.sequence.SequenceClient;
import io.abmsequencer.starter.system.SystemModes;
import io.abmsequencer.starter.web.FieldProblem;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module edges of DESIGN.md, kept honest: starter -> worker -> activities -> workflows. */
class ArchitectureTest {
  static JavaClasses all;

  @BeforeAll
  static void importClasses() {
    all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.abmsequencer");
  }

  @Test
  void workflowsHaveNoSpringAndNoIo() {
    ArchRule rule = noClasses().that().resideInAPackage("io.abmsequencer.workflows..")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "jakarta.mail..", "java.net.http..",
            "io.abmsequencer.activities..", "io.abmsequencer.worker..", "io.abmsequencer.starter..");
    rule.check(all);
  }

  /** Reading the clock or randomness, or sleeping: what replay cannot repeat (Workflow.currentTimeMillis, randomUUID, sleep can). */
  static final DescribedPredicate<JavaMethodCall> NON_DETERMINISTIC = new DescribedPredicate<>("read the clock or randomness, or sleep") {
    @Override
    public boolean test(JavaMethodCall call) {
      String owner = call.getTargetOwner().getName();
      String name = call.getName();
      return owner.equals(System.class.getName()) && (name.equals("currentTimeMillis") || name.equals("nanoTime"))
          || owner.startsWith("java.time.") && name.equals("now")
          || owner.equals(java.util.UUID.class.getName()) && name.equals("randomUUID")
          || owner.equals(Math.class.getName()) && name.equals("random")
          || owner.equals(Thread.class.getName()) && name.equals("sleep");
    }
  };

  /**
   * Every class of workflows/, not only the *WorkflowImpl: the orchestrator's collaborators, the pure
   * helpers and the records all run inside workflow code.
   */
  @Test
  void workflowCodeDoesNotReadTheClockOrRandomness() {
    ArchRule rule = noClasses().that().resideInAPackage("io.abmsequencer.workflows..")
        .should().callMethodWhere(NON_DETERMINISTIC)
        .orShould().callConstructor(java.util.Random.class)
        .orShould().callConstructor(java.security.SecureRandom.class)
        .orShould().dependOnClassesThat().belongToAnyOf(Thread.class, java.util.concurrent.ExecutorService.class, java.util.concurrent.Executors.class);
    rule.check(all);
  }

  @Test
  void dependenciesPointOneWay() {
    noClasses().that().resideInAPackage("io.abmsequencer.activities..")
        .should().dependOnClassesThat().resideInAnyPackage("io.abmsequencer.worker..", "io.abmsequencer.starter..")
        .check(all);
    noClasses().that().resideInAPackage("io.abmsequencer.worker..")
        .should().dependOnClassesThat().resideInAPackage("io.abmsequencer.starter..")
        .check(all);
  }

  /**
   * The ports (channels) and the people and companies (account) are below the sequence: activities
   * implement a channel without knowing the workflow, and the workflow uses them.
   */
  @Test
  void channelsAndAccountsKnowNoSequence() {
    noClasses().that().resideInAnyPackage("io.abmsequencer.workflows.channels..", "io.abmsequencer.workflows.account..")
        .should().dependOnClassesThat().resideInAPackage("io.abmsequencer.workflows.sequence..")
        .check(all);
  }

  @Test
  void onlySequenceClientTalksToTemporalInTheStarter() {
    noClasses().that().resideInAPackage("io.abmsequencer.starter..")
        .and().doNotHaveSimpleName("SequenceClient")
        .and().resideOutsideOfPackage("io.abmsequencer.starter.embedded..")
        .should().dependOnClassesThat().resideInAnyPackage("io.temporal.client..", "io.temporal.serviceclient..")
        .check(all);
  }

  /**
   * Temporal's wire protocol (gRPC, the API protos) stays with the class that talks to Temporal and
   * the embedded servers. PendingWork is SequenceClient's reader of a describe response; the codec
   * endpoint encodes and decodes Temporal's payload protos, and nothing else of the API.
   */
  @Test
  void onlySequenceClientAndEmbeddedSpeakTemporalsWireProtocol() {
    noClasses().that().resideInAPackage("io.abmsequencer.starter..")
        .and(not(belongToSequenceClient()))
        .and().resideOutsideOfPackages("io.abmsequencer.starter.embedded..", "io.abmsequencer.starter.codec..")
        .should().dependOnClassesThat().resideInAnyPackage("io.grpc..", "io.temporal.api..")
        .check(all);
    noClasses().that().resideInAPackage("io.abmsequencer.starter.codec..")
        .should().dependOnClassesThat().resideInAPackage("io.grpc..")
        .orShould().dependOnClassesThat(resideInAPackage("io.temporal.api..").and(not(resideInAPackage("io.temporal.api.common.v1.."))))
        .check(all);
  }

  private static DescribedPredicate<JavaClass> belongToSequenceClient() {
    return DescribedPredicate.describe("belong to SequenceClient", c -> c.getName().startsWith(SequenceClient.class.getName())
        || c.getName().equals(SequenceClient.class.getPackageName() + ".PendingWork"));
  }

  /** The starter's packages are its features (and the few cross-cutting ones): nothing else, no second tree of pages. */
  @Test
  void theStartersPackagesAreItsFeatures() {
    String[] features = Stream.of("playbook", "launch", "sequence", "tasks", "reviews", "engagement", "suppression", "digest", "outbox",
        "scorecard", "inbound", "sms", "codec", "security", "embedded", "target", "system", "web")
        .map(f -> "io.abmsequencer.starter." + f).toArray(String[]::new);
    classes().that().resideInAPackage("io.abmsequencer.starter..").and().doNotHaveSimpleName("StarterApplication")
        .should().resideInAnyPackage(features)
        .check(all);
  }

  /**
   * Features depend on each other one way. The one edge ignored: embedded mode's startup banner looks
   * up how SMS and ads run (SystemModes) from the ready context, while SystemModes asks embedded mode
   * whether it runs.
   */
  @Test
  void featuresHaveNoCycles() {
    slices().matching("io.abmsequencer.starter.(*)..").should().beFreeOfCycles()
        .ignoreDependency(resideInAPackage("io.abmsequencer.starter.embedded.."), type(SystemModes.class).or(type(SystemModes.Modes.class)))
        .check(all);
  }

  /** Sequences sit below the features that start, signal and read them: they know none of them. */
  @Test
  void sequenceKnowsNoFeatureAboveIt() {
    noClasses().that().resideInAPackage("io.abmsequencer.starter.sequence..")
        .should().dependOnClassesThat().resideInAnyPackage("..starter.launch..", "..starter.tasks..", "..starter.reviews..",
            "..starter.engagement..", "..starter.suppression..", "..starter.digest..", "..starter.outbox..", "..starter.scorecard..",
            "..starter.inbound..", "..starter.sms..", "..starter.target..")
        .check(all);
  }

  /** The account and contact rules are plain code over typed requests: no Spring, no HTTP, no other feature; problems are FieldProblems. */
  @Test
  void targetRulesArePlain() {
    noClasses().that().resideInAPackage("io.abmsequencer.starter.target..")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.servlet..")
        .orShould().dependOnClassesThat(resideInAPackage("io.abmsequencer.starter..")
            .and(not(resideInAPackage("io.abmsequencer.starter.target.."))).and(not(type(FieldProblem.class))))
        .check(all);
  }

  /** web is cross-cutting HTTP (errors, JSON strictness, body limits, the problem type): it knows no feature. */
  @Test
  void webKnowsNoFeature() {
    noClasses().that().resideInAPackage("io.abmsequencer.starter.web..")
        .should().dependOnClassesThat(resideInAPackage("io.abmsequencer.starter..").and(not(resideInAPackage("io.abmsequencer.starter.web.."))))
        .check(all);
  }

  @Test
  void controllersStayThin() {
    classes().that().resideInAPackage("io.abmsequencer.starter..").and().haveSimpleNameEndingWith("Controller")
        .should().onlyDependOnClassesThat().resideOutsideOfPackages("org.springframework.jdbc..", "io.temporal..")
        .check(all);
  }
}
