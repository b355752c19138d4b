package dev.supportdesk.escalation.decision.cockpit;

import dev.supportdesk.escalation.audit.CaseExports;
import dev.supportdesk.escalation.decision.DecisionReplayService;
import dev.supportdesk.escalation.decision.DecisionReplayStore;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.security.ProblemResponses;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginResource;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * The decision-replay API, {@code /camunda/api/cockpit/plugin/decision-replay/{engine}/...}. Members of
 * {@value Groups#PROCESS_OWNERS} run replays (POST); they, {@value Groups#AUDITORS} and
 * {@value Groups#CAMUNDA_ADMIN} read stored ones; everybody else gets 403. Every refusal and bad input is
 * {@code application/problem+json}; a refused replay stores nothing.
 */
public class DecisionReplayResource extends AbstractCockpitPluginResource {

  static final String CSV = "text/csv;charset=UTF-8";
  static final String JSON = MediaType.APPLICATION_JSON + ";charset=UTF-8";
  static final int MAX_PAGE_SIZE = 500;
  static final List<String> CSV_COLUMNS = List.of("seq", "decisionInstanceId", "caseReference", "evaluatedAt",
      "status", "changed", "oldOutput", "newOutput", "oldRules", "newRules", "detail");

  private final ServletContext servletContext;

  public DecisionReplayResource(String engineName, ServletContext servletContext) {
    super(engineName);
    this.servletContext = servletContext;
  }

  /** Who is asking and what they may do, for the page. */
  @GET
  @Path("options")
  public Response options() {
    return guarded(false, () -> {
      Map<String, Object> options = new LinkedHashMap<>();
      options.put("userId", getCurrentAuthentication().getUserId());
      options.put("mayRun", groups().contains(Groups.PROCESS_OWNERS));
      options.put("maxUploadBytes", DecisionReplayService.MAX_DMN_BYTES);
      options.put("maxPageSize", MAX_PAGE_SIZE);
      return json(options);
    });
  }

  /**
   * Replays the edited DMN file in the body (XML, as Modeler saves it) against the history of the period.
   *
   * @param from ISO date (start of that day, UTC) or instant, inclusive
   * @param to ISO date (end of that day, UTC) or instant, exclusive
   */
  @POST
  @Path("replays")
  @Consumes(MediaType.WILDCARD)
  public Response run(InputStream body, @Context UriInfo uri, @QueryParam("decisionKey") String decisionKey,
      @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("product") String product,
      @QueryParam("organisation") String organisation, @QueryParam("fileName") String fileName) {
    return guarded(true, () -> {
      byte[] dmn = limited(body);
      var request = new DecisionReplayService.Request(decisionKey, fileName, dmn, instant(from, "from", false),
          instant(to, "to", true), product, organisation);
      var summary = bean(DecisionReplayService.class).replay(request, getCurrentAuthentication().getUserId());
      return Response.status(Response.Status.CREATED).entity(service().toJson(summary)).type(JSON)
          .location(uri.getAbsolutePathBuilder().path(summary.id()).build()).header("Cache-Control", "no-store").build();
    });
  }

  @GET
  @Path("replays")
  public Response latest(@QueryParam("maxResults") @DefaultValue("20") int maxResults) {
    return guarded(false, () -> json(service().latest(pageSize(maxResults))));
  }

  @GET
  @Path("replays/{id}")
  public Response summary(@PathParam("id") String id) {
    return guarded(false, () -> service().summary(id).map(this::json).orElseGet(() -> notFound(id)));
  }

  /** A page of the replay's cases in evaluation order; {@code changedOnly} (default) for the report. */
  @GET
  @Path("replays/{id}/cases")
  public Response cases(@PathParam("id") String id, @QueryParam("changedOnly") @DefaultValue("true") boolean changedOnly,
      @QueryParam("firstResult") @DefaultValue("0") long firstResult,
      @QueryParam("maxResults") @DefaultValue("50") int maxResults) {
    return guarded(false, () -> {
      if (service().summary(id).isEmpty()) {
        return notFound(id);
      }
      if (firstResult < 0) {
        throw new IllegalArgumentException("firstResult must not be negative");
      }
      DecisionReplayStore store = bean(DecisionReplayStore.class);
      Map<String, Object> page = new LinkedHashMap<>();
      page.put("count", store.countCases(id, changedOnly));
      page.put("firstResult", firstResult);
      page.put("items", store.cases(id, changedOnly, firstResult, pageSize(maxResults)));
      return json(page);
    });
  }

  /** Every case of the replay as CSV, streamed a thousand rows at a time. */
  @GET
  @Path("replays/{id}/export")
  public Response export(@PathParam("id") String id) {
    return guarded(false, () -> {
      if (service().summary(id).isEmpty()) {
        return notFound(id);
      }
      DecisionReplayStore store = bean(DecisionReplayStore.class);
      StreamingOutput csv = out -> {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        row(writer, CSV_COLUMNS);
        store.forEachCase(id, cases -> cases.forEach(c -> row(writer, List.of(String.valueOf(c.seq()),
            c.decisionInstanceId(), text(c.caseReference()), c.evaluatedAt().toString(), c.status().name(),
            String.valueOf(c.changed()), text(c.oldOutput()), text(c.newOutput()), String.join(" ", c.oldRules()),
            String.join(" ", c.newRules()), text(c.detail())))));
        writer.flush();
      };
      return Response.ok(csv, CSV)
          .header("Content-Disposition", "attachment; filename=\"decision-replay-" + id + ".csv\"")
          .header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff").build();
    });
  }

  private static void row(Writer writer, List<String> cells) {
    try {
      writer.write(cells.stream().map(CaseExports::cell).collect(Collectors.joining(",")));
      writer.write("\r\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }

  private static int pageSize(int maxResults) {
    if (maxResults < 1 || maxResults > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("maxResults must be between 1 and " + MAX_PAGE_SIZE);
    }
    return maxResults;
  }

  /** Reads at most one byte more than allowed, so an oversized upload is refused without reading it all. */
  private static byte[] limited(InputStream body) {
    try {
      return body == null ? new byte[0] : body.readNBytes(DecisionReplayService.MAX_DMN_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Instant instant(String value, String name, boolean endOfDay) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      if (value.length() == 10) {
        LocalDate date = LocalDate.parse(value);
        return (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + name + "' must be an ISO date (2026-10-01) or instant "
          + "(2026-10-01T00:00:00Z), not '" + value + "'");
    }
  }

  private List<String> groups() {
    Authentication user = getCurrentAuthentication();
    return user == null || user.getGroupIds() == null ? List.of() : user.getGroupIds();
  }

  /** Process owners run, they and auditors (and administrators) read; bad input 400; the rest 403. */
  private Response guarded(boolean run, Supplier<Response> action) {
    if (getCurrentAuthentication() == null) {
      return problem(401, "Not logged in", "Log into Cockpit first.");
    }
    List<String> groups = groups();
    if (run && !groups.contains(Groups.PROCESS_OWNERS)) {
      return problem(403, "Process owners only", "Only members of the group '" + Groups.PROCESS_OWNERS
          + "' may run a decision replay.");
    }
    if (!groups.contains(Groups.PROCESS_OWNERS) && !groups.contains(Groups.AUDITORS)
        && !groups.contains(Groups.CAMUNDA_ADMIN)) {
      return problem(403, "Process owners and auditors only", "Decision replays are for members of the groups '"
          + Groups.PROCESS_OWNERS + "' and '" + Groups.AUDITORS + "'.");
    }
    try {
      return action.get();
    } catch (DecisionReplayService.Rejected e) {
      return problem(e.status(), e.title(), e.getMessage());
    } catch (IllegalArgumentException e) {
      return problem(400, "Invalid request", e.getMessage());
    } catch (AuthorizationException e) {
      return problem(403, "Not authorized", e.getMessage());
    }
  }

  private Response json(Object body) {
    return Response.ok(service().toJson(body), JSON).header("Cache-Control", "no-store").build();
  }

  private Response notFound(String id) {
    return problem(404, "No such replay", "No decision replay has the id '" + id + "'.");
  }

  private static Response problem(int status, String title, String detail) {
    return Response.status(status).type(ProblemResponses.PROBLEM_JSON)
        .entity(ProblemResponses.body(status, title, detail)).build();
  }

  private DecisionReplayService service() {
    return bean(DecisionReplayService.class);
  }

  private <T> T bean(Class<T> type) {
    WebApplicationContext context = WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext);
    return context.getBean(type);
  }
}
