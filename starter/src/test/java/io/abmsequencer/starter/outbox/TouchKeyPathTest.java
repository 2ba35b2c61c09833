package io.abmsequencer.starter.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.workflows.channels.TouchKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A touch key in the outbox's address: its own slashes kept, anything else a path may not carry encoded. */
class TouchKeyPathTest {

  @Test
  void theKeyIsReadBackFromThePathWithTheStepKeysSlash() {
    assertThat(Outbox.parse("/abm-new-logo-acme/fintech@3/opener/c-1a2b"))
        .contains(new TouchKey("abm-new-logo-acme", "fintech@3/opener", "c-1a2b"));
    assertThat(Outbox.parse("abm-new-logo-acme/fintech@3/opener#2/c-1a2b"))
        .contains(new TouchKey("abm-new-logo-acme", "fintech@3/opener#2", "c-1a2b"));
    assertThat(Outbox.parse("/only-one/part")).isEmpty();
    assertThat(Outbox.parse("/a/b/")).isEmpty();
    assertThat(Outbox.parse("")).isEmpty();
  }

  @Test
  void linksKeepTheSlashesAndEncodeTheRest() {
    TouchRow row = new TouchRow("abm-new-logo-acme/fintech@3/opener#2/c-1a2b", "abm-new-logo-acme", "fintech@3/opener#2", "c-1a2b",
        "acme", Channel.EMAIL, "SENT", "zoe@acme.example", null, "Hi", "Hello", null, null, 1, null, null);
    Outbox.Page page = new Outbox.Page(Channel.EMAIL, List.of(row), 0, 25, false);
    assertThat(page.href(row)).isEqualTo("/outbox/abm-new-logo-acme/fintech@3/opener%232/c-1a2b");
  }
}
