package io.kube4j.storage;

import java.nio.file.Path;

class MemoryStorageTest extends StorageConformanceTest {

  @Override
  protected Storage open(Path dir) {
    return new MemoryStorage();
  }

  @Override
  protected Storage openWithWatchBuffer(Path dir, int events) {
    return new MemoryStorage(events);
  }

  @Override
  protected boolean survivesRestart() {
    return false;
  }
}
