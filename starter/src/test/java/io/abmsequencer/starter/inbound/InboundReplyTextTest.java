package io.abmsequencer.starter.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a person newly wrote, without the history their client quoted. */
class InboundReplyTextTest {

  @ParameterizedTest
  @ValueSource(strings = {
    "On Mon, Jan 4, 2027 at 10:13 AM Sam Lee <sam.lee@yourco.example> wrote:",
    "On Mon, Jan 4, 2027 at 10:13 AM Sam Lee <sam.lee@yourco.example>\nwrote:",
    "Am Mo., 4. Jan. 2027 um 10:13 Uhr schrieb Sam Lee <sam.lee@yourco.example>:",
    "Le lun. 4 janv. 2027 à 10:13, Sam Lee <sam.lee@yourco.example> a écrit :",
    "El lun, 4 ene 2027 a las 10:13, Sam Lee (<sam.lee@yourco.example>) escribió:",
    "Op ma 4 jan. 2027 om 10:13 schreef Sam Lee <sam.lee@yourco.example>:",
    "-----Original Message-----\nFrom: Sam Lee",
    "________________________________\nFrom: Sam Lee <sam.lee@yourco.example>",
    "From: Sam Lee <sam.lee@yourco.example>\nSent: Monday, January 4, 2027 10:13 AM",
    "De : Sam Lee <sam.lee@yourco.example>\nEnvoyé : lundi 4 janvier 2027 10:13",
    "Von: Sam Lee <sam.lee@yourco.example>\nGesendet: Montag, 4. Januar 2027 10:13"
  })
  void cutsAtTheQuotedHistory(String attribution) {
    String body = "Hi Sam,\n\nTuesday works.\n\nZoë\n\n" + attribution + "\n\n> Hi Zoë,\n> Three ideas, back on January 20.\n";

    assertThat(ReplyText.fresh(body)).isEqualTo("Hi Sam,\n\nTuesday works.\n\nZoë");
  }

  @Test
  void dropsQuotedLinesAndTheSignature() {
    String body = "> earlier\nInline answer\n>> older\nMore\n-- \nZoë O'Brien | Globex\n";

    assertThat(ReplyText.fresh(body)).isEqualTo("Inline answer\nMore");
  }

  @Test
  void theExcerptIsOneLineOfAboutThreeHundredCharactersCutAtAWord() {
    String body = "Hello Sam,\n\n" + "lorem ipsum dolor ".repeat(40) + "\n\nOn Mon, Jan 4, 2027 Sam wrote:\n> old";

    String excerpt = ReplyText.excerpt(body);

    assertThat(excerpt).startsWith("Hello Sam, lorem ipsum").endsWith("…").doesNotContain("\n").doesNotContain("old");
    assertThat(excerpt.length()).isBetween(250, ReplyText.EXCERPT_LENGTH + 1);
    assertThat(excerpt.substring(0, excerpt.length() - 1)).matches(".*(lorem|ipsum|dolor)");
  }

  @Test
  void aGmailReplyKeepsOnlyTheNewText() {
    InboundMessage reply = Fixtures.inbound("gmail-reply.eml");

    assertThat(ReplyText.excerpt(reply.text())).isEqualTo(
        "Hi Sam, Thanks — the second idea is interesting. Could we talk next Tuesday at 3pm? I'd like to bring our head of"
            + " payments. Best, Zoë");
  }

  @Test
  void htmlOnlyMailIsReadWithoutItsQuotedBlock() {
    String html = "<html><head><style>p{}</style></head><body><div>Yes &amp; thanks!</div>"
        + "<div class=\"gmail_quote\">On Mon Sam wrote:<blockquote>old</blockquote></div></body></html>";

    assertThat(MessageText.htmlToText(html).strip()).isEqualTo("Yes & thanks!");
  }
}
