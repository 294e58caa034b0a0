package io.kube4j.bench;

import io.kube4j.storage.Storage;
import io.kube4j.storage.cache.WatchCache;
import io.kube4j.storage.etcd.EtcdStorage;
import io.kube4j.storage.sqlite.SqliteStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the {@link WatchCache} buys, per backend (the embedded SQLite store and a local etcd it starts):
 * list latency over 30,000 objects (a first page of 100 from 16 clients, as {@code ApiServerBench}'s list
 * row asks the store; a whole list; paging through everything 500 at a time) and watch fan-out to 1,000
 * watchers (live, while 16 writers create; and a replay of the same history to 1,000 new watchers), each
 * once straight from the backend and once through the cache. Prints Markdown for {@code docs/BENCHMARKS.md}.
 *
 * <p>Usage: {@code java -cp <bench classpath> io.kube4j.bench.WatchCacheBench [--dir DIR] [--objects N]
 * [--watchers N] [--events N] [--seconds N] [--etcd PATH] [--no-etcd] [--no-sqlite]}
 */
public final class WatchCacheBench {

  private static final String LISTED = "/registry/configmaps/bench/";
  private static final String WATCHED = "/registry/pods/";

  private record Settings(Path dir, int objects, int watchers, int events, int seconds, String etcd, boolean withEtcd, boolean withSqlite) {}

  private record Latency(long ops, double seconds, double p50Millis, double p99Millis) {
    double perSecond() {
      return ops / seconds;
    }
  }

  public static void main(String[] args) throws Exception {
    var settings = parse(args);
    Files.createDirectories(settings.dir());
    var report = new StringBuilder();
    if (settings.withSqlite()) {
      report.append(section("kube4j SQLite", settings, () -> SqliteStorage.open(
          SqliteStorage.Options.defaults(StorageBench.fresh(settings.dir().resolve("sqlite")).resolve("state.db"))
              .withWatchBuffer(settings.events() + 100))));
    }
    if (settings.withEtcd()) {
      try (var etcd = StorageBench.EtcdProcess.start(settings.etcd(), StorageBench.fresh(settings.dir().resolve("etcd")))) {
        report.append('\n').append(section("etcd " + etcd.version(), settings, () -> EtcdStorage.open(
            EtcdStorage.Options.of(etcd.endpoint()).withWatchBuffer(settings.events() + 100))));
      }
    }
    System.out.println();
    System.out.println(report);
  }

  @FunctionalInterface
  private interface Opener {
    Storage open() throws Exception;
  }

  /** Loads the objects, measures the backend alone, then puts the cache in front of it and measures again. */
  private static String section(String name, Settings settings, Opener opener) throws Exception {
    var backend = opener.open();
    load(backend, settings.objects());
    var rows = new ArrayList<String>();
    progress("%s: straight from the backend", name);
    var direct = measure(backend, settings);
    progress("%s: through the watch cache", name);
    long t0 = System.nanoTime();
    try (var cache = WatchCache.start(backend)) {
      double startSeconds = (System.nanoTime() - t0) / 1e9;
      var cached = measure(cache, settings);
      for (int i = 0; i < direct.size(); i++) {
        var row = String.format(Locale.ROOT, ROW_NAMES[i], settings.watchers(), settings.events());
        rows.add(String.format(Locale.ROOT, "| %s | %s | %s |", row, direct.get(i), cached.get(i)));
      }
      var stats = cache.stats();
      return String.format(Locale.ROOT, """
          #### %s, %,d objects of 1 KiB

          | measure | backend | watch cache |
          |---|---:|---:|
          %s
          | cache start (list %,d objects, follow) | – | %.2f s |

          Cache afterwards: %,d live entries, %,d events (%.1f MiB) in the ring, %,d reads from memory, %,d from the backend.
          """, name, settings.objects(), String.join("\n", rows), settings.objects(), startSeconds, stats.liveEntries(),
          stats.ringEvents(), stats.ringBytes() / 1048576.0, stats.readsFromCache(), stats.readsFromBackend());
    }
  }

