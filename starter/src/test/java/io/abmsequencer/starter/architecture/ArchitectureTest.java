package io.abmsequencer.starter.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
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

  @Test
  void workflowCodeDoesNotReadTheClockOrRandomness() {
    ArchRule rule = noClasses().that().resideInAPackage("io.abmsequencer.workflows.sequence..")
        .and().haveSimpleNameEndingWith("WorkflowImpl")
        .should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(java.util.UUID.class, "randomUUID")
        .orShould().callMethod(Thread.class, "sleep", long.class);
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

  @Test
  void onlySequenceClientTalksToTemporalInTheStarter() {
    noClasses().that().resideInAPackage("io.abmsequencer.starter..")
        .and().doNotHaveSimpleName("SequenceClient")
        .and().resideOutsideOfPackage("io.abmsequencer.starter.embedded..")
        .should().dependOnClassesThat().resideInAnyPackage("io.temporal.client..", "io.temporal.serviceclient..")
        .check(all);
  }

  @Test
  void controllersStayThin() {
    classes().that().resideInAPackage("io.abmsequencer.starter..").and().haveSimpleNameEndingWith("Controller")
        .should().onlyDependOnClassesThat().resideOutsideOfPackages("org.springframework.jdbc..", "io.temporal..")
        .check(all);
  }
}
