package io.kube4j.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.CompactOption;
import io.etcd.jetcd.options.PutOption;
import io.kube4j.storage.Storage;
import io.kube4j.storage.WatchEvent;
import io.kube4j.storage.sqlite.SqliteStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Compares the embedded SQLite store with a local etcd at the same durability (both fsync every
 * acknowledged write): durable compare-and-swap updates per second and their p50/p99 latency at 1, 16 and
 * 256 concurrent writers; watch fan-out of the SQLite store to 1,000 watchers; and the size of each store
 * after 100,000 updates of 1,000 keys and a compaction, against the size of the live data. Starts and
 * stops its own etcd. Prints Markdown for {@code docs/BENCHMARKS.md}.
 *
 * <p>Usage: {@code java -cp <bench classpath> io.kube4j.bench.StorageBench [--dir DIR] [--seconds N]
 * [--warmup N] [--rounds N] [--etcd PATH] [--no-etcd] [--only writes|watch|size] [--writers 1,16,256]}
 */
public final class StorageBench {

  private static final int VALUE_BYTES = 1_024;
  private static final int[] CONCURRENCY = {1, 16, 256};

  /** The operations the write benchmark needs, on either store. */
  private interface Store extends AutoCloseable {
    /** Creates a key; returns its mod revision. */
    long create(String key, byte[] value) throws Exception;

    /** Replaces a key if still at {@code expected}; returns the new mod revision. */
    long update(String key, byte[] value, long expected) throws Exception;

    @Override
    void close() throws Exception;
  }

  private record Latencies(long ops, double seconds, double p50Millis, double p99Millis) {
    double perSecond() {
      return ops / seconds;
    }
  }

  private record Options(Path dir, int seconds, int warmupSeconds, int rounds, String etcd, boolean withEtcd, String only,
      int[] concurrency) {
    boolean runs(String part) {
      return only == null || only.equals(part);
    }
  }

  /** The median of each figure on its own. */
  private static Latencies median(List<Latencies> runs) {
    int middle = runs.size() / 2;
    var rates = runs.stream().mapToDouble(Latencies::perSecond).sorted().toArray();
    var p50 = runs.stream().mapToDouble(Latencies::p50Millis).sorted().toArray();
    var p99 = runs.stream().mapToDouble(Latencies::p99Millis).sorted().toArray();
    return new Latencies(Math.round(rates[middle] * 1_000), 1_000, p50[middle], p99[middle]);
  }

  private static String rounds(List<Latencies> runs) {
    return String.join(", ", runs.stream()
        .map(r -> String.format(Locale.ROOT, "%,.0f/s p99 %.1f", r.perSecond(), r.p99Millis())).toList());
  }

  public static void main(String[] args) throws Exception {
    var options = parse(args);
    Files.createDirectories(options.dir());
    var report = new StringBuilder();
    // SQLite and etcd take turns at each concurrency, round after round, so both see the same machine
    // (this one is shared); each figure is the median over the rounds.
    if (options.runs("writes")) {
      writes(options, report);
    }
    if (options.runs("watch")) {
      report.append('\n').append(watchFanOut(options)).append('\n');
    }
    if (options.runs("size")) {
      report.append(sizes(options));
    }
    System.out.println();
    System.out.println(report);
  }

