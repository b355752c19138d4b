package dev.supportdesk.escalation.intake;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Cases as the customer submitted them (table {@code customer_case}), keyed by reference. */
@Repository
public class CustomerCases {

  /** What a customer submitted, and who they are; the case's process holds everything else. */
  public record CustomerCase(String reference, String reporterId, String reporterName, String organisationId,
      CaseType type, String summary, String description, String product, String productVersion,
      String stepsToReproduce, String errorMessages, String recentChanges, String environment,
      String impact, String urgency, Instant createdAt) {}

  private final JdbcTemplate jdbc;

  public CustomerCases(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(CustomerCase c) {
    jdbc.update("INSERT INTO customer_case (reference, reporter_id, reporter_name, organisation_id, case_type,"
            + " summary, description, product, product_version, steps_to_reproduce, error_messages,"
            + " recent_changes, environment, impact, urgency, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        c.reference(), c.reporterId(), c.reporterName(), c.organisationId(), c.type().name(), c.summary(),
        c.description(), c.product(), c.productVersion(), c.stepsToReproduce(), c.errorMessages(),
        c.recentChanges(), c.environment(), c.impact(), c.urgency(), Timestamp.from(c.createdAt()));
  }

  public Optional<CustomerCase> find(String reference) {
    return jdbc.query("SELECT * FROM customer_case WHERE reference = ?", CustomerCases::map, reference)
        .stream().findFirst();
  }

  /** Cases the customer reported, or, with {@code organisationId} set, every case of that organisation. */
  public List<CustomerCase> visibleTo(String reporterId, String organisationId) {
    if (organisationId != null) {
      return jdbc.query("SELECT * FROM customer_case WHERE organisation_id = ? ORDER BY created_at DESC, reference",
          CustomerCases::map, organisationId);
    }
    return jdbc.query("SELECT * FROM customer_case WHERE reporter_id = ? ORDER BY created_at DESC, reference",
        CustomerCases::map, reporterId);
  }

  private static CustomerCase map(ResultSet rs, int row) throws SQLException {
    return new CustomerCase(rs.getString("reference"), rs.getString("reporter_id"), rs.getString("reporter_name"),
        rs.getString("organisation_id"), CaseType.valueOf(rs.getString("case_type")), rs.getString("summary"),
        rs.getString("description"), rs.getString("product"), rs.getString("product_version"),
        rs.getString("steps_to_reproduce"), rs.getString("error_messages"), rs.getString("recent_changes"),
        rs.getString("environment"), rs.getString("impact"), rs.getString("urgency"),
        rs.getTimestamp("created_at").toInstant());
  }
}