  private static final String[] ROW_NAMES = {
      "first page of 100, 16 clients: pages/s",
      "first page of 100: p50 / p99 ms",
      "whole list: p50 / p99 ms",
      "paging through all, 500 a page (continue at the first page's revision): s",
      "live fan-out to %1$,d watchers of %2$,d creates: events/s delivered",
      "live fan-out: creates/s meanwhile (16 writers)",
      "replay of those %2$,d events to %1$,d new watchers: events/s delivered"};

  private static List<String> measure(Storage storage, Settings settings) throws Exception {
    var cells = new ArrayList<String>();
    var firstPage = closedLoop(16, settings.seconds(), () -> storage.list(LISTED, 0, "", 100));
    cells.add(String.format(Locale.ROOT, "%,.0f", firstPage.perSecond()));
    cells.add(String.format(Locale.ROOT, "%.2f / %.2f", firstPage.p50Millis(), firstPage.p99Millis()));
    var whole = closedLoop(1, settings.seconds(), () -> {
      var page = storage.list(LISTED, 0, "", 0);
      if (page.items().size() < settings.objects()) {
        throw new IllegalStateException("listed " + page.items().size() + " of " + settings.objects());
      }
    });
    cells.add(String.format(Locale.ROOT, "%.2f / %.2f", whole.p50Millis(), whole.p99Millis()));
    cells.add(String.format(Locale.ROOT, "%.2f", pageThrough(storage, settings.objects())));
    var fanOut = liveFanOut(storage, settings);
    cells.add(String.format(Locale.ROOT, "%,.0f", fanOut[0]));
    cells.add(String.format(Locale.ROOT, "%,.0f", fanOut[1]));
    cells.add(String.format(Locale.ROOT, "%,.0f", replayFanOut(storage, settings, (long) fanOut[2])));
    return cells;
  }

