package dev.supportdesk.escalation.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.supportdesk.escalation.knowledge.KnowledgeArticle.Draft;
import dev.supportdesk.escalation.knowledge.KnowledgeArticle.State;
import dev.supportdesk.escalation.knowledge.KnowledgeArticle.Visibility;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the knowledge base accepts from an agent, whichever door, and what a customer may read. */
class KnowledgeBaseTest {

  KnowledgeBase knowledge;
  KnowledgeArticles articles;

  @BeforeEach
  void database() {
    articles = new KnowledgeArticles(new JdbcTemplate(KnowledgeCorpus.h2("knowledge-base-" + System.nanoTime())));
    knowledge = new KnowledgeBase(articles, new KnowledgeSearch(articles), Optional.empty());
  }

  static Draft draft(String title, String body, Visibility visibility, State state) {
    return new Draft(title, body, "Reporting", List.of("export"), visibility, state);
  }

  @Test
  void anArticleIsSavedWithItsFirstVersionAndEachRevisionKeepsTheOneBefore() {
    KnowledgeArticle first = knowledge.write(draft("  Export stops after a minute ", "Raise export.timeout to 300"
        + " seconds and export again.", Visibility.CUSTOMERS, State.PUBLISHED), "tara.tier1", "CASE-1");
    assertThat(first.title()).isEqualTo("Export stops after a minute");
    assertThat(first.reference()).isEqualTo("KB-" + first.id());
    assertThat(first.version()).isEqualTo(1);

    KnowledgeArticle second = knowledge.revise(first.reference(), 1, draft("Export stops after a minute",
        "Raise export.timeout to 300 seconds; since 4.3 per report.", Visibility.CUSTOMERS, State.PUBLISHED),
        "ben.tier1", "CASE-2");

    assertThat(second.version()).isEqualTo(2);
    assertThat(second.author()).isEqualTo("ben.tier1");
    assertThat(second.sourceCase()).as("the case that first wrote it").isEqualTo("CASE-1");
    assertThat(knowledge.history(first.reference())).extracting(KnowledgeArticle.Version::author)
        .containsExactly("tara.tier1", "ben.tier1");
    assertThatThrownBy(() -> knowledge.revise(first.reference(), 1, draft("Export stops after a minute",
        "A change made on the version someone already replaced.", Visibility.CUSTOMERS, State.PUBLISHED), "x", null))
        .isInstanceOfSatisfying(KnowledgeBase.Refused.class, refused -> {
          assertThat(refused.status()).isEqualTo(409);
          assertThat(refused.getMessage()).contains("now version 2");
        });
    assertThat(knowledge.existing(first.reference()).version()).as("nothing of the refused revision").isEqualTo(2);
  }

  @Test
  void badArticlesAreRefusedWithEveryProblemNamedAndNothingIsSaved() {
    assertThatThrownBy(() -> knowledge.write(new Draft("Hi", "<script>alert(1)</script> too", "P".repeat(101),
        List.of("ok", "<b>"), Visibility.CUSTOMERS, null), "tara.tier1", null))
        .isInstanceOfSatisfying(KnowledgeBase.Refused.class, refused -> {
          assertThat(refused.status()).isEqualTo(400);
          assertThat(refused.getMessage()).contains("title needs 5 to 200").contains("product is at most 100")
              .contains("Tags are words").contains("plain text").contains("its state");
        });
    assertThatThrownBy(() -> knowledge.write(draft("A fine title", "<a href=\"https://evil.example\">click"
        + " here</a> to fix it", Visibility.CUSTOMERS, State.PUBLISHED), "tara.tier1", null))
        .isInstanceOf(KnowledgeBase.Refused.class).hasMessageContaining("plain text");
    assertThat(articles.generation().articles()).isZero();
  }

  @Test
  void customersReadOnlyPublishedCustomerArticlesAndOthersDoNotExistForThem() {
    KnowledgeArticle published = knowledge.write(draft("Published for customers", "Text customers may read.",
        Visibility.CUSTOMERS, State.PUBLISHED), "a", null);
    KnowledgeArticle internal = knowledge.write(draft("Published internally", "Text only agents may read.",
        Visibility.INTERNAL, State.PUBLISHED), "a", null);
    KnowledgeArticle draft = knowledge.write(draft("A draft for customers", "Text nobody checked yet.",
        Visibility.CUSTOMERS, State.DRAFT), "a", null);

    assertThat(knowledge.forCustomer(published.reference())).isPresent();
    assertThat(knowledge.forCustomer("kb" + published.id())).as("written as agents do").isPresent();
    assertThat(knowledge.forCustomer(internal.reference())).isEmpty();
    assertThat(knowledge.forCustomer(draft.reference())).isEmpty();
    assertThat(knowledge.forCustomer("KB-999999")).isEmpty();
    assertThat(knowledge.forCustomer("'; DROP TABLE knowledge_article; --")).isEmpty();
    assertThatThrownBy(() -> knowledge.published(draft.reference())).hasMessageContaining("is draft, not published");
    assertThatThrownBy(() -> knowledge.existing("KB-x")).isInstanceOfSatisfying(KnowledgeBase.Refused.class,
        refused -> assertThat(refused.status()).isEqualTo(404));
    assertThat(articles.recentForCustomers(10)).extracting(KnowledgeArticle::id).containsExactly(published.id());
  }

  @Test
  void referencesAndTagsAreReadAsAgentsWriteThem() {
    assertThat(KnowledgeArticle.idOf("KB-12")).contains(12L);
    assertThat(KnowledgeArticle.idOf(" kb12 ")).contains(12L);
    assertThat(KnowledgeArticle.idOf("12")).contains(12L);
    assertThat(KnowledgeArticle.idOf("KB-")).isEmpty();
    assertThat(KnowledgeArticle.idOf("KB-1e3")).isEmpty();
    assertThat(KnowledgeArticle.idOf(null)).isEmpty();
    assertThat(KnowledgeArticle.tags(" Export, TIMEOUT;export,, csv ")).containsExactly("export", "timeout", "csv");
  }
}
