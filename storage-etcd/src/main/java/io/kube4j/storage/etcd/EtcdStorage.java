package io.kube4j.storage.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.CompactOption;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.grpc.netty.GrpcSslContexts;
import io.kube4j.storage.KeyValue;
import io.kube4j.storage.ListPage;
import io.kube4j.storage.PeriodicCompactor;
import io.kube4j.storage.Snapshot;
import io.kube4j.storage.Storage;
import io.kube4j.storage.StorageException;
import io.kube4j.storage.WatchStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Storage} on an etcd 3.4+ cluster, through jetcd. The storage revision is etcd's revision: a
 * create is a transaction guarded by {@code create_revision == 0}, updates and deletes by
 * {@code mod_revision == expected}, lists are ranges at a revision, compaction is etcd's compaction.
 * Writes are acknowledged once etcd has committed them (raft quorum, WAL fsynced).
 *
 * <p>Watches: one etcd watch per instance over the whole etcd key space feeds a {@link
 * io.kube4j.storage.WatchFanOut}; a watch from a past revision first replays that range from etcd. Since
 * every etcd revision carries at least one change, the fan-out's progress follows every write, even
 * outside this instance's key prefix. Several instances (several kube4j servers) may share one etcd:
 * each sees the others' writes and watch events.
 *
 * <p>etcd unreachable: calls fail with {@link StorageException.Unavailable} naming the endpoints after
 * the request timeout; they succeed again, and the watch resumes where it stopped, once etcd is back.
 */
public final class EtcdStorage implements Storage {

  private static final Logger log = LoggerFactory.getLogger(EtcdStorage.class);

  /**
   * Client TLS for etcd. {@code caFile} (null: the JVM's trusted roots) verifies etcd's certificate;
   * {@code certFile} and {@code keyFile} (PEM, both or neither) authenticate this client.
   */
  public record Tls(Path caFile, Path certFile, Path keyFile) {
    public Tls {
      if ((certFile == null) != (keyFile == null)) {
        throw new IllegalArgumentException("an etcd client certificate needs its key and the other way round: pass both --datastore-certfile and --datastore-keyfile");
      }
    }
  }

