package io.kube4j.storage.sqlite;

import io.kube4j.storage.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on {@code <database>.lock}, held while one server uses the database, so a second
 * server fails fast instead of corrupting it. The file holds the holder's pid for the error message.
 */
final class DataDirectoryLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static Path lockFileOf(Path databaseFile) {
    return databaseFile.resolveSibling(databaseFile.getFileName() + ".lock");
  }

  static DataDirectoryLock acquire(Path databaseFile) {
    var lockFile = lockFileOf(databaseFile);
    FileChannel channel;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StorageException.Unavailable("cannot open the lock file " + lockFile + ": " + e.getMessage(), e);
    }
    try {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this very process, through another open storage
      }
      if (lock == null) {
        var holder = readHolder(channel);
        channel.close();
        throw new StorageException.Unavailable("the data directory " + databaseFile.toAbsolutePath().getParent()
            + " is in use by another kube4j server (pid " + holder + "); stop that server or choose another data directory", null);
      }
      var pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(pid), 0);
      channel.force(true);
      return new DataDirectoryLock(channel, lock);
    } catch (IOException e) {
      var failure = new StorageException.Unavailable("cannot lock " + lockFile + ": " + e.getMessage(), e);
      try {
        channel.close();
      } catch (IOException closing) {
        failure.addSuppressed(closing);
      }
      throw failure;
    }
  }

  private static String readHolder(FileChannel channel) throws IOException {
    var buffer = ByteBuffer.allocate(32);
    int read = channel.read(buffer, 0);
    var text = read <= 0 ? "" : new String(buffer.array(), 0, read, StandardCharsets.US_ASCII).trim();
    return text.isEmpty() ? "unknown" : text;
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new StorageException.Unavailable("cannot release the lock file: " + e.getMessage(), e);
    }
  }
}
