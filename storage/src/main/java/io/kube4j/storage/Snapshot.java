package io.kube4j.storage;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The backend-neutral backup file of a {@link Storage}: every stored version of every key at one
 * revision, so a restore brings back the objects, their create and mod revisions, and the history
 * above the compaction floor.
 *
 * <p>Layout (big-endian): the 8 bytes {@code "K4JSNAP\n"}, the format version (int), the revision and
 * the compaction floor (longs); then one record per version, in revision order: tag {@code 1}, revision,
 * key (UTF-8, int length), create revision, previous revision of the key (0: none), deleted flag (byte),
 * value (int length, bytes); then tag {@code 0}, the number of records (long) and a CRC-32C of every
 * byte before it (int). A file that does not start with the magic, has another format version, ends
 * early or fails its checksum is rejected with {@link InvalidSnapshotException} saying which.
 */
public final class Snapshot {

  /** The format version this code writes and reads. */
  public static final int FORMAT = 1;

  private static final byte[] MAGIC = "K4JSNAP\n".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_KEY_BYTES = 64 << 10;
  private static final int MAX_VALUE_BYTES = 1 << 30;

  private Snapshot() {}

  /** What a snapshot holds: the revision it was taken at, the compaction floor then, and how many versions. */
  public record Info(long revision, long compactedRevision, long entries) {}

  /**
   * One stored version of a key.
   *
   * @param revision the revision that wrote this version (its mod revision)
   * @param previousRevision the key's version this one replaced; 0 for the first of the key, or when that version
   *     lies below the snapshot's compaction floor and the backend could not read it (etcd)
   * @param deleted true for a tombstone, whose value is the last live value
   */
  public record Entry(long revision, String key, long createRevision, long previousRevision, boolean deleted, byte[] value) {}

  /** The start of a snapshot: the revision it was taken at and the compaction floor then. */
  public record Header(long revision, long compactedRevision) {}

  /** Receives the header or the entries of a snapshot being read. */
  @FunctionalInterface
  public interface Sink<T> {
    void accept(T item) throws Exception;
  }

  /** A file that is not a readable kube4j snapshot. */
  public static final class InvalidSnapshotException extends IOException {
    public InvalidSnapshotException(String message) {
      super(message);
    }
  }

  /** Writes one snapshot; {@link #finish()} writes the trailer, without which the file is rejected as truncated. */
  public static final class Writer {
    private final CheckedOutputStream checked;
    private final DataOutputStream out;
    private final long revision;
    private final long compacted;
    private long entries;
    private long lastRevision;

    public Writer(OutputStream target, long revision, long compactedRevision) throws IOException {
      this.checked = new CheckedOutputStream(new BufferedOutputStream(target, 1 << 16), new CRC32C());
      this.out = new DataOutputStream(checked);
      this.revision = revision;
      this.compacted = compactedRevision;
      out.write(MAGIC);
      out.writeInt(FORMAT);
      out.writeLong(revision);
      out.writeLong(compactedRevision);
    }

    public void add(Entry entry) throws IOException {
      if (entry.revision() <= lastRevision || entry.revision() > revision) {
        throw new IllegalArgumentException("entry revision " + entry.revision() + " out of order (after " + lastRevision
            + ", snapshot at " + revision + ")");
      }
      lastRevision = entry.revision();
      var key = entry.key().getBytes(StandardCharsets.UTF_8);
      out.writeByte(1);
      out.writeLong(entry.revision());
      out.writeInt(key.length);
      out.write(key);
      out.writeLong(entry.createRevision());
      out.writeLong(entry.previousRevision());
      out.writeByte(entry.deleted() ? 1 : 0);
      out.writeInt(entry.value().length);
      out.write(entry.value());
      entries++;
    }

    /** Writes the trailer and flushes; the target stays open. */
    public Info finish() throws IOException {
      out.writeByte(0);
      out.writeLong(entries);
      out.flush();
      int crc = (int) checked.getChecksum().getValue();
      out.writeInt(crc);
      out.flush();
      return new Info(revision, compacted, entries);
    }
  }

  /**
   * Reads a snapshot, handing the header to {@code onHeader} before any entry and every entry to
   * {@code sink}. The checksum is known only at the end: a caller that stores entries as they come must
   * discard them if this throws.
   *
   * @throws InvalidSnapshotException if the input is not a complete, intact snapshot of a known format
   */
  public static Info read(InputStream source, Sink<Header> onHeader, Sink<Entry> sink) throws Exception {
    var checked = new CheckedInputStream(new BufferedInputStream(source, 1 << 16), new CRC32C());
    var in = new DataInputStream(checked);
    var magic = new byte[MAGIC.length];
    int got = in.readNBytes(magic, 0, magic.length);
    if (got < magic.length || !Arrays.equals(magic, MAGIC)) {
      throw new InvalidSnapshotException("not a kube4j snapshot (it does not start with the kube4j snapshot header)");
    }
    try {
      int format = in.readInt();
      if (format != FORMAT) {
        throw new InvalidSnapshotException("kube4j snapshot format " + format + " is not supported by this version (it reads format " + FORMAT + ")");
      }
      long revision = in.readLong();
      long compacted = in.readLong();
      if (revision < 1 || compacted < 1 || compacted > revision) {
        throw new InvalidSnapshotException("corrupt kube4j snapshot: revision " + revision + ", compaction floor " + compacted);
      }
      onHeader.accept(new Header(revision, compacted));
      long entries = 0;
      long last = 0;
      while (true) {
        int tag = in.readUnsignedByte();
        if (tag == 0) {
          break;
        }
        if (tag != 1) {
          throw new InvalidSnapshotException("corrupt kube4j snapshot: unknown record tag " + tag + " after " + entries + " entries");
        }
        long rev = in.readLong();
        var key = new String(readBytes(in, MAX_KEY_BYTES, "key"), StandardCharsets.UTF_8);
        long createRevision = in.readLong();
        long previous = in.readLong();
        int deleted = in.readUnsignedByte();
        var value = readBytes(in, MAX_VALUE_BYTES, "value");
        if (rev <= last || rev > revision || deleted > 1 || createRevision > rev || previous >= rev) {
          throw new InvalidSnapshotException("corrupt kube4j snapshot: entry " + entries + " (revision " + rev + ") is inconsistent");
        }
        last = rev;
        sink.accept(new Entry(rev, key, createRevision, previous, deleted == 1, value));
        entries++;
      }
      long count = in.readLong();
      int expected = (int) checked.getChecksum().getValue();
      int crc = in.readInt();
      if (count != entries || crc != expected) {
        throw new InvalidSnapshotException("corrupt kube4j snapshot: checksum mismatch");
      }
      if (in.read() != -1) {
        throw new InvalidSnapshotException("corrupt kube4j snapshot: data after the end");
      }
      return new Info(revision, compacted, entries);
    } catch (EOFException e) {
      throw new InvalidSnapshotException("truncated kube4j snapshot: it ends before its trailer");
    }
  }

  private static byte[] readBytes(DataInputStream in, int max, String what) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > max) {
      throw new InvalidSnapshotException("corrupt kube4j snapshot: " + what + " length " + length);
    }
    var bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw new EOFException();
    }
    return bytes;
  }
}
