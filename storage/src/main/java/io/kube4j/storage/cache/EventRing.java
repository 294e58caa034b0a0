package io.kube4j.storage.cache;

import io.kube4j.storage.WatchEvent;

/**
 * The most recent changes seen by a {@link WatchCache}, oldest first, bounded by a number of events and
 * by an approximate number of value bytes. It holds every change with a revision above {@link #floor()}:
 * evicting an event raises the floor to that event's revision, so a replay from any revision at or above
 * the floor has no gap. Not thread-safe: the cache guards it with its lock.
 */
final class EventRing {

  /** Counted for each event on top of its value: the key, the records and the array slot. */
  private static final int EVENT_OVERHEAD_BYTES = 160;

  private final WatchEvent[] events;
  private final long maxBytes;
  private int head;
  private int size;
  private long bytes;
  private long floor;

  /**
   * @param capacity the most events held
   * @param maxBytes the most value bytes held (approximate; always at least one event)
   * @param floor the revision the ring starts after
   */
  EventRing(int capacity, long maxBytes, long floor) {
    if (capacity < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("the event ring needs a positive capacity, got " + capacity + " events, " + maxBytes + " bytes");
    }
    this.events = new WatchEvent[capacity];
    this.maxBytes = maxBytes;
    this.floor = floor;
  }

  /** Every change with a revision above this one is held. */
  long floor() {
    return floor;
  }

  int size() {
    return size;
  }

  long bytes() {
    return bytes;
  }

  /** Appends a change newer than every held one, evicting the oldest ones as needed. */
  void append(WatchEvent event) {
    if (size > 0 && event.revision() <= get(size - 1).revision()) {
      throw new IllegalStateException("event at revision " + event.revision() + " is not newer than " + get(size - 1).revision());
    }
    long cost = cost(event);
    while (size > 0 && (size == events.length || bytes + cost > maxBytes)) {
      evictOldest();
    }
    events[(head + size) % events.length] = event;
    size++;
    bytes += cost;
  }

  /** Forgets everything and starts again after {@code newFloor}. */
  void reset(long newFloor) {
    java.util.Arrays.fill(events, null);
    head = 0;
    size = 0;
    bytes = 0;
    floor = newFloor;
  }

  /** The {@code index}-th held event, 0 being the oldest. */
  WatchEvent get(int index) {
    return events[(head + index) % events.length];
  }

  /** The index of the first held event with a revision above {@code revision} ({@link #size()} if none). */
  int firstAfter(long revision) {
    int low = 0;
    int high = size;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (get(mid).revision() <= revision) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private void evictOldest() {
    var oldest = events[head];
    events[head] = null;
    head = (head + 1) % events.length;
    size--;
    bytes -= cost(oldest);
    floor = oldest.revision();
  }

  private static long cost(WatchEvent event) {
    return EVENT_OVERHEAD_BYTES + switch (event) {
      case WatchEvent.Put put -> put.current().key().length() + put.current().value().length;
      case WatchEvent.Delete delete -> delete.previous().key().length();
      case WatchEvent.Expired expired -> 0;
    };
  }
}
