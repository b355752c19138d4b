package dev.supportdesk.escalation.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.escalation.casefile.PlainTextRule;
import org.junit.jupiter.api.Test;

class PlainTextTest {

  @Test
  void acceptsWhatCustomersReallyPasteIncludingStackTracesAndXml() {
    assertThat(PlainTextRule.isPlainText("java.lang.NullPointerException\n\tat Foo.<init>(Foo.java:12)")).isTrue();
    assertThat(PlainTextRule.isPlainText("<config><timeout>60</timeout></config> and a < b > c")).isTrue();
  }

  @Test
  void refusesActiveMarkupAndControlCharacters() {
    assertThat(PlainTextRule.isPlainText("<script>alert(1)</script>")).isFalse();
    assertThat(PlainTextRule.isPlainText("< SCRIPT src=//x>")).isFalse();
    assertThat(PlainTextRule.isPlainText("<a href=\"#\" onclick=\"steal()\">x</a>")).isFalse();
    assertThat(PlainTextRule.isPlainText("see JavaScript:alert(1)")).isFalse();
    assertThat(PlainTextRule.isPlainText("bell\u0007")).isFalse();
    assertThat(PlainTextRule.isPlainText("half \uD800 a character")).isFalse();
    assertThat(PlainTextRule.isPlainText("<b>bold</b>")).isFalse();
    assertThat(PlainTextRule.isPlainText("<a href=\"https://evil.example\">docs</a>")).isFalse();
    assertThat(PlainTextRule.isPlainText("see [the docs](https://evil.example)")).isFalse();
    assertThat(PlainTextRule.isPlainText("![pixel](https://evil.example/p.png)")).isFalse();
    assertThat(PlainTextRule.isPlainText("<https://evil.example>")).isFalse();
    assertThat(PlainTextRule.isPlainText("x<b>y")).isFalse();
    assertThat(PlainTextRule.isPlainText("List<String> items and Map<String, List<Integer>> and [1] (see)")).isTrue();
    assertThat(PlainTextRule.isPlainText("emoji \uD83D\uDE00 is fine")).isTrue();
  }
}
