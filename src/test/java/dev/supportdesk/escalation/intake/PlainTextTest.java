package dev.supportdesk.escalation.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTest {

  @Test
  void acceptsWhatCustomersReallyPasteIncludingStackTracesAndXml() {
    assertThat(PlainText.Validator.isPlainText("java.lang.NullPointerException\n\tat Foo.<init>(Foo.java:12)")).isTrue();
    assertThat(PlainText.Validator.isPlainText("<config><timeout>60</timeout></config> and a < b > c")).isTrue();
  }

  @Test
  void refusesActiveMarkupAndControlCharacters() {
    assertThat(PlainText.Validator.isPlainText("<script>alert(1)</script>")).isFalse();
    assertThat(PlainText.Validator.isPlainText("< SCRIPT src=//x>")).isFalse();
    assertThat(PlainText.Validator.isPlainText("<a href=\"#\" onclick=\"steal()\">x</a>")).isFalse();
    assertThat(PlainText.Validator.isPlainText("see JavaScript:alert(1)")).isFalse();
    assertThat(PlainText.Validator.isPlainText("bell\u0007")).isFalse();
    assertThat(PlainText.Validator.isPlainText("half \uD800 a character")).isFalse();
    assertThat(PlainText.Validator.isPlainText("<b>bold</b>")).isFalse();
    assertThat(PlainText.Validator.isPlainText("<a href=\"https://evil.example\">docs</a>")).isFalse();
    assertThat(PlainText.Validator.isPlainText("see [the docs](https://evil.example)")).isFalse();
    assertThat(PlainText.Validator.isPlainText("![pixel](https://evil.example/p.png)")).isFalse();
    assertThat(PlainText.Validator.isPlainText("<https://evil.example>")).isFalse();
    assertThat(PlainText.Validator.isPlainText("x<b>y")).isFalse();
    assertThat(PlainText.Validator.isPlainText("List<String> items and Map<String, List<Integer>> and [1] (see)")).isTrue();
    assertThat(PlainText.Validator.isPlainText("emoji \uD83D\uDE00 is fine")).isTrue();
  }
}
