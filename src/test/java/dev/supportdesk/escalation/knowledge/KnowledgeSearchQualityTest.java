package dev.supportdesk.escalation.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.escalation.knowledge.KnowledgeArticle.Draft;
import dev.supportdesk.escalation.knowledge.KnowledgeArticle.State;
import dev.supportdesk.escalation.knowledge.KnowledgeArticle.Visibility;
import dev.supportdesk.escalation.knowledge.KnowledgeSearch.Audience;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Search quality over a fixed corpus (src/test/resources/knowledge: 120 articles of six products sharing
 * much vocabulary, 40 queries phrased as agents and customers write, each with the one article a careful
 * reader picks): the expected article is among the first three for at least 90 % of the queries. Prints
 * every query's rank, so a change of the ranking shows what it won and lost. Also: what customers may
 * find, and input that finds nothing instead of failing.
 */
class KnowledgeSearchQualityTest {

  static final double TOP3_TARGET = 0.90;

  static KnowledgeArticles articles;
  static KnowledgeSearch search;
  static final Map<String, Long> idOfKey = new HashMap<>();

  @BeforeAll
  static void corpus() {
    articles = new KnowledgeArticles(new JdbcTemplate(KnowledgeCorpus.h2("knowledge-quality")));
    search = new KnowledgeSearch(articles);
    for (KnowledgeCorpus.Entry entry : KnowledgeCorpus.articles()) {
      idOfKey.put(entry.key(), articles.create(entry.draft(), "corpus", null, Instant.now()));
    }
  }

  @Test
  void theExpectedArticleIsInTheTopThreeForAtLeastNinetyPercentOfTheQueries() {
    List<KnowledgeCorpus.Query> queries = KnowledgeCorpus.queries();
    assertThat(idOfKey).hasSizeGreaterThanOrEqualTo(100);
    assertThat(queries).hasSizeGreaterThanOrEqualTo(30);
    int top1 = 0;
    int top3 = 0;
    double reciprocalRanks = 0;
    List<String> report = new ArrayList<>();
    for (KnowledgeCorpus.Query query : queries) {
      Long expected = idOfKey.get(query.expected());
      assertThat(expected).as("expected article of '%s'", query.text()).isNotNull();
      List<Long> ranked = search.search(query.text(), null, Audience.AGENT, 10).stream()
          .map(hit -> hit.article().id()).toList();
      int rank = ranked.indexOf(expected) + 1;
      top1 += rank == 1 ? 1 : 0;
      top3 += rank >= 1 && rank <= 3 ? 1 : 0;
      reciprocalRanks += rank == 0 ? 0 : 1.0 / rank;
      report.add(String.format("  %-6s %-60s -> %s", rank == 0 ? "miss" : "#" + rank, query.text(), query.expected()));
    }
    double top3Share = (double) top3 / queries.size();
    System.out.printf("knowledge search quality: %d articles, %d queries, top-1 %d (%.0f %%), top-3 %d (%.0f %%),"
            + " MRR@10 %.3f (target top-3 >= %.0f %%)%n", idOfKey.size(), queries.size(), top1,
        100.0 * top1 / queries.size(), top3, 100 * top3Share, reciprocalRanks / queries.size(), 100 * TOP3_TARGET);
    report.forEach(System.out::println);
    assertThat(top3Share).as("share of queries with the expected article in the top 3").isGreaterThanOrEqualTo(TOP3_TARGET);
  }

  @Test
  void customersFindOnlyArticlesPublishedForThemAndAgentsNeverDrafts() {
    Instant now = Instant.now();
    long internal = articles.create(new Draft("Quarantined invoice numbering sequence repair",
        "Internal: repair a quarantined invoice numbering sequence with the maintenance console.", "Billing",
        List.of("invoice"), Visibility.INTERNAL, State.PUBLISHED), "corpus", null, now);
    long draft = articles.create(new Draft("Quarantined invoice numbering draft", "Draft text about quarantined"
        + " invoice numbering, unchecked.", "Billing", List.of(), Visibility.CUSTOMERS, State.DRAFT), "corpus", null, now);
    long retired = articles.create(new Draft("Quarantined invoice numbering, old advice", "Retired: the old advice"
        + " about quarantined invoice numbering.", "Billing", List.of(), Visibility.CUSTOMERS, State.RETIRED),
        "corpus", null, now);

    List<Long> forAgents = ids(search.search("quarantined invoice numbering", "Billing", Audience.AGENT, 20));
    List<Long> forCustomers = ids(search.search("quarantined invoice numbering", "Billing", Audience.CUSTOMER, 20));

    assertThat(forAgents).contains(internal).doesNotContain(draft, retired);
    assertThat(forCustomers).doesNotContain(internal, draft, retired);
  }

  @Test
  void aRevisionIsFoundByItsNewWordsAtOnce() {
    long id = articles.create(new Draft("Zephyr connector handshake", "The zephyr connector fails its handshake.",
        "Integration Hub", List.of(), Visibility.CUSTOMERS, State.PUBLISHED), "corpus", null, Instant.now());
    assertThat(ids(search.search("kumquat", null, Audience.CUSTOMER, 5))).doesNotContain(id);

    assertThat(articles.revise(id, 1, new Draft("Zephyr connector handshake", "The zephyr connector fails its"
        + " handshake when the kumquat certificate expired.", "Integration Hub", List.of(), Visibility.CUSTOMERS,
        State.PUBLISHED), "corpus", null, Instant.now())).isTrue();

    assertThat(ids(search.search("kumquat", null, Audience.CUSTOMER, 5))).containsExactly(id);
    assertThat(articles.revise(id, 1, new Draft("Stale", "A revision of a version someone already replaced.",
        null, List.of(), Visibility.CUSTOMERS, State.PUBLISHED), "corpus", null, Instant.now()))
        .as("a revision of an outdated version").isFalse();
  }

  @Test
  void textWithoutWordsFindsNothingAndQuerySyntaxIsJustText() {
    assertThat(search.search("", null, Audience.AGENT, 5)).isEmpty();
    assertThat(search.search("   the of and   ", null, Audience.AGENT, 5)).isEmpty();
    assertThat(search.search(null, null, Audience.AGENT, 5)).isEmpty();
    // Lucene query syntax is not interpreted: brackets, quotes, wildcards and operators are only text
    assertThat(search.search("export:* AND (\"timeout\" OR title:[a TO z]) ~2 ^3 \\", null, Audience.AGENT, 5))
        .isNotEmpty();
    // a very long text is cut, and many words stay one query of at most 64 terms
    assertThat(search.search("export timeout ".repeat(1000) + "x".repeat(3000), null, Audience.AGENT, 5))
        .isNotEmpty();
  }

  static List<Long> ids(List<KnowledgeSearch.Hit> hits) {
    return hits.stream().map(hit -> hit.article().id()).toList();
  }
}
