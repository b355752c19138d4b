package dev.supportdesk.escalation.benchmark;

import dev.supportdesk.escalation.support.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application as operators start it, in a JVM of its own, so start-up time and resident memory are
 * the application's and nobody else's: as the {@code Dockerfile} does, the built jar unpacked once
 * ({@code -Djarmode=tools extract}) and started with the options of {@code deploy/jvm.options}, then
 * {@code benchmark.jvmArgs} (which thus override them). Without a jar, the main class on this JVM's class
 * path.
 */
final class BenchmarkApplication implements AutoCloseable {

  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = "Benchmark-Adm1n!";

  private static final Pattern STARTED = Pattern.compile("Started \\w+ in ([0-9.]+) seconds");

  private final Process process;
  private final int port;
  private final Path log;
  final double startSeconds;

  private BenchmarkApplication(Process process, int port, Path log, double startSeconds) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.startSeconds = startSeconds;
  }

  static BenchmarkApplication start(Path workingDirectory, String jar, List<String> jvmArgs, List<String> appArgs) {
    int port = FreePort.next();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path options = Path.of(JVM_OPTIONS).toAbsolutePath();
    if (Files.isRegularFile(options)) {
      command.add("@" + options);
    }
    command.addAll(jvmArgs);
    if (jar != null && Files.isRegularFile(Path.of(jar))) {
      command.addAll(List.of("-jar", extracted(Path.of(jar)).toString()));
    } else {
      command.addAll(List.of("-cp", System.getProperty("java.class.path"),
          "dev.supportdesk.escalation.SupportEscalationApplication"));
    }
    command.addAll(List.of("--server.port=" + port, "--support.demo.enabled=false",
        "--camunda.bpm.admin-user.password=" + ADMIN_PASSWORD));
    command.addAll(appArgs);
    Path log = workingDirectory.resolve("application-" + port + ".log");
    long started = System.nanoTime();
    try {
      Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      awaitHealthy(process, port, log, Duration.ofSeconds(240));
      double seconds = (System.nanoTime() - started) / 1e9;
      return new BenchmarkApplication(process, port, log, seconds);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JVM options the Dockerfile starts the application with. */
  static final String JVM_OPTIONS = "deploy/jvm.options";

  /** The jar unpacked beside itself, as the Dockerfile unpacks it (once per jar build). */
  static synchronized Path extracted(Path jar) {
    Path folder = jar.toAbsolutePath().resolveSibling("extracted");
    Path app = folder.resolve("app.jar");
    try {
      if (Files.isRegularFile(app) && Files.getLastModifiedTime(app).compareTo(Files.getLastModifiedTime(jar)) >= 0) {
        return app;
      }
      Process extract = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Djarmode=tools", "-jar", jar.toAbsolutePath().toString(), "extract", "--force", "--destination",
          folder.toString(), "--application-filename", "app.jar").redirectErrorStream(true).start();
      String output = new String(extract.getInputStream().readAllBytes());
      if (extract.waitFor() != 0 || !Files.isRegularFile(app)) {
        throw new IllegalStateException("Could not unpack " + jar + ": " + output);
      }
      return app;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /** Spring Boot's own figure ("Started ... in X seconds"), or -1 when the log does not say. */
  double springStartSeconds() {
    try {
      Matcher matcher = STARTED.matcher(Files.readString(log));
      double last = -1;
      while (matcher.find()) {
        last = Double.parseDouble(matcher.group(1));
      }
      return last;
    } catch (IOException e) {
      return -1;
    }
  }

  /** Resident set size now (VmRSS) and its peak since start (VmHWM), in MiB, from /proc. */
  long[] rssMiB() {
    try {
      long rss = -1;
      long peak = -1;
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = kib(line) / 1024;
        } else if (line.startsWith("VmHWM:")) {
          peak = kib(line) / 1024;
        }
      }
      return new long[] {rss, peak};
    } catch (IOException e) {
      return new long[] {-1, -1};
    }
  }

  private static long kib(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }

  private static void awaitHealthy(Process process, int port, Path log, Duration timeout) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Application exited during start-up; see " + log);
      }
      try {
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/health")).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200 && health.body().contains("UP")) {
          return;
        }
      } catch (IOException notYetListening) {
        // keep waiting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(100);
    }
    process.destroyForcibly();
    throw new IllegalStateException("Application not healthy within " + timeout + "; see " + log);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A graceful stop (SIGTERM), so the database is closed cleanly before the benchmark opens it. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
