package dev.supportdesk.escalation.audit.cockpit;

import dev.supportdesk.escalation.audit.AuditProperties;
import dev.supportdesk.escalation.audit.CaseExports;
import dev.supportdesk.escalation.audit.CasePathService;
import dev.supportdesk.escalation.audit.CaseRecord;
import dev.supportdesk.escalation.audit.CaseRecordService;
import dev.supportdesk.escalation.audit.CaseSearch;
import dev.supportdesk.escalation.audit.CaseSearchService;
import dev.supportdesk.escalation.security.Groups;
import dev.supportdesk.escalation.security.ProblemResponses;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.Writer;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginResource;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * The case-audit API, {@code /camunda/api/cockpit/plugin/case-audit/{engine}/...}. Read-only: only
 * GET methods exist (anything else is 405, or 403 from the webapps' CSRF filter first). The webapps'
 * security filter lets only logged-in users of the engine through; this resource further requires
 * membership of {@value Groups#AUDITORS} or {@value Groups#CAMUNDA_ADMIN}. Engine queries run as that
 * user, so the engine's own authorizations apply too.
 */
public class CaseAuditResource extends AbstractCockpitPluginResource {

  static final String CSV = "text/csv;charset=UTF-8";
  static final String JSON = MediaType.APPLICATION_JSON + ";charset=UTF-8";
  private static final Pattern SAFE_FILE_NAME = Pattern.compile("[^A-Za-z0-9._-]");

  private final ServletContext servletContext;

  public CaseAuditResource(String engineName, ServletContext servletContext) {
    super(engineName);
    this.servletContext = servletContext;
  }

  /** Who is asking and what the search form offers. */
  @GET
  @Path("options")
  public Response options() {
    return guarded(() -> {
      Map<String, Object> options = new LinkedHashMap<>();
      options.put("userId", getCurrentAuthentication().getUserId());
      options.put("processDefinitionKey", bean(AuditProperties.class).processDefinitionKey());
      options.put("states", Arrays.stream(CaseSearch.State.values()).map(Enum::name).toList());
      options.put("sortBy", Arrays.stream(CaseSearch.Sort.values()).map(Enum::name).toList());
      options.put("slaOutcomes", bean(CaseSearchService.class).slaRecords().knownOutcomes());
      options.put("maxPageSize", CaseSearchService.MAX_PAGE_SIZE);
      return json(options);
    });
  }

  @GET
  @Path("cases")
  public Response search(@Context UriInfo uri, @QueryParam("firstResult") @DefaultValue("0") int firstResult,
      @QueryParam("maxResults") @DefaultValue("25") int maxResults) {
    return guarded(() -> json(bean(CaseSearchService.class).search(criteria(uri), firstResult, maxResults)));
  }

  @GET
  @Path("cases/export")
  public Response exportSearch(@Context UriInfo uri, @QueryParam("format") @DefaultValue("csv") String format) {
    return guarded(() -> {
      CaseSearch criteria = criteria(uri);
      CaseSearchService search = bean(CaseSearchService.class);
      CaseExports exports = bean(CaseExports.class);
      String stamp = Instant.now().toString().replace(":", "").substring(0, 15);
      if ("json".equalsIgnoreCase(format)) {
        StreamingOutput body = out -> {
          CaseExports.JsonArrayWriter writer = exports.searchAsJson(out);
          search.forEachPage(criteria, writer::write);
          writer.finish();
        };
        return attachment(body, JSON, "cases-" + stamp + ".json");
      }
      requireCsv(format);
      StreamingOutput body = out -> {
        Writer writer = exports.searchCsvHeader(out);
        search.forEachPage(criteria, rows -> exports.searchCsvRows(writer, rows));
        writer.flush();
      };
      return attachment(body, CSV, "cases-" + stamp + ".csv");
    });
  }

  @GET
  @Path("cases/{reference}")
  public Response record(@PathParam("reference") String reference) {
    return guarded(() -> bean(CaseRecordService.class).record(reference)
        .map(this::json).orElseGet(() -> notFound(reference)));
  }

  /** The diagrams of the case's process instances with the path taken. */
  @GET
  @Path("cases/{reference}/path")
  public Response path(@PathParam("reference") String reference) {
    return guarded(() -> {
      var instances = bean(CaseRecordService.class).processInstances(reference);
      if (instances.isEmpty()) {
        return notFound(reference);
      }
      return json(bean(CasePathService.class).paths(instances, true));
    });
  }

  @GET
  @Path("cases/{reference}/export")
  public Response exportRecord(@PathParam("reference") String reference,
      @QueryParam("format") @DefaultValue("json") String format) {
    return guarded(() -> {
      CaseRecord record = bean(CaseRecordService.class).record(reference).orElse(null);
      if (record == null) {
        return notFound(reference);
      }
      CaseExports exports = bean(CaseExports.class);
      String name = "case-" + SAFE_FILE_NAME.matcher(reference).replaceAll("_");
      if ("json".equalsIgnoreCase(format)) {
        return attachment(out -> exports.recordAsJson(record, out), JSON, name + ".json");
      }
      requireCsv(format);
      return attachment(out -> exports.recordAsCsv(record, out), CSV, name + ".csv");
    });
  }

  private static void requireCsv(String format) {
    if (!"csv".equalsIgnoreCase(format)) {
      throw new IllegalArgumentException("format must be csv or json");
    }
  }

  private CaseSearch criteria(UriInfo uri) {
    MultivaluedMap<String, String> parameters = uri.getQueryParameters();
    return CaseSearch.of(parameters::getFirst);
  }

  /** Auditors and administrators only; bad input 400; what the engine forbids 403. */
  private Response guarded(Supplier<Response> action) {
    Authentication user = getCurrentAuthentication();
    if (user == null) {
      return problem(Response.Status.UNAUTHORIZED, "Not logged in", "Log into Cockpit first.");
    }
    List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
    if (!groups.contains(Groups.AUDITORS) && !groups.contains(Groups.CAMUNDA_ADMIN)) {
      return problem(Response.Status.FORBIDDEN, "Auditors only",
          "The case audit view is for members of the groups '" + Groups.AUDITORS + "' and '"
              + Groups.CAMUNDA_ADMIN + "'.");
    }
    try {
      return action.get();
    } catch (IllegalArgumentException e) {
      return problem(Response.Status.BAD_REQUEST, "Invalid request", e.getMessage());
    } catch (AuthorizationException e) {
      return problem(Response.Status.FORBIDDEN, "Not authorized", e.getMessage());
    }
  }

  private Response json(Object body) {
    return Response.ok(bean(CaseExports.class).toJson(body), JSON).header("Cache-Control", "no-store").build();
  }

  private static Response attachment(StreamingOutput body, String type, String fileName) {
    return Response.ok(body, type)
        .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
        .header("Cache-Control", "no-store")
        .header("X-Content-Type-Options", "nosniff")
        .build();
  }

  private Response notFound(String reference) {
    return problem(Response.Status.NOT_FOUND, "No such case", "No process instance has the reference '"
        + reference + "'.");
  }

  private static Response problem(Response.Status status, String title, String detail) {
    return Response.status(status).type(ProblemResponses.PROBLEM_JSON)
        .entity(ProblemResponses.body(status.getStatusCode(), title, detail)).build();
  }

  private <T> T bean(Class<T> type) {
    WebApplicationContext context = WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext);
    return context.getBean(type);
  }
}
