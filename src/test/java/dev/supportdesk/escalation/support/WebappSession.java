package dev.supportdesk.escalation.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A browser-like session of the Camunda webapps: session and CSRF cookies kept, the CSRF token sent
 * back on every request, as Cockpit's own scripts do.
 */
public final class WebappSession {

  private final String baseUrl;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient client;

  private WebappSession(int port) {
    this.baseUrl = "http://localhost:" + port;
    this.client = HttpClient.newBuilder().cookieHandler(cookies).build();
  }

  /** Opens the app's page (session and CSRF cookies), then logs in; returns the session either way. */
  public static WebappSession login(int port, String user, String password, String app) {
    WebappSession session = new WebappSession(port);
    session.get("/camunda/app/" + app + "/");
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    session.loginStatus = session.send("POST", "/camunda/api/admin/auth/user/default/login/" + app,
        "application/x-www-form-urlencoded", form).statusCode();
    return session;
  }

  public static WebappSession anonymous(int port) {
    WebappSession session = new WebappSession(port);
    session.get("/camunda/app/cockpit/");
    return session;
  }

  private int loginStatus;

  public int loginStatus() {
    return loginStatus;
  }

  public HttpResponse<String> get(String path) {
    return send("GET", path, null, null);
  }

  public HttpResponse<byte[]> getBytes(String path) {
    try {
      return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Any method, with the CSRF token header the webapps expect on changing requests. */
  public HttpResponse<String> send(String method, String path, String contentType, String body) {
    HttpRequest.Builder builder = request(path);
    csrfToken().ifPresent(token -> builder.header("X-XSRF-TOKEN", token));
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    try {
      return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "application/json, text/csv, */*");
  }

  private java.util.Optional<String> csrfToken() {
    return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue).reduce((first, last) -> last);
  }
}
