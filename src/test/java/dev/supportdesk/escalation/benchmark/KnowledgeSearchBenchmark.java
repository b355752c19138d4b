package dev.supportdesk.escalation.benchmark;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.supportdesk.escalation.knowledge.KnowledgeArticle.Draft;
import dev.supportdesk.escalation.knowledge.KnowledgeArticles;
import dev.supportdesk.escalation.knowledge.KnowledgeBase;
import dev.supportdesk.escalation.knowledge.KnowledgeCorpus;
import dev.supportdesk.escalation.knowledge.KnowledgeSearch;
import dev.supportdesk.escalation.knowledge.KnowledgeSearch.Audience;
import dev.supportdesk.escalation.support.PostgresDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The knowledge search at scale: {@code knowledge.articles} articles (default 10,000, made from the test
 * corpus's 120 by combining their sentences, so that words are spread as in real articles) in H2 and in
 * PostgreSQL, searched {@code knowledge.searches} times (default 2,000) with the corpus's 40 queries, for
 * agents and customers, through {@link KnowledgeBase#search} as the Tier 1 form and the API do (each search
 * includes the one query that checks whether the index is current). Prints the index build, p50/p95/p99 of
 * a search, the rebuild after one article changed, and the heap the index holds. Target: p95 below 50 ms.
 *
 * <p>Run with {@code ./mvnw -Pbenchmark verify} (both benchmarks) or on its own from the test classpath.
 */
public final class KnowledgeSearchBenchmark {

  static final double P95_TARGET_MS = 50;

  public static void main(String[] args) throws Exception {
    int count = Integer.getInteger("knowledge.articles", 10_000);
    int searches = Integer.getInteger("knowledge.searches", 2_000);
    List<String> databases = Arrays.asList(System.getProperty("knowledge.databases", "h2,postgres").split(","));
    List<String> lines = new ArrayList<>();
    for (String database : databases) {
      try (HikariDataSource dataSource = dataSource(database.trim())) {
        KnowledgeCorpus.migrate(dataSource);
        lines.add(run(database.trim(), dataSource, count, searches));
      }
    }
    System.out.println();
    System.out.println("KNOWLEDGE SEARCH BENCHMARK (" + count + " articles, " + searches + " searches, target p95 < "
        + (int) P95_TARGET_MS + " ms)");
    System.out.println(String.format("%-10s %10s %10s %8s %8s %8s %8s %10s %10s", "database", "load s", "build ms",
        "p50 ms", "p95 ms", "p99 ms", "max ms", "rebuild ms", "index MB"));
    lines.forEach(System.out::println);
  }

  static String run(String database, DataSource dataSource, int count, int searches) {
    KnowledgeArticles articles = new KnowledgeArticles(new JdbcTemplate(dataSource));
    KnowledgeSearch search = new KnowledgeSearch(articles);
    KnowledgeBase knowledge = new KnowledgeBase(articles, search, Optional.empty());
    List<KnowledgeCorpus.Entry> corpus = KnowledgeCorpus.articles();
    List<KnowledgeCorpus.Query> queries = KnowledgeCorpus.queries();

    long loadStarted = System.nanoTime();
    long lastId = 0;
    for (int i = 0; i < count; i++) {
      Draft base = corpus.get(i % corpus.size()).draft();
      Draft other = corpus.get((i * 7 + 3) % corpus.size()).draft();
      String borrowed = other.body().split("(?<=\\.)\\s", 2)[0];
      lastId = articles.create(new Draft(base.title() + (i < corpus.size() ? "" : " (" + (i / corpus.size()) + ")"),
          base.body() + " " + borrowed, base.product(), base.tags(), base.visibility(), base.state()),
          "benchmark", null, Instant.now());
    }
    double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;

    long heapBefore = usedHeap();
    long buildStarted = System.nanoTime();
    knowledge.search("warm up the index", null, Audience.AGENT, 5);
    double buildMs = (System.nanoTime() - buildStarted) / 1e6;
    long indexBytes = Math.max(0, usedHeap() - heapBefore);

    for (int i = 0; i < 200; i++) {
      knowledge.search(queries.get(i % queries.size()).text(), null, Audience.AGENT, 5);
    }
    double[] millis = new double[searches];
    for (int i = 0; i < searches; i++) {
      KnowledgeCorpus.Query query = queries.get(i % queries.size());
      Audience audience = i % 2 == 0 ? Audience.AGENT : Audience.CUSTOMER;
      String product = i % 3 == 0 ? corpus.get(i % corpus.size()).draft().product() : null;
      long started = System.nanoTime();
      knowledge.search(query.text(), product, audience, 5);
      millis[i] = (System.nanoTime() - started) / 1e6;
    }
    Arrays.sort(millis);

    KnowledgeArticles.Generation before = articles.generation();
    articles.revise(lastId, 1, corpus.get(0).draft(), "benchmark", null, Instant.now());
    long rebuildStarted = System.nanoTime();
    knowledge.search(queries.get(0).text(), null, Audience.AGENT, 5);
    double rebuildMs = (System.nanoTime() - rebuildStarted) / 1e6;
    if (articles.generation().equals(before)) {
      throw new IllegalStateException("the revision did not change the generation");
    }
    double p95 = percentile(millis, 0.95);
    System.out.printf("knowledge search on %s: %d articles loaded in %.1f s, index built in %.0f ms, p50 %.2f ms,"
            + " p95 %.2f ms, p99 %.2f ms, max %.2f ms, rebuild after one change %.0f ms, index ~%.1f MB, target p95 < %.0f ms %s%n",
        database, count, loadSeconds, buildMs, percentile(millis, 0.5), p95, percentile(millis, 0.99),
        millis[millis.length - 1], rebuildMs, indexBytes / 1e6, P95_TARGET_MS, p95 < P95_TARGET_MS ? "met" : "MISSED");
    return String.format("%-10s %10.1f %10.0f %8.2f %8.2f %8.2f %8.2f %10.0f %10.1f", database, loadSeconds, buildMs,
        percentile(millis, 0.5), p95, percentile(millis, 0.99), millis[millis.length - 1], rebuildMs, indexBytes / 1e6);
  }

  static HikariDataSource dataSource(String database) {
    HikariConfig config = new HikariConfig();
    config.setMaximumPoolSize(4);
    if (database.equals("postgres")) {
      config.setJdbcUrl(PostgresDatabase.newDatabase("knowledge"));
      config.setUsername("postgres");
      config.setPassword("postgres");
    } else if (database.equals("h2")) {
      config.setJdbcUrl("jdbc:h2:mem:knowledge-benchmark-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
      config.setUsername("sa");
      config.setPassword("");
    } else {
      throw new IllegalArgumentException("knowledge.databases: h2 or postgres, not " + database);
    }
    return new HikariDataSource(config);
  }

  static double percentile(double[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private KnowledgeSearchBenchmark() {}
}
