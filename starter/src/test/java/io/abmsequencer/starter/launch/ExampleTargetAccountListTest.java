package io.abmsequencer.starter.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.playbook.Tier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The example list shipped in playbooks/ for marketers to copy must itself be valid. */
class ExampleTargetAccountListTest {

  /** Relative to the starter module, where Maven runs its tests. */
  private static final Path EXAMPLE = Path.of("../playbooks/accounts-example.csv");

  @Test
  void theExampleListHasNoError() throws IOException {
    TargetAccountCsv.Result result;
    try (InputStream in = Files.newInputStream(EXAMPLE)) {
      result = TargetAccountCsv.read(in);
    }

    assertThat(result.errors()).isEmpty();
    assertThat(result.accounts()).hasSizeBetween(6, 10);
    assertThat(result.accounts())
        .extracting(TargetAccount::tier)
        .contains(Tier.ONE_TO_ONE, Tier.ONE_TO_FEW, Tier.ONE_TO_MANY);
    assertThat(result.accounts())
        .allSatisfy(a -> assertThat(a.contacts()).hasSizeBetween(3, 6))
        .allSatisfy(a -> assertThat(a.domain()).endsWith(".example"))
        .allSatisfy(
            a ->
                assertThat(a.contacts())
                    .allSatisfy(c -> assertThat(c.email()).endsWith(".example")))
        .allSatisfy(
            a ->
                assertThat(a.contacts())
                    .extracting(TargetContact::role)
                    .contains(Role.ECONOMIC_BUYER, Role.TECHNICAL_EVALUATOR));
    assertThat(result.accounts())
        .flatExtracting(TargetAccount::contacts)
        .extracting(TargetContact::timeZone)
        .containsAll(
            Set.of(
                "America/New_York",
                "America/Los_Angeles",
                "Europe/London",
                "Europe/Berlin",
                "Asia/Tokyo"));
    assertThat(result.accounts())
        .flatExtracting(TargetAccount::contacts)
        .filteredOn(TargetContact::smsConsent)
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.phone()).startsWith("+"));
  }
}