  private static void writes(Options options, StringBuilder report) throws Exception {
    report.append("| store | writers | updates/s | p50 ms | p99 ms |\n|---|---:|---:|---:|---:|\n");
    var sqliteRuns = new ArrayList<List<Latencies>>();
    var etcdRuns = new ArrayList<List<Latencies>>();
    for (int i = 0; i < options.concurrency().length; i++) {
      sqliteRuns.add(new ArrayList<>());
      etcdRuns.add(new ArrayList<>());
    }
    String etcdVersion = "";
    try (var etcd = options.withEtcd() ? EtcdProcess.start(options.etcd(), fresh(options.dir().resolve("etcd-writes"))) : null) {
      etcdVersion = etcd == null ? "" : etcd.version();
      for (int round = 1; round <= options.rounds(); round++) {
        for (int i = 0; i < options.concurrency().length; i++) {
          int writers = options.concurrency()[i];
          var db = fresh(options.dir().resolve("writes-sqlite-" + writers)).resolve("state.db");
          try (var sqlite = sqliteStore(db)) {
            sqliteRuns.get(i).add(writeLoad(sqlite, writers, options));
          }
          if (etcd != null) {
            try (var store = etcdStore(etcd.client(), "/round-" + round + "/")) {
              etcdRuns.get(i).add(writeLoad(store, writers, options));
            }
          }
        }
      }
    }
    var sqliteResults = sqliteRuns.stream().map(StorageBench::median).toList();
    for (int i = 0; i < options.concurrency().length; i++) {
      row(report, "kube4j SQLite", options.concurrency()[i], sqliteResults.get(i));
    }
    if (options.withEtcd()) {
      var etcdResults = etcdRuns.stream().map(StorageBench::median).toList();
      for (int i = 0; i < options.concurrency().length; i++) {
        row(report, "etcd " + etcdVersion, options.concurrency()[i], etcdResults.get(i));
      }
      report.append("\n| writers | SQLite / etcd updates/s | SQLite p99 / etcd p99 |\n|---:|---:|---:|\n");
      for (int i = 0; i < options.concurrency().length; i++) {
        report.append(String.format(Locale.ROOT, "| %d | %.2f× | %.2f× |%n", options.concurrency()[i],
            sqliteResults.get(i).perSecond() / etcdResults.get(i).perSecond(),
            sqliteResults.get(i).p99Millis() / etcdResults.get(i).p99Millis()));
      }
      report.append("\nEvery round (updates/s, p99 ms):\n\n");
      for (int i = 0; i < options.concurrency().length; i++) {
        report.append(String.format(Locale.ROOT, "- %d writer(s): SQLite %s; etcd %s%n", options.concurrency()[i],
            rounds(sqliteRuns.get(i)), rounds(etcdRuns.get(i))));
      }
    }
  }

  // ---- writes ----

  /**
   * Reads {@code events} events from {@code stream} and closes it; a wait longer than {@code timeout} or an
   * expired stream counts as a failure. Counts {@code done} down either way.
   */
  static void consume(io.kube4j.storage.WatchStream stream, int events, Duration timeout, CountDownLatch done, AtomicLong failed) {
    try (stream) {
      int seen = 0;
      while (seen < events) {
        var event = stream.next(timeout);
        if (event.isEmpty() || event.get() instanceof WatchEvent.Expired) {
          failed.incrementAndGet();
          return;
        }
        seen++;
      }
    } catch (InterruptedException e) {
      failed.incrementAndGet();
    } finally {
      done.countDown();
    }
  }

  private static Latencies writeLoad(Store store, int writers, Options options) throws Exception {
    progress("%s: %d writer(s), %d s warm-up + %d s", store, writers, options.warmupSeconds(), options.seconds());
    var measuring = new AtomicBoolean();
    var stop = new AtomicBoolean();
    var samples = new long[writers][];
    var counts = new int[writers];
    var failure = new AtomicLong();
    var threads = new ArrayList<Thread>();
    var value = value(new Random(writers));
    for (int w = 0; w < writers; w++) {
      int writer = w;
      threads.add(Thread.ofVirtual().start(() -> {
        var latencies = new long[1 << 12];
        int n = 0;
        try {
          var key = "/registry/bench/" + writers + "/key-" + writer;
          long revision = store.create(key, value);
          while (!stop.get()) {
            long started = System.nanoTime();
            revision = store.update(key, value, revision);
            long took = System.nanoTime() - started;
            if (measuring.get()) {
              if (n == latencies.length) {
                latencies = Arrays.copyOf(latencies, n * 2);
              }
              latencies[n++] = took;
            }
          }
        } catch (Exception e) {
          failure.incrementAndGet();
          e.printStackTrace();
        }
        samples[writer] = latencies;
        counts[writer] = n;
      }));
    }
    Thread.sleep(options.warmupSeconds() * 1_000L);
    measuring.set(true);
    long started = System.nanoTime();
    Thread.sleep(options.seconds() * 1_000L);
    measuring.set(false);
    double seconds = (System.nanoTime() - started) / 1e9;
    stop.set(true);
    for (var thread : threads) {
      thread.join();
    }
    if (failure.get() > 0) {
      throw new IllegalStateException(failure.get() + " writer(s) failed");
    }
    int total = Arrays.stream(counts).sum();
    var all = new long[total];
    int at = 0;
    for (int w = 0; w < writers; w++) {
      System.arraycopy(samples[w], 0, all, at, counts[w]);
      at += counts[w];
    }
    Arrays.sort(all);
    var result = new Latencies(total, seconds, all[(int) (total * 0.50)] / 1e6, all[Math.min(total - 1, (int) (total * 0.99))] / 1e6);
    progress("  %.0f updates/s, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms, mean %.2f ms",
        result.perSecond(), result.p50Millis(), all[(int) (total * 0.90)] / 1e6, result.p99Millis(),
        all[Math.min(total - 1, (int) (total * 0.999))] / 1e6, all[total - 1] / 1e6, Arrays.stream(all).average().orElse(0) / 1e6);
    return result;
  }