  /**
   * How to reach etcd.
   *
   * @param endpoints the etcd members, {@code http://host:2379} or {@code https://host:2379}
   * @param tls client TLS: the CA and client certificate for {@code https} endpoints (null: plain {@code http}, or
   *     {@code https} trusting the JVM's roots)
   * @param keyPrefix put before every key ({@code ""}: keys are {@code /registry/...} as upstream's etcd layout); empty or {@code /name}
   * @param requestTimeout how long one call may take before it fails with {@link StorageException.Unavailable}
   * @param connectTimeout how long connecting to a member may take
   * @param watchBuffer how many undelivered events a watch may hold before it expires
   * @param compactionInterval how often to compact etcd ({@link Duration#ZERO}: never, leave it to etcd's {@code --auto-compaction-*})
   * @param retainedRevisions how many of the newest revisions a compaction keeps
   */
  public record Options(List<URI> endpoints, Tls tls, String keyPrefix, Duration requestTimeout, Duration connectTimeout, int watchBuffer,
      Duration compactionInterval, long retainedRevisions) {

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_WATCH_BUFFER = 10_000;
    /** Like the SQLite backend (and kube-apiserver's {@code --etcd-compaction-interval}): every 5 minutes. */
    public static final Duration DEFAULT_COMPACTION_INTERVAL = Duration.ofMinutes(5);
    public static final long DEFAULT_RETAINED_REVISIONS = 10_000;

    public Options {
      endpoints = List.copyOf(endpoints);
      if (endpoints.isEmpty()) {
        throw new IllegalArgumentException("no etcd endpoint given");
      }
      for (var endpoint : endpoints) {
        if (!("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme())) || endpoint.getHost() == null || endpoint.getPort() < 0) {
          throw new IllegalArgumentException("an etcd endpoint looks like http://host:2379 or https://host:2379, got \"" + endpoint + "\"");
        }
      }
      new KeySpace(keyPrefix);
      if (requestTimeout.isNegative() || requestTimeout.isZero() || connectTimeout.isNegative() || connectTimeout.isZero()) {
        throw new IllegalArgumentException("etcd timeouts must be positive");
      }
      if (watchBuffer < 1) {
        throw new IllegalArgumentException("the watch buffer must be positive, got " + watchBuffer);
      }
      if (compactionInterval.isNegative() || retainedRevisions < 0) {
        throw new IllegalArgumentException("the compaction interval and the retained revisions must not be negative");
      }
    }

    /** The defaults for a comma-separated endpoint list such as {@code http://127.0.0.1:2379,http://10.0.0.2:2379}. */
    public static Options of(String endpoints) {
      var uris = new ArrayList<URI>();
      for (var endpoint : endpoints.split(",")) {
        if (!endpoint.isBlank()) {
          try {
            uris.add(URI.create(endpoint.strip()));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("an etcd endpoint looks like http://host:2379, got \"" + endpoint.strip() + "\"", e);
          }
        }
      }
      return new Options(uris, null, "", DEFAULT_REQUEST_TIMEOUT, DEFAULT_CONNECT_TIMEOUT, DEFAULT_WATCH_BUFFER,
          DEFAULT_COMPACTION_INTERVAL, DEFAULT_RETAINED_REVISIONS);
    }

    public Options withTls(Tls tls) {
      return new Options(endpoints, tls, keyPrefix, requestTimeout, connectTimeout, watchBuffer, compactionInterval, retainedRevisions);
    }

    public Options withKeyPrefix(String keyPrefix) {
      return new Options(endpoints, tls, keyPrefix, requestTimeout, connectTimeout, watchBuffer, compactionInterval, retainedRevisions);
    }

    public Options withTimeouts(Duration requestTimeout, Duration connectTimeout) {
      return new Options(endpoints, tls, keyPrefix, requestTimeout, connectTimeout, watchBuffer, compactionInterval, retainedRevisions);
    }

    public Options withWatchBuffer(int watchBuffer) {
      return new Options(endpoints, tls, keyPrefix, requestTimeout, connectTimeout, watchBuffer, compactionInterval, retainedRevisions);
    }

    /** Compacts every {@code interval} ({@link Duration#ZERO}: never) keeping the newest {@code retained} revisions. */
    public Options withCompaction(Duration interval, long retained) {
      return new Options(endpoints, tls, keyPrefix, requestTimeout, connectTimeout, watchBuffer, interval, retained);
    }

    /** The endpoints as the user wrote them, for messages. */
    String describe() {
      return String.join(",", endpoints.stream().map(URI::toString).toList());
    }
  }

  private final Options options;
  private final String where;
  private final Client client;
  private final KeySpace keys;
  private final LiveWatch live;
  private volatile PeriodicCompactor compactor;
  private static final int BACKUP_PAGE = 1_000;
  private static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

  // The lowest readable revision as last learnt; etcd only ever raises it (see compactedRevision()).
  private final AtomicLong floor = new AtomicLong(1);
  private volatile boolean closed;
  private final Reachability reachability = new Reachability(PROBE_INTERVAL, System::nanoTime);

  private EtcdStorage(Options options, Client client) {
    this.options = options;
    this.where = "etcd at " + options.describe();
    this.client = client;
    this.keys = new KeySpace(options.keyPrefix());
    this.live = new LiveWatch(client.getWatchClient(), keys, options.watchBuffer(), where, options.requestTimeout(), this::currentRevision);
  }

  /**
   * Connects to etcd, reads the current revision and compaction floor, and starts watching.
   *
   * @throws StorageException.Unavailable naming the endpoints when etcd cannot be reached or the TLS files cannot be read
   */
  public static EtcdStorage open(Options options) {
    var builder = Client.builder()
        .endpoints(options.endpoints().toArray(URI[]::new))
        .connectTimeout(options.connectTimeout())
        // Fail at once while no member is connected: a call that waited for the connection would still
        // run after we told the caller it failed.
        .waitForReady(false)
        .retryMaxDuration(options.requestTimeout())
        .keepaliveTime(Duration.ofSeconds(10))
        .keepaliveTimeout(Duration.ofSeconds(5))
        // A list or a replayed history easily passes gRPC's default 4 MiB (kube-apiserver lifts it too).
        .maxInboundMessageSize(Integer.MAX_VALUE);
    if (options.tls() != null || options.endpoints().stream().anyMatch(endpoint -> "https".equals(endpoint.getScheme()))) {
      builder.sslContext(sslContext(options));
    }
    var client = builder.build();
    var storage = new EtcdStorage(options, client);
    try {
      long current = storage.currentRevision();
      storage.floor.set(storage.discoverFloor(1, current));
      storage.live.start(current);
      if (!options.compactionInterval().isZero()) {
        storage.compactor = new PeriodicCompactor(storage, options.compactionInterval(), options.retainedRevisions(),
            PeriodicCompactor.REAL_TIME, failure -> log.warn("compacting {} failed: {}", storage.where, failure.getMessage()));
      }
      return storage;
    } catch (RuntimeException e) {
      storage.close();
      throw e;
    }
  }

  private static io.netty.handler.ssl.SslContext sslContext(Options options) {
    var tls = options.tls() == null ? new Tls(null, null, null) : options.tls();
    try {
      var ssl = GrpcSslContexts.forClient();
      if (tls.caFile() != null) {
        ssl.trustManager(readable(tls.caFile()).toFile());
      }
      if (tls.certFile() != null) {
        ssl.keyManager(readable(tls.certFile()).toFile(), readable(tls.keyFile()).toFile());
      }
      return ssl.build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new StorageException.Unavailable("cannot set up TLS for etcd at " + options.describe() + ": " + e.getMessage(), e);
    }
  }

  private static Path readable(Path file) {
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("cannot read " + file);
    }
    return file;
  }

