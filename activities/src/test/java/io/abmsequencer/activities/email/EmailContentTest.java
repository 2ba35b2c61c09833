package io.abmsequencer.activities.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.workflows.channels.TouchKey;
import org.junit.jupiter.api.Test;

class EmailContentTest {

  @Test
  void htmlEscapesAndKeepsParagraphsAndLineBreaks() {
    String html = EmailContent.html("Hi <b>Ana</b> & \"co\",\r\n\r\n  \nLine one\nLine 'two'\n\n\nBye");

    assertThat(html).contains(
        "<p>Hi &lt;b&gt;Ana&lt;/b&gt; &amp; &quot;co&quot;,</p>\n<p>Line one<br>\nLine &#39;two&#39;</p>\n<p>Bye</p>");
  }

  @Test
  void messageIdsAreStablePerKeyAndFreeOfTheKey() {
    TouchKey key = new TouchKey("abm-new-logo-acme", "enterprise@1/intro", "c-42");

    String id = EmailContent.messageId(key, "example.com");

    assertThat(id).isEqualTo(EmailContent.messageId(new TouchKey("abm-new-logo-acme", "enterprise@1/intro", "c-42"), "example.com"));
    assertThat(id).isNotEqualTo(EmailContent.messageId(new TouchKey("abm-new-logo-acme", "enterprise@1/intro", "c-43"), "example.com"));
    assertThat(id).matches("<[0-9a-f]{32}@example\\.com>").doesNotContain("acme");
  }
}
