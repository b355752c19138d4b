package dev.supportdesk.escalation.knowledge;

import dev.supportdesk.escalation.knowledge.KnowledgeArticle.State;
import dev.supportdesk.escalation.knowledge.KnowledgeArticle.Visibility;
import dev.supportdesk.escalation.knowledge.KnowledgeArticles.Generation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Ranked full-text search over the knowledge base: Lucene's BM25 with English stemming ("exporting" finds
 * "export"), the title weighing most, then tags, then the body, words next to each other as in the query
 * a little more, the case's product a little more. One index in memory, built from the database (which
 * stays the only truth): the same ranking on H2 and PostgreSQL, and no index files to back up or to keep
 * in step between nodes. Before each search one query compares the table's generation (count, versions,
 * last change) with the index's; any change, on this node or another, rebuilds the index (articles change
 * a few times a day, a rebuild of 10,000 takes about a second, see the benchmark).
 */
@Service
public class KnowledgeSearch {

  /** Who searches: agents find every published article, customers only those published for them. */
  public enum Audience { AGENT, CUSTOMER }

  public record Hit(KnowledgeArticle article, float score) {}

  static final int MAX_TERMS = 64;
  static final float TITLE_BOOST = 3f;
  static final float TAGS_BOOST = 2f;
  static final float BODY_BOOST = 1f;
  static final float PHRASE_BOOST = 1.5f;
  static final float PRODUCT_BOOST = 0.75f;

  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeSearch.class);

  /**
   * Words support texts write apart or together ("times out" and "timeout", "log in" and "login"), made
   * one before analysis, in articles and in queries alike.
   */
  static final List<Map.Entry<java.util.regex.Pattern, String>> COMPOUNDS = List.of(
      compound("\\b(time[sd]?|timing)[ -]?outs?\\b", "timeout"),
      compound("\\b(log|logg(ed|ing))[ -]?ins?\\b", "login"),
      compound("\\blog-?ons?\\b", "login"),
      compound("\\bsign(s|ed|ing)?[ -]?ins?\\b", "login"),
      compound("\\b(log|logg(ed|ing))[ -]?outs?\\b", "logout"),
      compound("\\bsign(s|ed|ing)?[ -]?outs?\\b", "logout"),
      compound("\\be[ -]mails?\\b", "email"),
      compound("\\btime[ -]zones?\\b", "timezone"),
      compound("\\bset(s|ting)?[ -]up\\b", "setup"),
      compound("\\bsingle[ -]sign[ -]on\\b", "sso"),
      compound("\\bweb[ -]hooks?\\b", "webhook"));

  private static Map.Entry<java.util.regex.Pattern, String> compound(String regex, String word) {
    return Map.entry(java.util.regex.Pattern.compile(regex, java.util.regex.Pattern.CASE_INSENSITIVE), word);
  }

  static String compounds(String text) {
    String result = text;
    for (Map.Entry<java.util.regex.Pattern, String> compound : COMPOUNDS) {
      result = compound.getKey().matcher(result).replaceAll(compound.getValue());
    }
    return result;
  }

  private record Snapshot(Generation generation, IndexSearcher searcher, Map<Long, KnowledgeArticle> articles) {}

  private final KnowledgeArticles articles;
  private final Analyzer analyzer = new EnglishAnalyzer();
  private volatile Snapshot snapshot;
  private final java.util.concurrent.locks.ReentrantLock rebuilding = new java.util.concurrent.locks.ReentrantLock();

  public KnowledgeSearch(KnowledgeArticles articles) {
    this.articles = articles;
  }

  /** At most {@code limit} published articles for {@code text}, best first; nothing for a text without words. */
  public List<Hit> search(String text, String product, Audience audience, int limit) {
    List<String> terms = terms(text);
    if (terms.isEmpty() || limit <= 0) {
      return List.of();
    }
    Snapshot current = current();
    try {
      List<Hit> hits = new ArrayList<>();
      var stored = current.searcher().storedFields();
      for (ScoreDoc found : current.searcher().search(query(terms, product, audience), limit).scoreDocs) {
        long id = stored.document(found.doc).getField("id").numericValue().longValue();
        hits.add(new Hit(current.articles().get(id), found.score));
      }
      return hits;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Query query(List<String> terms, String product, Audience audience) {
    BooleanQuery.Builder words = new BooleanQuery.Builder();
    for (String term : terms) {
      words.add(new DisjunctionMaxQuery(List.of(
          new BoostQuery(new TermQuery(new Term("title", term)), TITLE_BOOST),
          new BoostQuery(new TermQuery(new Term("tags", term)), TAGS_BOOST),
          new BoostQuery(new TermQuery(new Term("body", term)), BODY_BOOST)), 0.2f), Occur.SHOULD);
    }
    BooleanQuery.Builder query = new BooleanQuery.Builder().add(words.build(), Occur.MUST);
    for (int i = 0; i + 1 < terms.size(); i++) {
      for (String field : List.of("title", "body")) {
        query.add(new BoostQuery(new PhraseQuery(1, field, terms.get(i), terms.get(i + 1)), PHRASE_BOOST),
            Occur.SHOULD);
      }
    }
    if (product != null && !product.isBlank()) {
      query.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term("product", normal(product)))),
          PRODUCT_BOOST), Occur.SHOULD);
    }
    query.add(new TermQuery(new Term("state", State.PUBLISHED.name())), Occur.FILTER);
    if (audience == Audience.CUSTOMER) {
      query.add(new TermQuery(new Term("visibility", Visibility.CUSTOMERS.name())), Occur.FILTER);
    }
    return query.build();
  }

  /**
   * The analysed words of a text (compounds joined, English stems, no stop words), each once, in order, at
   * most {@link #MAX_TERMS}: also for rankings outside the index, such as the open engineering tickets.
   */
  public List<String> terms(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    Set<String> terms = new LinkedHashSet<>();
    String cut = text.length() > 4000 ? text.substring(0, 4000) : text;
    try (TokenStream tokens = analyzer.tokenStream("body", compounds(cut))) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      tokens.reset();
      while (tokens.incrementToken() && terms.size() < MAX_TERMS) {
        terms.add(term.toString());
      }
      tokens.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(terms);
  }

  /**
   * The index for the table's current generation. One thread rebuilds after a change; searches that
   * arrive meanwhile use the index before the change rather than wait (only the very first build makes
   * everyone wait).
   */
  private Snapshot current() {
    Generation generation = articles.generation();
    Snapshot known = snapshot;
    if (known != null && known.generation().equals(generation)) {
      return known;
    }
    if (known == null) {
      rebuilding.lock();
    } else if (!rebuilding.tryLock()) {
      return known;
    }
    try {
      known = snapshot;
      if (known == null || !known.generation().equals(generation)) {
        known = build(generation);
        snapshot = known;
      }
      return known;
    } finally {
      rebuilding.unlock();
    }
  }

  private Snapshot build(Generation generation) {
    long started = System.nanoTime();
    List<KnowledgeArticle> all = articles.searchable();
    ByteBuffersDirectory directory = new ByteBuffersDirectory();
    Map<Long, KnowledgeArticle> byId = new HashMap<>();
    try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
      for (KnowledgeArticle article : all) {
        Document document = new Document();
        document.add(new StoredField("id", article.id()));
        document.add(new TextField("title", compounds(article.title()), Field.Store.NO));
        document.add(new TextField("body", compounds(article.body()), Field.Store.NO));
        document.add(new TextField("tags", String.join(" ", article.tags()), Field.Store.NO));
        if (article.product() != null) {
          document.add(new StringField("product", normal(article.product()), Field.Store.NO));
        }
        document.add(new StringField("state", article.state().name(), Field.Store.NO));
        document.add(new StringField("visibility", article.visibility().name(), Field.Store.NO));
        writer.addDocument(document);
        byId.put(article.id(), article);
      }
      writer.commit();
      Snapshot built = new Snapshot(generation, new IndexSearcher(DirectoryReader.open(directory)), Map.copyOf(byId));
      LOG.debug("Knowledge index built: {} articles in {} ms", all.size(), (System.nanoTime() - started) / 1_000_000);
      return built;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String normal(String product) {
    return product.trim().toLowerCase(Locale.ROOT);
  }
}
