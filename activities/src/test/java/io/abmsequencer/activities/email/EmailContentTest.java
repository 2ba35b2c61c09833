package io.abmsequencer.activities.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailContentTest {

  @Test
  void htmlEscapesAndKeepsParagraphsAndLineBreaks() {
    String html = EmailContent.html("Hi <b>Ana</b> & \"co\",\r\n\r\n  \nLine one\nLine 'two'\n\n\nBye");

    assertThat(html).contains(
        "<p>Hi &lt;b&gt;Ana&lt;/b&gt; &amp; &quot;co&quot;,</p>\n<p>Line one<br>\nLine &#39;two&#39;</p>\n<p>Bye</p>");
  }

  @Test
  void urlsAreFoundWithoutTheSentencePunctuationAroundThem() {
    String text = "See https://a.example/x?y=1&z=2. Or (http://b.example/wiki/Foo_(bar)), <https://c.example/>,"
        + " \"https://d.example/q\" and mailto:me@x.example or ftp://e.example; HTTPS://F.EXAMPLE/!";

    String rewritten = EmailContent.rewriteUrls(text, url -> "[" + url + "]");

    assertThat(rewritten).isEqualTo(
        "See [https://a.example/x?y=1&z=2]. Or ([http://b.example/wiki/Foo_(bar)]), <[https://c.example/]>,"
            + " \"[https://d.example/q]\" and mailto:me@x.example or ftp://e.example; [HTTPS://F.EXAMPLE/]!");
  }

  @Test
  void linksInHtmlAreEscapedAndMayShowAnotherText() {
    String html = EmailContent.html(
        "Read https://r.example/t/abc <b>now</b>\nand https://a.example/?q=\"x\"&y=1",
        url -> url.startsWith("https://r.example/t/") ? "https://target.example/?a=1&b=<2>" : url,
        "https://r.example/o/abc.gif");

    assertThat(html)
        .contains("<p>Read <a href=\"https://r.example/t/abc\">https://target.example/?a=1&amp;b=&lt;2&gt;</a>"
            + " &lt;b&gt;now&lt;/b&gt;<br>\nand <a href=\"https://a.example/?q=\">https://a.example/?q=</a>&quot;x&quot;&amp;y=1</p>")
        .contains("<img src=\"https://r.example/o/abc.gif\" width=\"1\" height=\"1\" alt=\"\"")
        .endsWith("</p>\n<img src=\"https://r.example/o/abc.gif\" width=\"1\" height=\"1\" alt=\"\""
            + " style=\"display:block;width:1px;height:1px;border:0\">\n</body></html>\n");
  }
}
