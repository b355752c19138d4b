package dev.supportdesk.escalation.knowledge;

import dev.supportdesk.escalation.knowledge.KnowledgeArticle.Draft;
import dev.supportdesk.escalation.knowledge.KnowledgeArticle.State;
import dev.supportdesk.escalation.knowledge.KnowledgeArticle.Visibility;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The fixed corpus of src/test/resources/knowledge (articles.tsv: key, product, tags, title, body;
 * queries.tsv: query, the key of the article that answers it) and an H2 database with the application's
 * own tables to load it into.
 */
public final class KnowledgeCorpus {

  public record Entry(String key, Draft draft) {}

  public record Query(String text, String expected) {}

  private KnowledgeCorpus() {}

  public static List<Entry> articles() {
    List<Entry> entries = new ArrayList<>();
    for (String[] row : rows("knowledge/articles.tsv", 5)) {
      entries.add(new Entry(row[0], new Draft(row[3], row[4], row[1], KnowledgeArticle.tags(row[2]),
          Visibility.CUSTOMERS, State.PUBLISHED)));
    }
    return entries;
  }

  public static List<Query> queries() {
    return rows("knowledge/queries.tsv", 2).stream().map(row -> new Query(row[0], row[1])).toList();
  }

  /** An empty in-memory H2 database with the application's Flyway tables. */
  public static DataSource h2(String name) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    dataSource.setUser("sa");
    dataSource.setPassword("");
    migrate(dataSource);
    return dataSource;
  }

  public static void migrate(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
  }

  static List<String[]> rows(String resource, int fields) {
    try (InputStream in = KnowledgeCorpus.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing");
      }
      List<String[]> rows = new ArrayList<>();
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        String[] row = line.split("\t", -1);
        if (row.length != fields) {
          throw new IllegalStateException(resource + ": " + fields + " fields expected in: " + line);
        }
        rows.add(row);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
