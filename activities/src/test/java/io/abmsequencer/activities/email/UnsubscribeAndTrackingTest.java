package io.abmsequencer.activities.email;

import org.junit.jupiter.api.extension.RegisterExtension;
import io.abmsequencer.activities.testsupport.TestSmtp;
import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.activities.DatabaseTest;
import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.ledger.Ledger;
import io.abmsequencer.workflows.channels.EmailTouch;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.channels.TouchStatus;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.account.Account;
import io.abmsequencer.workflows.account.Contact;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** What every e-mail carries (RFC 8058 headers, the CAN-SPAM footer) and what tracking does to it. */
@TestPropertySource(properties = {
  "abm.public-url=https://go.acme-sales.example",
  "abm.mail.postal-address=Acme Sales Inc. · 500 Market St · San Francisco, CA 94105 · USA"
})
class UnsubscribeAndTrackingTest extends DatabaseTest {
  @RegisterExtension static final TestSmtp smtp = TestSmtp.onFreePort();
  private static final String PUBLIC = "https://go.acme-sales.example";
  private static final Pattern CLICK = Pattern.compile(Pattern.quote(PUBLIC) + "/t/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    smtp.register(registry);
  }

  @Autowired SmtpEmailChannel channel;
  @Autowired LinkTokens links;
  @Autowired Ledger ledger;

  private final Account acme = new Account("acme", "Acme <script>alert(1)</script> & Co", "acme.example", "Fintech");