  /** The options this storage was opened with. */
  public Options options() {
    return options;
  }

  @Override
  public long currentRevision() {
    // A count of one key is the cheapest linearizable read; its header carries the store's revision.
    var response = call("a read", () -> client.getKVClient().get(keys.range("").start(), GetOption.builder().withCountOnly(true).build()));
    return Math.max(1, response.getHeader().getRevision());
  }

  /**
   * The lowest readable revision. etcd persists its compaction floor but has no call that returns it,
   * and a marker key (kube-apiserver's and kine's {@code compact_rev_key}) would bump the revision on every
   * compaction and only know about compactions done through it. So the floor is read from etcd itself: a
   * range at revision {@code r} fails with "compacted" exactly when {@code r} is below the floor. The last
   * known floor is checked with one such read and, if another client or etcd's own auto-compaction moved
   * it, found again by bisection.
   */
  @Override
  public long compactedRevision() {
    ensureOpen();
    long known = floor.get();
    if (readableAt(known)) {
      return known;
    }
    return raiseFloor(known + 1, currentRevision());
  }

  @Override
  public Optional<KeyValue> get(String key) {
    ensureOpen();
    var response = call("a read of " + key, () -> client.getKVClient().get(keys.etcdKey(key)));
    return response.getKvs().stream().findFirst().map(this::keyValue);
  }

