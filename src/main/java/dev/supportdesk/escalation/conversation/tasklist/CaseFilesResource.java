package dev.supportdesk.escalation.conversation.tasklist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.escalation.conversation.StaffCaseFiles;
import dev.supportdesk.escalation.intake.CaseAttachments.StoredFile;
import dev.supportdesk.escalation.security.ProblemResponses;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.camunda.bpm.tasklist.resource.AbstractTasklistPluginResource;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * {@code /camunda/api/tasklist/plugin/case-files/{engine}/tasks/{taskId}/attachments[/{id}]}: read-only.
 * The webapps' security filter lets only users logged into the engine through; {@link StaffCaseFiles}
 * decides who may see which case's files. Downloads are always attachments (never rendered in the
 * browser), sniffing off, sandboxed, not cached.
 */
public class CaseFilesResource extends AbstractTasklistPluginResource {

  static final String JSON = MediaType.APPLICATION_JSON + ";charset=UTF-8";
  private static final Pattern UNSAFE_IN_HEADER = Pattern.compile("[^A-Za-z0-9._ ()-]");

  private final ServletContext servletContext;

  public CaseFilesResource(String engineName, ServletContext servletContext) {
    super(engineName);
    this.servletContext = servletContext;
  }

  @GET
  @Path("tasks/{taskId}/attachments")
  public Response list(@PathParam("taskId") String taskId) {
    return guarded(() -> json(files().list(taskId)));
  }

  @GET
  @Path("tasks/{taskId}/attachments/{attachmentId}")
  public Response download(@PathParam("taskId") String taskId, @PathParam("attachmentId") String attachmentId) {
    return guarded(() -> {
      StoredFile file = files().download(taskId, attachmentId);
      String name = file.info().fileName();
      String ascii = UNSAFE_IN_HEADER.matcher(name).replaceAll("_");
      String utf8 = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
      return Response.ok(file.content(), file.info().contentType())
          .header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + utf8)
          .header("Content-Length", file.content().length)
          .header("Cache-Control", "no-store")
          .header("X-Content-Type-Options", "nosniff")
          .header("Content-Security-Policy", "sandbox; default-src 'none'")
          .build();
    });
  }

  private Response guarded(Supplier<Response> action) {
    try {
      return action.get();
    } catch (StaffCaseFiles.Refused e) {
      return problem(e.status(), e.getMessage());
    }
  }

  private static Response problem(int status, String detail) {
    return Response.status(status).type(ProblemResponses.PROBLEM_JSON).header("Cache-Control", "no-store")
        .entity(ProblemResponses.body(status, Response.Status.fromStatusCode(status).getReasonPhrase(), detail))
        .build();
  }

  private Response json(Object body) {
    try {
      return Response.ok(bean(ObjectMapper.class).writeValueAsString(body), JSON)
          .header("Cache-Control", "no-store").build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private StaffCaseFiles files() {
    return bean(StaffCaseFiles.class);
  }

  private <T> T bean(Class<T> type) {
    return WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext).getBean(type);
  }
}