  private static void load(Storage storage, int objects) throws Exception {
    progress("loading %,d objects", objects);
    var value = StorageBench.value(new Random(7));
    var next = new AtomicInteger();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int w = 0; w < 32; w++) {
        pool.submit(() -> {
          int i;
          while ((i = next.getAndIncrement()) < objects) {
            storage.create(LISTED + "cm-%06d".formatted(i), value);
          }
          return null;
        });
      }
    }
  }

  @FunctionalInterface
  private interface Operation {
    void run() throws Exception;
  }

  private static Latency closedLoop(int clients, int seconds, Operation operation) throws Exception {
    var latencies = new ConcurrentLinkedQueue<Long>();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long start = System.nanoTime();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < clients; c++) {
        pool.submit(() -> {
          while (System.nanoTime() < end) {
            long t = System.nanoTime();
            operation.run();
            latencies.add(System.nanoTime() - t);
          }
          return null;
        });
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    var sorted = latencies.stream().sorted().toList();
    return new Latency(sorted.size(), elapsed, percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6);
  }

  /** Seconds to read every object 500 at a time: the first page of now, the rest at its revision. */
  private static double pageThrough(Storage storage, int objects) {
    long start = System.nanoTime();
    var page = storage.list(LISTED, 0, "", 500);
    long revision = page.revision();
    int seen = page.items().size();
    while (page.more()) {
      page = storage.list(LISTED, revision, page.items().getLast().key(), 500);
      seen += page.items().size();
    }
    if (seen != objects) {
      throw new IllegalStateException("paged through " + seen + " of " + objects);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Opens the watchers from now, creates {@code events} pods from 16 writers; {events/s delivered, writes/s, revision before}. */
  private static double[] liveFanOut(Storage storage, Settings settings) throws Exception {
    long before = storage.currentRevision();
    var streams = new ArrayList<io.kube4j.storage.WatchStream>();
    for (int i = 0; i < settings.watchers(); i++) {
      streams.add(storage.watch(WATCHED, 0));
    }
    var done = new CountDownLatch(settings.watchers());
    var failed = new AtomicLong();
    for (var stream : streams) {
      Thread.ofVirtual().start(() -> StorageBench.consume(stream, settings.events(), Duration.ofSeconds(60), done, failed));
    }
    var value = StorageBench.value(new Random(11));
    long start = System.nanoTime();
    var next = new AtomicInteger();
    String run = Long.toString(before);
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int w = 0; w < 16; w++) {
        pool.submit(() -> {
          int i;
          while ((i = next.getAndIncrement()) < settings.events()) {
            storage.create(WATCHED + "bench/pod-" + run + "-" + i, value);
          }
          return null;
        });
      }
    }
    double writeSeconds = (System.nanoTime() - start) / 1e9;
    if (!done.await(5, TimeUnit.MINUTES)) {
      throw new IllegalStateException("watchers did not receive every event in 5 minutes");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " watcher(s) missed events or expired");
    }
    progress("  live: %,.0f events/s delivered in %.2f s (writes took %.2f s)", (double) settings.watchers() * settings.events() / seconds,
        seconds, writeSeconds);
    return new double[] {(double) settings.watchers() * settings.events() / seconds, settings.events() / writeSeconds, before};
  }

  /** Opens the watchers from {@code after}, before the live fan-out's writes: the whole history is replayed to each. */
  private static double replayFanOut(Storage storage, Settings settings, long after) throws Exception {
    var done = new CountDownLatch(settings.watchers());
    var failed = new AtomicLong();
    long start = System.nanoTime();
    try (var openers = Executors.newFixedThreadPool(8, Thread.ofVirtual().factory())) {
      for (int i = 0; i < settings.watchers(); i++) {
        openers.submit(() -> {
          var stream = storage.watch(WATCHED, after);
          Thread.ofVirtual().start(() -> StorageBench.consume(stream, settings.events(), Duration.ofSeconds(60), done, failed));
          return null;
        });
      }
    }
    if (!done.await(5, TimeUnit.MINUTES)) {
      throw new IllegalStateException("watchers did not replay every event in 5 minutes");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " watcher(s) missed events or expired");
    }
    double rate = (double) settings.watchers() * settings.events() / seconds;
    progress("  replay: %,.0f events/s delivered in %.2f s", rate, seconds);
    return rate;
  }



  private static long percentile(List<Long> sorted, double p) {
    return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }

  private static void progress(String format, Object... args) {
    System.err.println("[watch-cache-bench] " + String.format(Locale.ROOT, format, args));
  }

  private static Settings parse(String[] args) {
    var dir = Path.of("target/watch-cache-bench");
    int objects = 30_000;
    int watchers = 1_000;
    int events = 5_000;
    int seconds = 10;
    var etcd = "etcd";
    boolean withEtcd = true;
    boolean withSqlite = true;
    var list = List.of(args);
    for (int i = 0; i < list.size(); i++) {
      switch (list.get(i)) {
        case "--dir" -> dir = Path.of(list.get(++i));
        case "--objects" -> objects = Integer.parseInt(list.get(++i));
        case "--watchers" -> watchers = Integer.parseInt(list.get(++i));
        case "--events" -> events = Integer.parseInt(list.get(++i));
        case "--seconds" -> seconds = Integer.parseInt(list.get(++i));
        case "--etcd" -> etcd = list.get(++i);
        case "--no-etcd" -> withEtcd = false;
        case "--no-sqlite" -> withSqlite = false;
        default -> throw new IllegalArgumentException("unknown option " + list.get(i)
            + "; options: --dir DIR --objects N --watchers N --events N --seconds N --etcd PATH --no-etcd --no-sqlite");
      }
    }
    return new Settings(dir, objects, watchers, events, seconds, etcd, withEtcd, withSqlite);
  }
}
