package io.kube4j.bench;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Benchmarks a kube4j server started as a separate process from the built distribution: time to
 * ready, idle RSS, and create/get/list/watch throughput and latency with concurrent clients over
 * HTTPS with the admin client certificate. Prints a Markdown table for {@code docs/BENCHMARKS.md}.
 *
 * <p>Usage: {@code java -cp bench.jar io.kube4j.bench.ApiServerBench path/to/kube4j.jar [seconds-per-phase [server flags…]]}
 */
public final class ApiServerBench {

  private final HttpClient http;
  private final String base;

  private ApiServerBench(HttpClient http, String base) {
    this.http = http;
    this.base = base;
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("watch")) {
      watchOnly(args);
      return;
    }
    var jar = Path.of(args.length > 0 ? args[0] : "server/target/kube4j.jar");
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    var dataDir = Files.createTempDirectory("kube4j-bench-");
    int port = 16443;
    var extra = List.of(args).subList(Math.min(args.length, 2), args.length);
    long t0 = System.nanoTime();
    var process = startServer(jar, dataDir, port, extra);
    try {
      double readySeconds = (System.nanoTime() - t0) / 1e9;
      var log = Files.readString(dataDir.resolve("server.log"));
      var bench = new ApiServerBench(client(dataDir.resolve("kubeconfig.yaml")), "https://127.0.0.1:" + port);
      Thread.sleep(3000);
      long idleRss = rssKb(process.pid());
      var rows = new ArrayList<String>();
      bench.closedLoop("create", 64, Math.max(3, seconds / 2)); // warm-up: JIT, connection pool, TLS sessions
      rows.add(bench.closedLoop("create", 64, seconds));
      rows.add(bench.createsAtRate(200, seconds));
      rows.add(bench.closedLoop("get", 64, seconds));
      rows.add(bench.closedLoop("list", 16, seconds));
      rows.add(bench.watchFanOut(100, 2000, "f").row());
      long loadedRss = rssKb(process.pid());
      System.out.println("| measure | value |");
      System.out.println("|---|---|");
      System.out.printf(Locale.ROOT, "| process start to ready (incl. JVM start) | %.2f s |%n", readySeconds);
      System.out.println("| server log line | " + log.lines().filter(l -> l.contains("ready at")).findFirst().orElse("").trim() + " |");
      System.out.printf(Locale.ROOT, "| idle RSS after start | %d MB |%n", idleRss / 1024);
      System.out.printf(Locale.ROOT, "| RSS after the load below | %d MB |%n", loadedRss / 1024);
      System.out.println();
      System.out.println("| workload | clients | ops | ops/s | p50 ms | p99 ms | errors |");
      System.out.println("|---|---|---|---|---|---|---|");
      rows.forEach(System.out::println);
    } finally {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Only the watch fan-out, with the server's CPU time per delivered event (user + system, from
   * {@code /proc}), which a loaded machine disturbs much less than the delivery rate. Usage:
   * {@code watch path/to/kube4j.jar [watchers] [events] [rounds]}; the first round warms up and is not printed.
   */
  private static void watchOnly(String[] args) throws Exception {
    var jar = Path.of(args.length > 1 ? args[1] : "server/target/kube4j.jar");
    int watchers = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    int events = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    var dataDir = Files.createTempDirectory("kube4j-bench-");
    int port = 16443;
    var process = startServer(jar, dataDir, port, List.of("--disable-controller-manager", "--disable-scheduler"));
    try {
      var bench = new ApiServerBench(client(dataDir.resolve("kubeconfig.yaml")), "https://127.0.0.1:" + port);
      System.out.println("| round | watchers | creates | events delivered | events/s | server CPU µs per event |");
      System.out.println("|---:|---:|---:|---:|---:|---:|");
      for (int round = 0; round <= rounds; round++) {
        long cpuBefore = cpuMillis(process.pid());
        var row = bench.watchFanOut(watchers, events, "r" + round + "-");
        long cpu = cpuMillis(process.pid()) - cpuBefore;
        if (round > 0) {
          System.out.printf(Locale.ROOT, "| %d | %d | %d | %d | %.0f | %.1f |%n", round, watchers, events, row.delivered(), row.perSecond(),
              cpu * 1000.0 / Math.max(1, row.delivered()));
        }
      }
    } finally {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Starts the server jar on {@code port} with its data in {@code dataDir}; returns once it logs that it is ready. */
  private static Process startServer(Path jar, Path dataDir, int port, List<String> extra) throws Exception {
    var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // The launcher's JVM flags (scripts/env.sh).
    var command = new ArrayList<>(List.of(java, "--sun-misc-unsafe-memory-access=allow", "-XX:+UseParallelGC",
        "-Xss512k", "-XX:MaxRAMPercentage=25", "-jar", jar.toString(), "server", "--data-dir", dataDir.toString(), "--https-port",
        String.valueOf(port), "--bind-address", "127.0.0.1", "--disable-agent"));
    command.addAll(extra); // e.g. --disable-controller-manager --disable-scheduler: the API server alone
    var process = new ProcessBuilder(command)
        .redirectErrorStream(true).redirectOutput(dataDir.resolve("server.log").toFile()).start();
    var kubeconfig = dataDir.resolve("kubeconfig.yaml");
    while (!Files.exists(kubeconfig) || !Files.readString(dataDir.resolve("server.log")).contains("ready at")) {
      if (!process.isAlive()) {
        throw new IllegalStateException("server exited: " + Files.readString(dataDir.resolve("server.log")));
      }
      Thread.sleep(20);
    }
    return process;
  }

  /** User plus system CPU time of a process so far, from {@code /proc/PID/stat} (clock ticks of 10 ms). */
  private static long cpuMillis(long pid) throws Exception {
    return SchedulerBench.processCpuNanos(pid) / 1_000_000;
  }

  /** Creates at a fixed rate (open loop), as the SLO states it: mutating p99 at 200 creates/s. */
  private String createsAtRate(int perSecond, int seconds) throws Exception {
    ensureNamespace("rate");
    var latencies = new ConcurrentLinkedQueue<Long>();
    var errors = new AtomicInteger();
    var counter = new AtomicLong();
    long intervalNanos = 1_000_000_000L / perSecond;
    int total = perSecond * seconds;
    long start = System.nanoTime();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < total; i++) {
        long due = start + i * intervalNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        pool.submit(() -> {
          long t = System.nanoTime();
          var ok = send("POST", "/api/v1/namespaces/rate/configmaps", configMap("r" + counter.incrementAndGet())) == 201;
          latencies.add(System.nanoTime() - t);
          if (!ok) {
            errors.incrementAndGet();
          }
          return null;
        });
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    return row("create, open loop at " + perSecond + "/s", "-", latencies, elapsed, errors.get());
  }

  /** N clients each issuing the next request as soon as the previous one returns. */
  private String closedLoop(String op, int clients, int seconds) throws Exception {
    ensureNamespace("loop");
    if (!op.equals("create")) {
      for (int i = 0; i < 100; i++) {
        send("POST", "/api/v1/namespaces/loop/configmaps", configMap("seed" + i));
      }
    }
    var latencies = new ConcurrentLinkedQueue<Long>();
    var errors = new AtomicInteger();
    var counter = new AtomicLong();
    long phase = System.nanoTime(); // distinct names per phase: a warm-up's objects do not collide
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long start = System.nanoTime();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < clients; c++) {
        pool.submit(() -> {
          while (System.nanoTime() < end) {
            long t = System.nanoTime();
            int status = switch (op) {
              case "create" -> send("POST", "/api/v1/namespaces/loop/configmaps", configMap("c" + phase + "-" + counter.incrementAndGet()));
              case "get" -> send("GET", "/api/v1/namespaces/loop/configmaps/seed" + (counter.incrementAndGet() % 100), null);
              default -> send("GET", "/api/v1/namespaces/loop/configmaps?limit=100", null);
            };
            latencies.add(System.nanoTime() - t);
            if (status >= 300) {
              errors.incrementAndGet();
            }
          }
          return null;
        });
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    return row(op + (op.equals("list") ? " (100 items/page)" : "") + ", closed loop", String.valueOf(clients), latencies, elapsed, errors.get());
  }

  /** What a watch fan-out delivered, and its table row. */
  private record FanOut(long delivered, double perSecond, String row) {}

  /** Opens watchers, writes events (ConfigMaps named {@code prefix}N), and measures how fast all watchers receive all of them. */
  private FanOut watchFanOut(int watchers, int events, String prefix) throws Exception {
    ensureNamespace("fan");
    var rv = currentResourceVersion("/api/v1/namespaces/fan/configmaps");
    var received = new AtomicLong();
    var streams = new ArrayList<java.io.InputStream>();
    var pool = Executors.newVirtualThreadPerTaskExecutor();
    for (int w = 0; w < watchers; w++) {
      var response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/namespaces/fan/configmaps?watch=true&resourceVersion=" + rv)).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      var in = response.body();
      streams.add(in);
      pool.submit(() -> {
        var reader = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        while (reader.readLine() != null) {
          received.incrementAndGet();
        }
        return null;
      });
    }
    long start = System.nanoTime();
    try (var writers = Executors.newVirtualThreadPerTaskExecutor()) {
      var n = new AtomicInteger();
      for (int c = 0; c < 32; c++) {
        writers.submit(() -> {
          int i;
          while ((i = n.incrementAndGet()) <= events) {
            send("POST", "/api/v1/namespaces/fan/configmaps", configMap(prefix + i));
          }
          return null;
        });
      }
    }
    long expected = (long) watchers * events;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (received.get() < expected && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    for (var s : streams) {
      s.close();
    }
    pool.shutdownNow();
    return new FanOut(received.get(), received.get() / elapsed,
        String.format(Locale.ROOT, "| watch fan-out: %d watchers × %d creates (events delivered) | %d | %d | %.0f | - | - | %d missing |",
            watchers, events, watchers, received.get(), received.get() / elapsed, expected - received.get()));
  }

  private static String row(String name, String clients, ConcurrentLinkedQueue<Long> latencies, double elapsed, int errors) {
    var sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    return String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %.1f | %.1f | %d |", name, clients, sorted.size(), sorted.size() / elapsed,
        percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6, errors);
  }

  private static long percentile(List<Long> sorted, double p) {
    return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }

  private void ensureNamespace(String name) {
    send("POST", "/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}");
  }

  private String currentResourceVersion(String path) throws Exception {
    var body = http.send(HttpRequest.newBuilder(URI.create(base + path + "?limit=1")).build(), HttpResponse.BodyHandlers.ofString()).body();
    var m = java.util.regex.Pattern.compile("\"resourceVersion\":\"(\\d+)\"").matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("no resourceVersion in " + body);
    }
    return m.group(1);
  }

  private static String configMap(String name) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"bench\":\"yes\"}},\"data\":{\"k\":\"v\"}}";
  }