  @Override
  public ListPage list(String prefix, long revision, String startAfter, int limit) {
    ensureOpen();
    if (revision != 0 && revision < floor.get()) {
      throw new StorageException.Compacted(revision, floor.get());
    }
    if (revision > live.publishedRevision()) {
      // Cheaper than etcd's refusal, which jetcd retries before giving up.
      checkedNotFuture(revision);
    }
    var range = keys.range(prefix, startAfter);
    if (range == null) {
      return new ListPage(List.of(), revision == 0 ? currentRevision() : checkedNotFuture(revision), false, 0);
    }
    var option = GetOption.builder().withRange(range.end()).withRevision(revision);
    if (limit > 0) {
      option.withLimit(limit);
    }
    GetResponse response;
    try {
      response = call("a list of " + prefix, () -> client.getKVClient().get(range.start(), option.build()));
    } catch (EtcdRefusal.Compacted e) {
      throw new StorageException.Compacted(revision, raiseFloor(floor.get() + 1, currentRevision()));
    } catch (EtcdRefusal.Future e) {
      throw new StorageException.FutureRevision(revision, currentRevision());
    }
    var items = response.getKvs().stream().map(this::keyValue).toList();
    long remaining = Math.max(0, response.getCount() - items.size());
    long at = revision == 0 ? response.getHeader().getRevision() : revision;
    return new ListPage(items, at, response.isMore() || remaining > 0, remaining);
  }

  @Override
  public long count(String prefix) {
    ensureOpen();
    var range = keys.range(prefix);
    return call("a count of " + prefix, () -> client.getKVClient().get(range.start(),
        GetOption.builder().withRange(range.end()).withCountOnly(true).build())).getCount();
  }

  @Override
  public KeyValue create(String key, byte[] value) {
    ensureOpen();
    var etcdKey = keys.etcdKey(key);
    var response = txn("a create of " + key, () -> client.getKVClient().txn()
        .If(new Cmp(etcdKey, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
        .Then(Op.put(etcdKey, ByteSequence.from(value), PutOption.DEFAULT))
        .commit());
    if (!response.isSucceeded()) {
      throw new StorageException.KeyExists(key);
    }
    long revision = response.getHeader().getRevision();
    return new KeyValue(key, value.clone(), revision, revision);
  }

  @Override
  public KeyValue update(String key, byte[] value, long expectedRevision) {
    ensureOpen();
    var etcdKey = keys.etcdKey(key);
    var response = txn("an update of " + key, () -> client.getKVClient().txn()
        .If(new Cmp(etcdKey, Cmp.Op.GREATER, CmpTarget.createRevision(0)), new Cmp(etcdKey, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedRevision)))
        .Then(Op.put(etcdKey, ByteSequence.from(value), PutOption.builder().withPrevKV().build()))
        .Else(Op.get(etcdKey, GetOption.DEFAULT))
        .commit());
    if (!response.isSucceeded()) {
      throw refused(key, expectedRevision, response);
    }
    long revision = response.getHeader().getRevision();
    var previous = response.getPutResponses().getFirst().getPrevKv();
    return new KeyValue(key, value.clone(), previous.getCreateRevision(), revision);
  }

  @Override
  public KeyValue delete(String key, long expectedRevision) {
    ensureOpen();
    var etcdKey = keys.etcdKey(key);
    var guard = expectedRevision == 0
        ? List.of(new Cmp(etcdKey, Cmp.Op.GREATER, CmpTarget.createRevision(0)))
        : List.of(new Cmp(etcdKey, Cmp.Op.GREATER, CmpTarget.createRevision(0)), new Cmp(etcdKey, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedRevision)));
    var response = txn("a delete of " + key, () -> client.getKVClient().txn()
        .If(guard.toArray(Cmp[]::new))
        .Then(Op.delete(etcdKey, DeleteOption.builder().withPrevKV(true).build()))
        .Else(Op.get(etcdKey, GetOption.DEFAULT))
        .commit());
    if (!response.isSucceeded()) {
      throw refused(key, expectedRevision, response);
    }
    long revision = response.getHeader().getRevision();
    var previous = response.getDeleteResponses().getFirst().getPrevKvs().getFirst();
    return new KeyValue(key, previous.getValue().getBytes(), previous.getCreateRevision(), revision);
  }

