package dev.supportdesk.escalation.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The application in a JVM of its own, started in a working directory of the test's choosing (so the
 * embedded default's ./data lands there), and stoppable the hard way: {@code kill -9}.
 */
public final class ChildApplication implements AutoCloseable {

  public static final String ADMIN = "admin";
  public static final String ADMIN_PASSWORD = "Operator-Passw0rd!";

  private final Process process;
  private final int port;
  private final Path log;

  private ChildApplication(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  public static ChildApplication start(Path workingDirectory, String... extraArgs) {
    int port = FreePort.next();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"),
        "dev.supportdesk.escalation.SupportEscalationApplication",
        "--server.port=" + port,
        "--support.demo.enabled=false",
        "--camunda.bpm.admin-user.password=" + ADMIN_PASSWORD));
    command.addAll(List.of(extraArgs));
    Path log = workingDirectory.resolve("application-" + port + ".log");
    try {
      Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      ChildApplication app = new ChildApplication(process, port, log);
      app.awaitHealthy(Duration.ofSeconds(120));
      return app;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  public Http http() {
    return new Http(port);
  }

  public String admin() {
    return Http.basic(ADMIN, ADMIN_PASSWORD);
  }

  /** SIGKILL: no shutdown hook, no connection pool close, no database close. */
  public void killHard() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitHealthy(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    Http http = http();
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Application exited during start-up; see " + log);
      }
      try {
        HttpResponse<String> health = http.get("/actuator/health", null);
        if (health.statusCode() == 200 && health.body().contains("UP")) {
          return;
        }
      } catch (RuntimeException notYetListening) {
        // keep waiting
      }
      sleep(250);
    }
    killHard();
    throw new IllegalStateException("Application not healthy within " + timeout + "; see " + log);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
          killHard();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public static Path tempDirectory(String prefix) {
    try {
      File dir = java.nio.file.Files.createTempDirectory(prefix).toFile();
      return dir.toPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