  private static Store sqliteStore(Path db) {
    var storage = SqliteStorage.open(db);
    return new Store() {
      @Override
      public long create(String key, byte[] value) {
        return storage.create(key, value).modRevision();
      }

      @Override
      public long update(String key, byte[] value, long expected) {
        return storage.update(key, value, expected).modRevision();
      }

      @Override
      public void close() {
        storage.close();
      }

      @Override
      public String toString() {
        return "kube4j SQLite";
      }
    };
  }

  /** Updates the way the Kubernetes API server does against etcd: a transaction comparing the mod revision. */
  private static Store etcdStore(Client client, String prefix) {
    var kv = client.getKVClient();
    return new Store() {
      @Override
      public long create(String key, byte[] value) throws Exception {
        var k = bytes(prefix + key);
        var response = kv.txn().If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(0)))
            .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT)).commit().get();
        if (!response.isSucceeded()) {
          throw new IllegalStateException(key + " exists");
        }
        return response.getHeader().getRevision();
      }

      @Override
      public long update(String key, byte[] value, long expected) throws Exception {
        var k = bytes(prefix + key);
        var response = kv.txn().If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expected)))
            .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT)).commit().get();
        if (!response.isSucceeded()) {
          throw new IllegalStateException(key + " changed under us");
        }
        return response.getHeader().getRevision();
      }

      @Override
      public void close() {
        // the client belongs to the caller
      }

      @Override
      public String toString() {
        return "etcd";
      }
    };
  }

  // ---- watch fan-out ----

  private static String watchFanOut(Options options) throws Exception {
    int watchers = 1_000;
    int writes = 5_000;
    var db = fresh(options.dir().resolve("watch-sqlite")).resolve("state.db");
    try (var storage = SqliteStorage.open(SqliteStorage.Options.defaults(db).withWatchBuffer(writes + 100))) {
      progress("watch fan-out: %d watchers, %d writes", watchers, writes);
      var done = new CountDownLatch(watchers);
      var failed = new AtomicLong();
      var threads = new ArrayList<Thread>();
      for (int i = 0; i < watchers; i++) {
        var stream = storage.watch("/registry/pods/", 0);
        threads.add(Thread.ofVirtual().start(() -> consume(stream, writes, Duration.ofSeconds(30), done, failed)));
      }
      var value = value(new Random(1));
      long started = System.nanoTime();
      var writers = new ArrayList<Thread>();
      int writerCount = 16;
      for (int w = 0; w < writerCount; w++) {
        int writer = w;
        writers.add(Thread.ofVirtual().start(() -> {
          for (int i = writer; i < writes; i += writerCount) {
            storage.create("/registry/pods/bench/pod-" + i, value);
          }
        }));
      }
      for (var writer : writers) {
        writer.join();
      }
      double writeSeconds = (System.nanoTime() - started) / 1e9;
      if (!done.await(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("watchers did not receive every event in 5 minutes");
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      if (failed.get() > 0) {
        throw new IllegalStateException(failed.get() + " watcher(s) missed events or expired");
      }
      double rate = (double) watchers * writes / seconds;
      progress("  %.0f events/s delivered (writes took %.2f s, delivery %.2f s)", rate, writeSeconds, seconds);
      return String.format(Locale.ROOT, """
          | watch fan-out (kube4j SQLite) | |
          |---|---:|
          | watchers on `/registry/pods/` | %d |
          | creates (16 writers, 1 KiB values) | %d |
          | events delivered | %d |
          | time from first write to last delivery | %.2f s (writes done after %.2f s) |
          | **events/s delivered** | **%.0f** |
          """, watchers, writes, (long) watchers * writes, seconds, writeSeconds, rate);
    }
  }

  // ---- size after compaction ----

  private static String sizes(Options options) throws Exception {
    int keys = 1_000;
    int updates = 100_000;
    var value = value(new Random(2));
    long live = 0;
    for (int k = 0; k < keys; k++) {
      live += key(k).getBytes(StandardCharsets.UTF_8).length + value.length;
    }
    var dir = fresh(options.dir().resolve("size-sqlite"));
    var db = dir.resolve("state.db");
    long beforeCompaction;
    long compactedOpen;
    progress("size: %d keys, %d updates", keys, updates);
    try (var storage = SqliteStorage.open(SqliteStorage.Options.defaults(db).withoutAutomaticCompaction())) {
      churn(sqliteStore(db, storage), keys, updates, value);
      beforeCompaction = sizeOf(dir);
      storage.compact(storage.currentRevision());
      compactedOpen = sizeOf(dir);
    }
    long compactedClosed = sizeOf(dir);
    progress("  SQLite: %d bytes before compaction, %d after (open), %d after (closed); live %d", beforeCompaction,
        compactedOpen, compactedClosed, live);
    var table = new StringBuilder(String.format(Locale.ROOT, """
        | size after %,d updates of %,d keys (1 KiB values) | bytes | × live data |
        |---|---:|---:|
        | live data (keys + values) | %,d | 1.00 |
        | kube4j SQLite before compaction (db + WAL) | %,d | %.2f |
        | kube4j SQLite compacted, server running (db + WAL) | %,d | %.2f |
        | kube4j SQLite compacted, after close (db; WAL checkpointed) | %,d | %.2f |
        """, updates, keys, live, beforeCompaction, (double) beforeCompaction / live, compactedOpen,
        (double) compactedOpen / live, compactedClosed, (double) compactedClosed / live));
    if (options.withEtcd()) {
      try (var etcd = EtcdProcess.start(options.etcd(), fresh(options.dir().resolve("etcd-size")))) {
        var client = etcd.client();
        long revision = churn(etcdStore(client, ""), keys, updates, value);
        var maintenance = client.getMaintenanceClient();
        long etcdBefore = maintenance.statusMember(etcd.endpoint()).get().getDbSize();
        client.getKVClient().compact(revision, CompactOption.builder().withCompactPhysical(true).build()).get();
        long etcdCompacted = maintenance.statusMember(etcd.endpoint()).get().getDbSize();
        maintenance.defragmentMember(etcd.endpoint()).get();
        long etcdDefragmented = maintenance.statusMember(etcd.endpoint()).get().getDbSize();
        progress("  etcd: %d bytes before compaction, %d compacted, %d defragmented", etcdBefore, etcdCompacted, etcdDefragmented);
        table.append(String.format(Locale.ROOT, """
            | etcd before compaction (bbolt file) | %,d | %.2f |
            | etcd compacted | %,d | %.2f |
            | etcd compacted and defragmented | %,d | %.2f |
            """, etcdBefore, (double) etcdBefore / live, etcdCompacted, (double) etcdCompacted / live,
            etcdDefragmented, (double) etcdDefragmented / live));
      }
    }
    return table.toString();
  }

  private static Store sqliteStore(Path db, Storage storage) {
    return new Store() {
      @Override
      public long create(String key, byte[] value) {
        return storage.create(key, value).modRevision();
      }

      @Override
      public long update(String key, byte[] value, long expected) {
        return storage.update(key, value, expected).modRevision();
      }

      @Override
      public void close() {}

      @Override
      public String toString() {
        return "kube4j SQLite " + db;
      }
    };
  }

  /** Creates the keys, then updates them round-robin from 16 writers ({@code updates} in all); returns the last revision. */
  private static long churn(Store store, int keys, int updates, byte[] value) throws Exception {
    var revisions = new long[keys];
    for (int k = 0; k < keys; k++) {
      revisions[k] = store.create(key(k), value);
    }
    int writers = 16;
    var last = new AtomicLong();
    var threads = new ArrayList<Thread>();
    var failed = new AtomicLong();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      threads.add(Thread.ofVirtual().start(() -> {
        try {
          // Each writer owns the keys k with k % writers == writer, so compare-and-swap never loses a race.
          var mine = java.util.stream.IntStream.range(0, keys).filter(k -> k % writers == writer).toArray();
          for (int i = 0; i < updates / writers; i++) {
            int k = mine[i % mine.length];
            revisions[k] = store.update(key(k), value, revisions[k]);
            last.accumulateAndGet(revisions[k], Math::max);
          }
        } catch (Exception e) {
          failed.incrementAndGet();
          e.printStackTrace();
        }
      }));
    }
    for (var thread : threads) {
      thread.join();
    }
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " writer(s) failed");
    }
    return last.get();
  }

  // ---- etcd ----

  /** A single-member etcd on loopback ports in its own data directory, with its default (fsyncing) durability. */
  static final class EtcdProcess implements AutoCloseable {
    private final Process process;
    private final Client client;
    private final String endpoint;
    private final String version;

    private EtcdProcess(Process process, Client client, String endpoint, String version) {
      this.process = process;
      this.client = client;
      this.endpoint = endpoint;
      this.version = version;
    }

    static EtcdProcess start(String binary, Path dir) throws Exception {
      int clientPort = 23790;
      int peerPort = 23800;
      var endpoint = "http://127.0.0.1:" + clientPort;
      var peer = "http://127.0.0.1:" + peerPort;
      var process = new ProcessBuilder(binary, "--name", "bench", "--data-dir", dir.resolve("data").toString(),
          "--listen-client-urls", endpoint, "--advertise-client-urls", endpoint,
          "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer, "--initial-cluster", "bench=" + peer,
          "--quota-backend-bytes", String.valueOf(8L << 30))
          .redirectErrorStream(true).redirectOutput(dir.resolve("etcd.log").toFile()).start();
      var client = Client.builder().endpoints(endpoint).build();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (true) {
        try {
          var status = client.getMaintenanceClient().statusMember(endpoint).get(2, TimeUnit.SECONDS);
          return new EtcdProcess(process, client, endpoint, status.getVersion());
        } catch (Exception e) {
          if (!process.isAlive() || System.nanoTime() > deadline) {
            client.close();
            process.destroy();
            throw new IllegalStateException("etcd did not start; see " + dir.resolve("etcd.log"), e);
          }
          Thread.sleep(200);
        }
      }
    }

    Client client() {
      return client;
    }

    String endpoint() {
      return endpoint;
    }

    String version() {
      return version;
    }

    @Override
    public void close() throws InterruptedException {
      client.close();
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  // ---- helpers ----

  private static String key(int k) {
    return "/registry/configmaps/bench/cm-" + k;
  }

  /** A JSON-looking 1 KiB value. */
  static byte[] value(Random random) {
    var text = new StringBuilder("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"data\":{\"payload\":\"");
    while (text.length() < VALUE_BYTES - 3) {
      text.append((char) ('a' + random.nextInt(26)));
    }
    return text.append("\"}}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }

  private static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(".lock"))
          .mapToLong(f -> f.toFile().length()).sum();
    }
  }

  static Path fresh(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (var file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
          Files.delete(file);
        }
      }
    }
    return Files.createDirectories(dir);
  }

  private static void row(StringBuilder report, String store, int writers, Latencies result) {
    report.append(String.format(Locale.ROOT, "| %s | %d | %,.0f | %.2f | %.2f |%n", store, writers, result.perSecond(),
        result.p50Millis(), result.p99Millis()));
  }

  private static void progress(String format, Object... args) {
    System.err.println("[storage-bench] " + String.format(Locale.ROOT, format, args));
  }

  private static Options parse(String[] args) {
    var dir = Path.of("target/storage-bench");
    int seconds = 10;
    int warmup = 2;
    int rounds = 3;
    String only = null;
    var etcd = "etcd";
    boolean withEtcd = true;
    int[] concurrency = CONCURRENCY;
    var list = List.of(args);
    for (int i = 0; i < list.size(); i++) {
      switch (list.get(i)) {
        case "--dir" -> dir = Path.of(list.get(++i));
        case "--seconds" -> seconds = Integer.parseInt(list.get(++i));
        case "--warmup" -> warmup = Integer.parseInt(list.get(++i));
        case "--rounds" -> rounds = Integer.parseInt(list.get(++i));
        case "--etcd" -> etcd = list.get(++i);
        case "--no-etcd" -> withEtcd = false;
        case "--only" -> only = list.get(++i);
        case "--writers" -> concurrency = Arrays.stream(list.get(++i).split(",")).mapToInt(Integer::parseInt).toArray();
        default -> throw new IllegalArgumentException("unknown option " + list.get(i)
            + "; usage: StorageBench [--dir DIR] [--seconds N] [--warmup N] [--rounds N] [--etcd PATH] [--no-etcd] [--only writes|watch|size] [--writers 1,16,256]");
      }
    }
    return new Options(dir.toAbsolutePath(), seconds, warmup, rounds, etcd, withEtcd, only, concurrency);
  }
}
