package dev.supportdesk.escalation.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.supportdesk.escalation.audit.CaseRecord.OperationEntry;
import dev.supportdesk.escalation.audit.CaseRecord.TimelineEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Writes a case's record and search results as JSON and CSV (RFC 4180, UTF-8). Cells that a
 * spreadsheet would run as a formula are prefixed with an apostrophe.
 */
@Component
public class CaseExports {

  static final List<String> SEARCH_COLUMNS = List.of("reference", "state", "startTime", "endTime",
      "durationMillis", "organisationId", "priority", "severity", "caseStatus", "slaOutcome", "summary",
      "processDefinitionKey", "processDefinitionVersion", "processInstanceId");

  static final List<String> RECORD_COLUMNS = List.of("section", "time", "endTime", "durationMillis", "kind",
      "title", "who", "processDefinitionKey", "processInstanceId", "activityId", "details");

  private final ObjectMapper json;

  public CaseExports(ObjectMapper json) {
    this.json = json.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  }

  public ObjectMapper json() {
    return json;
  }

  public String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void recordAsJson(CaseRecord record, OutputStream out) throws IOException {
    json.writerWithDefaultPrettyPrinter().writeValue(out, record);
  }

  /** The timeline, then the user operation log, one row each; details as JSON in the last column. */
  public void recordAsCsv(CaseRecord record, OutputStream out) throws IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    row(writer, RECORD_COLUMNS);
    for (TimelineEntry entry : record.timeline()) {
      row(writer, List.of("timeline", str(entry.at()), str(entry.endedAt()), str(entry.durationMillis()),
          entry.kind(), str(entry.title()), str(entry.who()), str(entry.processDefinitionKey()),
          str(entry.processInstanceId()), str(entry.activityId()), toJson(entry.details())));
    }
    for (OperationEntry operation : record.operations()) {
      String what = operation.operationType() + " " + operation.entityType()
          + (operation.property() == null ? "" : " " + operation.property() + ": " + operation.orgValue()
              + " -> " + operation.newValue());
      row(writer, List.of("operation", str(operation.timestamp()), "", "", "USER_OPERATION", what,
          str(operation.userId()), "", str(operation.processInstanceId()), "", toJson(operation)));
    }
    writer.flush();
  }

  /** Streams a JSON array; the caller feeds pages and closes. */
  public JsonArrayWriter searchAsJson(OutputStream out) throws IOException {
    JsonGenerator generator = json.getFactory().createGenerator(out);
    generator.writeStartArray();
    return new JsonArrayWriter(generator);
  }

  public final class JsonArrayWriter {
    private final JsonGenerator generator;

    JsonArrayWriter(JsonGenerator generator) {
      this.generator = generator;
    }

    public void write(List<CaseRow> rows) {
      try {
        for (CaseRow row : rows) {
          json.writeValue(generator, row);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public void finish() throws IOException {
      generator.writeEndArray();
      generator.close();
    }
  }

  public Writer searchCsvHeader(OutputStream out) throws IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    row(writer, SEARCH_COLUMNS);
    return writer;
  }

  public void searchCsvRows(Writer writer, List<CaseRow> rows) {
    try {
      for (CaseRow c : rows) {
        row(writer, List.of(str(c.reference()), str(c.state()), str(c.startTime()), str(c.endTime()),
            str(c.durationMillis()), str(c.organisationId()), str(c.priority()), str(c.severity()),
            str(c.caseStatus()), str(c.slaOutcome()), str(c.summary()), str(c.processDefinitionKey()),
            str(c.processDefinitionVersion()), str(c.processInstanceId())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void row(Writer writer, List<String> cells) throws IOException {
    writer.write(cells.stream().map(CaseExports::cell).collect(Collectors.joining(",")));
    writer.write("\r\n");
  }

  /** One CSV cell, quoted as needed and defused against spreadsheet formulas; shared by every CSV export. */
  public static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String text = value;
    char first = text.charAt(0);
    if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }

  private static String str(Object value) {
    return value == null ? "" : String.valueOf(value);
  }
}
