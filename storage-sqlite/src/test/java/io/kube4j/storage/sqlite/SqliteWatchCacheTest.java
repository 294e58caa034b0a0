package io.kube4j.storage.sqlite;

import io.kube4j.storage.Storage;
import io.kube4j.storage.StorageConformanceTest;
import io.kube4j.storage.cache.WatchCache;
import java.nio.file.Path;

/** The whole storage contract, kept by a {@link WatchCache} in front of the SQLite backend (as the server runs it). */
class SqliteWatchCacheTest extends StorageConformanceTest {

  @Override
  protected Storage open(Path dir) {
    return WatchCache.start(SqliteStorage.open(dir.resolve("kube4j.db")));
  }

  @Override
  protected Storage openWithWatchBuffer(Path dir, int events) {
    return WatchCache.start(SqliteStorage.open(SqliteStorage.Options.defaults(dir.resolve("kube4j.db")).withWatchBuffer(events)),
        WatchCache.Options.defaults().withWatchBuffer(events));
  }
}