  @Test
  void everyEmailOffersOneClickUnsubscribeAndTheMailbox() throws Exception {
    TouchKey key = key("intro", "c-00000000000000a1");
    channel.send(touch(key, contact(key, "ana@acme.example"), "Hello", "Hi", false, false));

    MimeMessage message = smtp.getReceivedMessages()[0];
    String token = links.unsubscribeToken(key.contactId());
    assertThat(message.getHeader("List-Unsubscribe", null).replaceAll("\r\n\\s+", " "))
        .isEqualTo("<" + PUBLIC + "/u/" + token + ">, <mailto:unsubscribe@sales.example.com?subject=unsubscribe%20" + token + ">");
    assertThat(message.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
    assertThat(links.verifyUnsubscribe(token)).contains(key.contactId());
    assertThat(message.getHeader("Precedence")).isNull();
    assertThat(message.getHeader("Auto-Submitted")).isNull();
  }

  @Test
  void bothPartsEndWithThePostalAddressAndAVisibleUnsubscribeLink() throws Exception {
    TouchKey key = key("footer", "c-00000000000000b2");
    channel.send(touch(key, contact(key, "bo@acme.example"), "Hello", "Hi Bo,\n\nBest,\nJane\n\n", false, false));

    MimeMessage message = smtp.getReceivedMessages()[0];
    String unsubscribe = links.unsubscribeUrl(key.contactId());
    assertThat(TestSmtp.text(message)).isEqualTo(
        "Hi Bo,\n\nBest,\nJane\n\n"
            + "Acme Sales Inc. · 500 Market St · San Francisco, CA 94105 · USA\n"
            + "If you'd rather not get these e-mails, unsubscribe here: " + unsubscribe);
    assertThat(TestSmtp.html(message)).contains(
        "<p>Acme Sales Inc. · 500 Market St · San Francisco, CA 94105 · USA<br>\n"
            + "If you&#39;d rather not get these e-mails, unsubscribe here: <a href=\"" + unsubscribe + "\">" + unsubscribe + "</a></p>");
  }

  @Test
  void trackedLinksRedirectThroughSignedUrlsAndShowTheirTarget() throws Exception {
    TouchKey key = key("clicks", "c-00000000000000c3");
    String body = "Hi {{firstName}},\n\nThe {{accountName}} benchmark: https://acme-sales.example/benchmark?utm_source=abm&x=1.\n"
        + "Pricing (https://{{domain}}/pricing) is there too.";
    channel.send(touch(key, contact(key, "cy@acme.example"), "Hello", body, true, false));

    MimeMessage message = smtp.getReceivedMessages()[0];
    String text = TestSmtp.text(message);
    List<String> clicks = matches(CLICK, text);
    assertThat(clicks).hasSize(2);
    assertThat(clicks).map(url -> links.verifyClick(url.substring((PUBLIC + "/t/").length())).orElseThrow().url())
        .containsExactly("https://acme-sales.example/benchmark?utm_source=abm&x=1", "https://acme.example/pricing");
    assertThat(text)
        .startsWith("Hi Cy,\n\nThe Acme <script>alert(1)</script> & Co benchmark: " + clicks.get(0) + ".\n"
            + "Pricing (" + clicks.get(1) + ") is there too.\n\n")
        .doesNotContain("https://acme-sales.example/benchmark")
        .endsWith("unsubscribe here: " + links.unsubscribeUrl(key.contactId()));
    assertThat(ledger.find(key).orElseThrow().body()).as("the ledger keeps the text as sent").isEqualTo(text);

    String html = TestSmtp.html(message);
    assertThat(html)
        .doesNotContain("<script>")
        .contains("The Acme &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co benchmark: <a href=\"" + clicks.get(0) + "\">"
            + "https://acme-sales.example/benchmark?utm_source=abm&amp;x=1</a>.<br>")
        .contains("Pricing (<a href=\"" + clicks.get(1) + "\">https://acme.example/pricing</a>) is there too.")
        .contains("<a href=\"" + links.unsubscribeUrl(key.contactId()) + "\">")
        .doesNotContain("<img");
    assertThat(matches(CLICK, html)).as("the unsubscribe link is never tracked").hasSize(2);
  }

  @Test
  void untrackedLinksStayAsWrittenAndOpensAddAPixel() throws Exception {
    TouchKey key = key("opens", "c-00000000000000d4");
    channel.send(touch(key, contact(key, "dee@acme.example"), "Hello", "See https://acme-sales.example/a", false, true));

    MimeMessage message = smtp.getReceivedMessages()[0];
    assertThat(TestSmtp.text(message)).startsWith("See https://acme-sales.example/a\n\n");
    String html = TestSmtp.html(message);
    String pixel = links.openPixelUrl(key);
    assertThat(html)
        .contains("See <a href=\"https://acme-sales.example/a\">https://acme-sales.example/a</a>")
        .contains("<img src=\"" + pixel + "\" width=\"1\" height=\"1\" alt=\"\"")
        .endsWith("\">\n</body></html>\n");
    assertThat(links.verifyOpen(pixel.substring((PUBLIC + "/o/").length()))).contains(key);
  }

  @Test
  void anUnsubscribeLinkFindsTheAddressToSuppress() {
    TouchKey key = key("lookup", "c-00000000000000e5");
    channel.send(touch(key, contact(key, " Eve@Acme.example"), "Hello", "Hi", false, false));

    String contactId = links.verifyUnsubscribe(links.unsubscribeToken(key.contactId())).orElseThrow();

    assertThat(ledger.recipientOf(Channel.EMAIL, contactId)).contains("eve@acme.example");
    assertThat(ledger.recipientOf(Channel.EMAIL, "c-ffffffffffffffff")).isEmpty();
    assertThat(ledger.find(key).orElseThrow().sender()).isEqualTo("jane.doe@acme-sales.example");
    assertThat(ledger.find(key).orElseThrow().touchStatus()).isEqualTo(TouchStatus.SENT);
  }

  private static List<String> matches(Pattern pattern, String text) {
    List<String> out = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) out.add(m.group());
    return out;
  }

  private static TouchKey key(String step, String contactId) {
    return new TouchKey("abm-new-logo-acme", "enterprise@1/" + step, contactId);
  }

  private EmailTouch touch(TouchKey key, Contact contact, String subject, String body, boolean clicks, boolean opens) {
    return new EmailTouch(key, acme, contact, "jane", subject, body, clicks, opens);
  }

  private static Contact contact(TouchKey key, String email) {
    String first = email.trim().substring(0, 1).toUpperCase() + email.trim().substring(1, email.trim().indexOf('@'));
    return new Contact(key.contactId(), email, first, "Lee", "CFO", Role.CHAMPION, null, "Europe/Berlin", false);
  }
}