  private int send(String method, String path, String body) {
    var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      return 599;
    }
  }

  private static long rssKb(long pid) throws Exception {
    for (var line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  /** An HTTPS client with the admin kubeconfig's client certificate and CA. */
  static HttpClient client(Path kubeconfig) throws Exception {
    var text = Files.readString(kubeconfig);
    var ca = pem(field(text, "certificate-authority-data"));
    var cert = pem(field(text, "client-certificate-data"));
    var key = pem(field(text, "client-key-data"));
    var cf = CertificateFactory.getInstance("X.509");
    var caCert = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(ca.getBytes(StandardCharsets.US_ASCII)));
    var clientCert = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(cert.getBytes(StandardCharsets.US_ASCII)));
    java.security.PrivateKey privateKey;
    try (var parser = new org.bouncycastle.openssl.PEMParser(new java.io.StringReader(key))) {
      var parsed = parser.readObject();
      var converter = new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter();
      privateKey = parsed instanceof org.bouncycastle.openssl.PEMKeyPair pair ? converter.getKeyPair(pair).getPrivate()
          : converter.getPrivateKey((org.bouncycastle.asn1.pkcs.PrivateKeyInfo) parsed);
    }
    var keyStore = KeyStore.getInstance("PKCS12");
    keyStore.load(null, null);
    keyStore.setKeyEntry("client", privateKey, new char[0], new java.security.cert.Certificate[] {clientCert});
    var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keyStore, new char[0]);
    var trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", caCert);
    var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    var ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1)
        .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
  }

  private static String field(String yaml, String name) {
    for (var line : yaml.lines().toList()) {
      var t = line.trim();
      if (t.startsWith(name + ":")) {
        return t.substring(name.length() + 1).trim();
      }
    }
    throw new IllegalArgumentException("kubeconfig has no " + name);
  }

  private static String pem(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
  }
}
