package dev.supportdesk.escalation.queue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueueLabelTest {

  @ParameterizedTest
  @CsvSource({"P0, 90", "P1, 70", "P2, 50", "P3, 30", "P9, 50"})
  void theCasePriorityBecomesATaskPriorityThatSortsP0First(String priority, int taskPriority) {
    assertThat(QueueLabel.of("CASE-1", priority, "s", null).taskPriority()).isEqualTo(taskPriority);
  }

  @Test
  void aCaseWithoutPriorityYetSortsWithTheStandardOnes() {
    assertThat(QueueLabel.of("CASE-1", " ", "s", null).taskPriority()).isEqualTo(50);
    assertThat(QueueLabel.of("CASE-1", " ", "s", null).priority()).isNull();
  }

  @Test
  void lineBreaksTabsAndControlCharactersBecomeSingleSpaces() {
    assertThat(QueueLabel.oneLine("  Export\r\n\tto   PDF\u0007fails \n")).isEqualTo("Export to PDF fails");
  }

  @Test
  void markupStaysTextForTasklistToPrintAsText() {
    assertThat(QueueLabel.oneLine("<img src=x onerror=alert(1)> {{7*7}}"))
        .isEqualTo("<img src=x onerror=alert(1)> {{7*7}}");
  }

  @Test
  void aLongSummaryIsCutToEightyCharactersEndingInAnEllipsis() {
    String summary = "Export to PDF fails ".repeat(10);
    String line = QueueLabel.oneLine(summary);
    assertThat(line).hasSize(QueueLabel.SUMMARY_MAX).endsWith("…").startsWith("Export to PDF fails Export");
    assertThat(line.charAt(line.length() - 2)).isNotEqualTo(' ');
  }

  @Test
  void aSummaryOfExactlyEightyCharactersIsKeptWhole() {
    String summary = "x".repeat(QueueLabel.SUMMARY_MAX);
    assertThat(QueueLabel.oneLine(summary)).isEqualTo(summary);
  }

  @Test
  void theCutNeverSplitsACharacterOutsideTheBasicPlane() {
    String summary = "😀".repeat(100);
    String line = QueueLabel.oneLine(summary);
    assertThat(line.codePointCount(0, line.length())).isEqualTo(QueueLabel.SUMMARY_MAX);
    assertThat(line).isEqualTo("😀".repeat(QueueLabel.SUMMARY_MAX - 1) + "…");
  }

  @Test
  void theCaseLineIsTheReferenceAndTheSummaryOrWhicheverOfThemExists() {
    assertThat(QueueLabel.of("CASE-1", "P1", "Export fails", null).caseLine()).isEqualTo("CASE-1 · Export fails");
    assertThat(QueueLabel.of("CASE-1", "P1", null, null).caseLine()).isEqualTo("CASE-1");
    assertThat(QueueLabel.of(null, "P1", "Export fails", null).caseLine()).isEqualTo("Export fails");
    assertThat(QueueLabel.of(null, null, null, null).caseLine()).isNull();
  }

  @Test
  void blankTextIsNoLabelAtAll() {
    assertThat(QueueLabel.of(" ", null, " \n ", "").reference()).isNull();
    assertThat(QueueLabel.of(" ", null, " \n ", "").summary()).isNull();
    assertThat(QueueLabel.of(" ", null, " \n ", "").organisation()).isNull();
  }
}