  @Override
  public WatchStream watch(String prefix, long afterRevision) {
    ensureOpen();
    if (afterRevision != 0 && afterRevision < floor.get()) {
      throw new StorageException.Compacted(afterRevision, floor.get());
    }
    long start = afterRevision;
    if (afterRevision == 0) {
      start = currentRevision();
    } else if (afterRevision > live.publishedRevision()) {
      checkedNotFuture(afterRevision);
    }
    try {
      return live.open(prefix, start);
    } catch (EtcdRefusal.Compacted e) {
      throw new StorageException.Compacted(afterRevision, raiseFloor(Math.max(floor.get() + 1, e.compactedRevision()), currentRevision()));
    }
  }

  @Override
  public void compact(long revision) {
    ensureOpen();
    if (revision <= floor.get()) {
      return;
    }
    long current = currentRevision();
    if (revision > current) {
      throw new StorageException.FutureRevision(revision, current);
    }
    // etcd computes a watch event's previous value when it sends the event, reading the revision
    // before it: let our own watch pass the new floor first, so compacting up to the newest write does
    // not take the previous value of that write's event away.
    live.awaitPublished(revision, options.requestTimeout());
    try {
      call("a compaction to " + revision, () -> client.getKVClient().compact(revision, CompactOption.DEFAULT));
    } catch (EtcdRefusal.Compacted e) {
      // Someone compacted further already.
      raiseFloor(revision, current);
      return;
    } catch (EtcdRefusal.Future e) {
      throw new StorageException.FutureRevision(revision, currentRevision());
    }
    floor.accumulateAndGet(revision, Math::max);
  }

  /**
   * Writes the live state at the current revision as a {@link Snapshot}: every live key with its create and
   * mod revision, read in pages that are all ranges at that one revision, so the snapshot is consistent
   * while writes continue. etcd has no cheap way to read superseded versions, so the snapshot carries no
   * history: its compaction floor is its revision, and a server restored from it answers a watch or list
   * from an older resourceVersion with 410 Gone, as after a compaction. The entries are held in memory
   * (a snapshot's records must be in revision order, a range returns key order).
   *
   * @throws StorageException.Compacted if etcd compacts past the snapshot's revision before it is read
   */
  @Override
  public Snapshot.Info backup(OutputStream out) throws IOException {
    ensureOpen();
    long revision = currentRevision();
    var entries = new ArrayList<KeyValue>();
    String after = "";
    while (true) {
      var page = list("", revision, after, BACKUP_PAGE);
      entries.addAll(page.items());
      if (!page.more() || page.items().isEmpty()) {
        break;
      }
      after = page.items().getLast().key();
    }
    entries.sort(java.util.Comparator.comparingLong(KeyValue::modRevision));
    var writer = new Snapshot.Writer(out, revision, revision);
    for (var kv : entries) {
      // The previous version lies below the snapshot's floor; 0 says the snapshot does not hold it.
      writer.add(new Snapshot.Entry(kv.modRevision(), kv.key(), kv.createRevision(), 0, false, kv.value()));
    }
    return writer.finish();
  }

  @Override
  public void close() {
    closed = true;
    try {
      if (compactor != null) {
        compactor.close();
      }
      live.close();
    } finally {
      client.close();
    }
  }

  // ---- helpers ----

  private void ensureOpen() {
    if (closed) {
      throw new StorageException.Unavailable("the storage is closed", null);
    }
  }

  private long checkedNotFuture(long revision) {
    long current = currentRevision();
    if (revision > current) {
      throw new StorageException.FutureRevision(revision, current);
    }
    return revision;
  }

  private KeyValue keyValue(io.etcd.jetcd.KeyValue kv) {
    return new KeyValue(keys.key(kv.getKey()), kv.getValue().getBytes(), kv.getCreateRevision(), kv.getModRevision());
  }

