package dev.supportdesk.escalation.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A small HTTP client for tests that talk to the running application as a given user. */
public final class Http {

  private final HttpClient client = HttpClient.newHttpClient();
  private final String baseUrl;

  public Http(int port) {
    this.baseUrl = "http://localhost:" + port;
  }

  public static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  public HttpResponse<String> get(String path, String authorization) {
    return send(request(path, authorization).GET().build());
  }

  public HttpResponse<String> postJson(String path, String authorization, String json) {
    return send(request(path, authorization).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  public HttpResponse<String> put(String path, String authorization, String json) {
    return send(request(path, authorization).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  public HttpResponse<String> delete(String path, String authorization) {
    return send(request(path, authorization).DELETE().build());
  }

  public HttpResponse<String> postMultipart(String path, String authorization, Multipart body) {
    return send(request(path, authorization).header("Content-Type", body.contentType())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())).build());
  }

  public HttpResponse<String> postForm(String path, String form) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
  }

  /**
   * Logs into a webapp the way the browser does: fetch a page for the session and CSRF cookies, then
   * post the login with the token header. Returns the login response's status.
   */
  public int webappLogin(String user, String password, String app) {
    java.net.CookieManager cookies = new java.net.CookieManager();
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    try {
      browser.send(HttpRequest.newBuilder(URI.create(baseUrl + "/camunda/app/" + app + "/")).GET().build(),
          HttpResponse.BodyHandlers.discarding());
      String token = cookies.getCookieStore().getCookies().stream()
          .filter(cookie -> cookie.getName().equals("XSRF-TOKEN")).map(java.net.HttpCookie::getValue)
          .findFirst().orElseThrow(() -> new IllegalStateException("no XSRF-TOKEN cookie"));
      String form = "username=" + java.net.URLEncoder.encode(user, StandardCharsets.UTF_8)
          + "&password=" + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8);
      return browser.send(HttpRequest.newBuilder(URI.create(baseUrl + "/camunda/api/admin/auth/user/default/login/" + app))
              .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
              .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder request(String path, String authorization) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  /** multipart/form-data with named file parts, as Camunda Modeler's deploy dialog sends it. */
  public static final class Multipart {
    private final String boundary = "----support-escalation-test-boundary";
    private final StringBuilder text = new StringBuilder();
    private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

    public Multipart field(String name, String value) {
      write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
      return this;
    }

    public Multipart file(String name, String fileName, byte[] content) {
      write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
          + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
      out.writeBytes(content);
      write("\r\n");
      return this;
    }

    private void write(String s) {
      text.append(s);
      out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    String contentType() {
      return "multipart/form-data; boundary=" + boundary;
    }

    byte[] bytes() {
      java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
      all.writeBytes(out.toByteArray());
      all.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      return all.toByteArray();
    }
  }
}
