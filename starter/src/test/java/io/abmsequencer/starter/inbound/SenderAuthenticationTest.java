package io.abmsequencer.starter.inbound;

import static io.abmsequencer.starter.inbound.Fixtures.inbound;
import static io.abmsequencer.starter.inbound.Fixtures.simple;
import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.starter.inbound.SenderAuthentication.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which {@code Authentication-Results} headers authenticate a From address: real servers' formats, and forgeries. */
class SenderAuthenticationTest {

  final SenderAuthentication trustingGoogle = new SenderAuthentication(List.of("MX.Google.com "));

  static InboundMessage from(String from, String... authenticationResults) {
    StringBuilder headers = new StringBuilder();
    for (String header : authenticationResults) headers.append("Authentication-Results: ").append(header).append('\n');
    headers.append("From: ").append(from).append("\nTo: sam.lee@yourco.example\nSubject: hello\n");
    return inbound(simple(headers.toString(), "Hi"));
  }

  @Test
  void gmailsDmarcPassAuthenticatesTheFromDomain() {
    Verdict verdict = trustingGoogle.of(from("zoe@globex.example", """
        mx.google.com;
               dkim=pass header.i=@globex.example header.s=s1 header.b=Ab1Cd2Ef;
               spf=pass (google.com: domain of zoe@globex.example designates 203.0.113.25 as permitted sender) smtp.mailfrom=zoe@globex.example;
               dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=globex.example"""));

    assertThat(verdict.authenticated()).isTrue();
    assertThat(verdict.how()).isEqualTo("dkim=pass for globex.example per mx.google.com");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      dmarc only                        | zoe@globex.example    | mx.google.com; dmarc=pass header.from=globex.example
      dkim of the From domain           | zoe@globex.example    | mx.google.com 1; dkim=pass header.d=globex.example; dmarc=none
      dkim of a parent domain           | zoe@eu.globex.example | mx.google.com; dkim=pass header.d=globex.example
      spf of an envelope at the domain  | zoe@globex.example    | mx.google.com; spf=pass smtp.mailfrom=bounces@globex.example
      quoted values and versions        | zoe@globex.example    | mx.google.com 1; dkim/1=pass header.d="globex.example"
      """)
  void resultsAlignedWithTheFromDomainAuthenticate(String what, String from, String header) {
    assertThat(trustingGoogle.of(from(from, header)).authenticated()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      a server we do not trust          | mx.attacker.example; dmarc=pass header.from=globex.example
      no authserv-id (Microsoft 365)    | spf=pass smtp.mailfrom=globex.example; dkim=pass header.d=globex.example; dmarc=pass header.from=globex.example
      dmarc failed                      | mx.google.com; dkim=fail header.d=globex.example; spf=softfail smtp.mailfrom=globex.example; dmarc=fail header.from=globex.example
      dkim of the attacker's domain     | mx.google.com; dkim=pass header.d=attacker.example; dmarc=fail header.from=globex.example
      spf of the attacker's envelope    | mx.google.com; spf=pass smtp.mailfrom=x@attacker.example; dmarc=fail header.from=globex.example
      dmarc of another From domain      | mx.google.com; dmarc=pass header.from=attacker.example
      a domain that only ends alike     | mx.google.com; dkim=pass header.d=bal-globex.example
      a pass inside a comment           | mx.google.com; dmarc=fail (dmarc=pass header.from=globex.example) header.from=globex.example
      none                              | mx.google.com; none
      """)
  void nothingElseAuthenticates(String what, String header) {
    assertThat(trustingGoogle.of(from("zoe@globex.example", header)).authenticated()).isFalse();
  }

  @Test
  void onlyTheNewestHeaderOfATrustedServerCounts() {
    // The top one is what our server added on arrival; the one below came with the message.
    Verdict verdict = trustingGoogle.of(from("zoe@globex.example",
        "mx.google.com; dmarc=fail header.from=globex.example",
        "mx.google.com; dmarc=pass header.from=globex.example"));

    assertThat(verdict.authenticated()).isFalse();
    assertThat(verdict.how()).isEqualTo("mx.google.com did not authenticate globex.example (dmarc=fail)");
  }

  @Test
  void withNoTrustedServerConfiguredNothingAuthenticates() {
    Verdict verdict = new SenderAuthentication(List.of()).of(from("zoe@globex.example", "mx.google.com; dmarc=pass header.from=globex.example"));

    assertThat(verdict).isEqualTo(new Verdict(false, "no trusted Authentication-Results server is configured"));
  }
}
