package io.kube4j.storage.cache;

import io.kube4j.storage.MemoryStorage;
import io.kube4j.storage.Storage;
import io.kube4j.storage.StorageConformanceTest;
import java.nio.file.Path;

/** The whole storage contract, kept by a {@link WatchCache} in front of the in-memory backend. */
class WatchCacheConformanceTest extends StorageConformanceTest {

  @Override
  protected Storage open(Path dir) {
    return WatchCache.start(new MemoryStorage());
  }

  @Override
  protected Storage openWithWatchBuffer(Path dir, int events) {
    return WatchCache.start(new MemoryStorage(events), WatchCache.Options.defaults().withWatchBuffer(events));
  }

  @Override
  protected boolean survivesRestart() {
    return false;
  }
}
