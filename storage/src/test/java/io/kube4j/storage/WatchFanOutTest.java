package io.kube4j.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WatchFanOutTest {

  private static WatchEvent put(String key, long revision) {
    return new WatchEvent.Put(new KeyValue(key, new byte[] {(byte) revision}, revision, revision), null);
  }

  private static List<Long> revisions(WatchStream stream) throws InterruptedException {
    var revisions = new ArrayList<Long>();
    Optional<WatchEvent> event;
    while ((event = stream.next(Duration.ofMillis(20))).isPresent()) {
      revisions.add(event.get().revision());
    }
    return revisions;
  }

  static Stream<Arguments> seams() {
    // The stream starts after 10; revisions 11..15 are committed before the history read, 16..18 are
    // published while it runs, and the read's snapshot ends at the given revision.
    return Stream.of(
        Arguments.of("snapshot sees nothing published during the read", 15),
        Arguments.of("snapshot sees part of it", 17),
        Arguments.of("snapshot sees all of it", 18));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seams")
  void replayMeetsLiveEventsWithoutGapOrDuplicate(String name, long snapshot) throws Exception {
    var fanOut = new WatchFanOut(100, 15);
    var stream = fanOut.open("/a/", 10, (prefix, after) -> {
      for (long rev = 16; rev <= 18; rev++) {
        fanOut.publish(List.of(put("/a/k", rev)), rev);
      }
      var events = LongStream.rangeClosed(after + 1, snapshot).mapToObj(rev -> put("/a/k", rev)).toList();
      return new WatchFanOut.Replay(events, snapshot);
    });
    fanOut.publish(List.of(put("/a/k", 19)), 19);

    assertThat(revisions(stream)).containsExactly(11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L);
  }

  @Test
  void progressFollowsPublishedRevisionsButNeverPassesAnUndeliveredEvent() throws Exception {
    var fanOut = new WatchFanOut(100, 5);
    var stream = fanOut.open("/a/", 0, (prefix, after) -> {
      throw new AssertionError("a stream from now reads no history");
    });
    assertThat(stream.progressRevision()).isEqualTo(5);

    fanOut.publish(List.of(put("/b/x", 6)), 6);
    assertThat(stream.progressRevision()).as("a non-matching write still moves progress").isEqualTo(6);

    fanOut.publish(List.of(put("/a/x", 7), put("/b/y", 8)), 8);
    assertThat(stream.progressRevision()).as("the event at 7 is not delivered yet").isEqualTo(6);

    assertThat(stream.next(Duration.ZERO).orElseThrow().revision()).isEqualTo(7);
    assertThat(stream.progressRevision()).isEqualTo(8);
  }

  @Test
  void anOverflowingStreamExpiresAndIsDroppedWhileOthersContinue() throws Exception {
    var fanOut = new WatchFanOut(3, 0);
    var slow = fanOut.open("/a/", 0, null);
    var other = fanOut.open("/b/", 0, null);
    for (long rev = 1; rev <= 10; rev++) {
      fanOut.publish(List.of(put("/a/x", rev)), rev);
    }

    assertThat(slow.next(Duration.ZERO).orElseThrow()).isInstanceOf(WatchEvent.Expired.class);
    assertThat(slow.next(Duration.ZERO)).isEmpty();
    assertThat(slow.isClosed()).isTrue();
    assertThat(fanOut.openStreams()).isEqualTo(1);
    assertThat(other.isClosed()).isFalse();
    assertThat(other.progressRevision()).isEqualTo(10);
  }

  @Test
  void closingTheFanOutClosesItsStreams() throws Exception {
    var fanOut = new WatchFanOut(3, 0);
    var stream = fanOut.open("/a/", 0, null);

    fanOut.close();

    assertThat(stream.isClosed()).isTrue();
    assertThat(stream.next(Duration.ofMillis(10))).isEmpty();
    assertThat(fanOut.openStreams()).isZero();
  }

  @Test
  void aFailedHistoryReadUnregistersTheStream() {
    var fanOut = new WatchFanOut(3, 10);

    assertThatThrownBy(() -> fanOut.open("/a/", 2, (prefix, after) -> {
      throw new StorageException.Compacted(after, 5);
    })).isInstanceOf(StorageException.Compacted.class);
    assertThat(fanOut.openStreams()).isZero();
  }
}
