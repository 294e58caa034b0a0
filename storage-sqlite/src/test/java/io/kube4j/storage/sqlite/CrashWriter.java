package io.kube4j.storage.sqlite;

import io.kube4j.storage.KeyValue;
import java.io.PrintStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.zip.CRC32C;

/**
 * The victim of {@link SqliteCrashTest}: many writers hammer one database and print
 * {@code ack <key> <revision> <writer> <seq>} for every acknowledged write, until the parent kills the process.
 * Writer {@code w} writes its sequence numbers 1, 2, 3, … in order, over a few keys of its own (create
 * first, then compare-and-swap updates), so the parent knows exactly which writes may be in the database.
 */
public final class CrashWriter {

  private CrashWriter() {}

  public static void main(String[] args) throws Exception {
    var database = Path.of(args[0]);
    int writers = Integer.parseInt(args[1]);
    int keysPerWriter = Integer.parseInt(args[2]);
    var out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.US_ASCII);
    var storage = SqliteStorage.open(SqliteStorage.Options.defaults(database).withoutAutomaticCompaction());
    out.println("ready");
    out.flush();
    var threads = new ArrayList<Thread>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      threads.add(Thread.ofVirtual().start(() -> {
        var revisions = new long[keysPerWriter];
        for (long seq = 1; ; seq++) {
          int slot = (int) (seq % keysPerWriter);
          var key = "/registry/crash/w" + writer + "/k" + slot;
          var value = value(writer, seq, key);
          KeyValue written = revisions[slot] == 0 ? storage.create(key, value) : storage.update(key, value, revisions[slot]);
          revisions[slot] = written.modRevision();
          synchronized (out) {
            out.println("ack " + key + " " + written.modRevision() + " " + writer + " " + seq);
            out.flush();
          }
        }
      }));
    }
    for (var thread : threads) {
      thread.join();
    }
  }

  /** {@code <writer> <seq> <key> <padding> <crc>}: a torn or mixed-up value fails its checksum. */
  static byte[] value(int writer, long seq, String key) {
    var body = writer + " " + seq + " " + key + " " + "x".repeat((int) (seq % 300));
    return (body + " " + crc(body)).getBytes(StandardCharsets.US_ASCII);
  }

  static long crc(String body) {
    var crc = new CRC32C();
    crc.update(body.getBytes(StandardCharsets.US_ASCII));
    return crc.getValue();
  }
}