  private StorageException refused(String key, long expectedRevision, TxnResponse response) {
    var found = response.getGetResponses().getFirst().getKvs();
    if (found.isEmpty()) {
      return new StorageException.NotFound(key);
    }
    return new StorageException.RevisionMismatch(key, expectedRevision, keyValue(found.getFirst()));
  }

  /** Whether etcd can still serve a read at {@code revision}. */
  private boolean readableAt(long revision) {
    try {
      call("a read at revision " + revision, () -> client.getKVClient().get(keys.range("").start(),
          GetOption.builder().withRevision(revision).withCountOnly(true).build()));
      return true;
    } catch (EtcdRefusal.Compacted e) {
      return false;
    }
  }

  /** Bisects for the lowest readable revision in {@code [low, high]} and remembers it; {@code high} must be readable. */
  private long raiseFloor(long low, long high) {
    return floor.accumulateAndGet(discoverFloor(low, high), Math::max);
  }

  private long discoverFloor(long low, long high) {
    if (low >= high) {
      return Math.max(1, high);
    }
    if (readableAt(low)) {
      return low;
    }
    low++;
    while (low < high) {
      long middle = low + (high - low) / 2;
      if (readableAt(middle)) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low;
  }

  private TxnResponse txn(String what, Supplier<CompletableFuture<TxnResponse>> call) {
    return call(what, call);
  }

  private <T> T call(String what, Supplier<CompletableFuture<T>> call) {
    reachability.admit(where, what);
    try {
      var result = call(where, options.requestTimeout(), what, call);
      reachability.succeeded();
      return result;
    } catch (StorageException.Unavailable e) {
      reachability.failed(e);
      throw e;
    } catch (EtcdRefusal e) {
      reachability.succeeded();
      throw e;
    }
  }

  /** Runs one etcd call within {@code timeout}, turning failures into {@link StorageException}s or {@link EtcdRefusal}s. */
  static <T> T call(String where, Duration timeout, String what, Supplier<CompletableFuture<T>> call) {
    CompletableFuture<T> future;
    try {
      future = call.get();
    } catch (EtcdException e) {
      throw translate(where, what, e);
    }
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new StorageException.Unavailable(where + " did not answer " + what + " within " + timeout.toMillis() + " ms (is it running and reachable?)", e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new StorageException.Unavailable("interrupted while waiting for " + where, e);
    } catch (ExecutionException e) {
      throw translate(where, what, e.getCause());
    }
  }

  static RuntimeException translate(String where, String what, Throwable failure) {
    var message = String.valueOf(failure.getMessage());
    if (failure instanceof CompactedException compacted) {
      return new EtcdRefusal.Compacted(compacted.getCompactedRevision());
    }
    if (message.contains("required revision has been compacted")) {
      return new EtcdRefusal.Compacted(0);
    }
    if (message.contains("required revision is a future revision")) {
      return new EtcdRefusal.Future();
    }
    var root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    var detail = root == failure ? message : message + " (" + root.getMessage() + ")";
    if (failure instanceof EtcdException etcd && etcd.getErrorCode() == io.etcd.jetcd.common.exception.ErrorCode.UNAVAILABLE) {
      return new StorageException.Unavailable(where + " is unreachable (" + what + " failed: " + detail + ")", failure);
    }
    return new StorageException.Unavailable(where + " failed " + what + ": " + detail, failure);
  }

  /** etcd refused a revision; the caller knows which and says so with a {@link StorageException}. */
  abstract static sealed class EtcdRefusal extends RuntimeException {
    EtcdRefusal(String message) {
      super(message, null, false, false);
    }

    static final class Compacted extends EtcdRefusal {
      private final long compactedRevision;

      Compacted(long compactedRevision) {
        super("etcd: required revision has been compacted");
        this.compactedRevision = compactedRevision;
      }

      /** The floor etcd told about, 0 if it did not. */
      long compactedRevision() {
        return compactedRevision;
      }
    }

    static final class Future extends EtcdRefusal {
      Future() {
        super("etcd: required revision is a future revision");
      }
    }
  }
}
