package dev.supportdesk.escalation.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaseExportsTest {

  @Test
  void quotesCellsWithSeparatorsQuotesAndLineBreaks() {
    assertThat(CaseExports.cell("plain")).isEqualTo("plain");
    assertThat(CaseExports.cell("a,b")).isEqualTo("\"a,b\"");
    assertThat(CaseExports.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(CaseExports.cell("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(CaseExports.cell(null)).isEmpty();
  }

  @Test
  void neutralisesCellsASpreadsheetWouldRunAsFormulas() {
    assertThat(CaseExports.cell("=HYPERLINK(\"http://evil\")")).startsWith("\"'=HYPERLINK(");
    assertThat(CaseExports.cell("+1")).isEqualTo("'+1");
    assertThat(CaseExports.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
  }
}
