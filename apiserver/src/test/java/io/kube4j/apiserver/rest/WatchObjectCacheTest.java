package io.kube4j.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class WatchObjectCacheTest {

  private static final byte[] POD_A = bytes("{\"metadata\":{\"name\":\"a\"}}");

  /** A lookup: storage key, revision, stored bytes. */
  record Lookup(String key, long revision, byte[] value) {}

  static Stream<Arguments> secondLookups() {
    return Stream.of(
        Arguments.of("same key, revision and bytes array", new Lookup("/registry/pods/ns/a", 7, POD_A), true),
        Arguments.of("equal bytes in another array", new Lookup("/registry/pods/ns/a", 7, POD_A.clone()), true),
        Arguments.of("other bytes (a reused key and revision)", new Lookup("/registry/pods/ns/a", 7, bytes("{\"metadata\":{\"name\":\"b\"}}")), false),
        Arguments.of("other revision", new Lookup("/registry/pods/ns/a", 8, POD_A), false),
        Arguments.of("other key", new Lookup("/registry/pods/ns/b", 7, POD_A), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secondLookups")
  void secondLookupHitsOnlyForTheSameKeyRevisionAndBytes(String name, Lookup second, boolean hit) {
    var cache = new WatchObjectCache(64, 1024);
    var decodes = new AtomicInteger();
    var first = cache.entry("/registry/pods/ns/a", 7, POD_A, () -> decode(POD_A, decodes));

    var again = cache.entry(second.key(), second.revision(), second.value(), () -> decode(second.value(), decodes));

    assertThat(again == first).isEqualTo(hit);
    assertThat(decodes).hasValue(hit ? 1 : 2);
    assertThat(again.object()).isEqualTo(decode(second.value(), new AtomicInteger()));
  }

  @Test
  void encodesOncePerRepresentation() {
    var cache = new WatchObjectCache(16, 1024);
    var entry = cache.entry("/registry/events/ns/e", 3, POD_A, () -> decode(POD_A, new AtomicInteger()));
    var encodes = new AtomicInteger();

    var lines = List.of(
        entry.encoded("/events/v1", o -> encode(o, "v1", encodes)),
        entry.encoded("/events/v1", o -> encode(o, "v1", encodes)),
        entry.encoded("events.k8s.io/events/v1", o -> encode(o, "events.k8s.io/v1", encodes)));

    assertThat(lines).extracting(b -> new String(b, StandardCharsets.UTF_8)).containsExactly(
        "{\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"a\"}}",
        "{\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"a\"}}",
        "{\"apiVersion\":\"events.k8s.io/v1\",\"metadata\":{\"name\":\"a\"}}");
    assertThat(encodes).hasValue(2);
    assertThat(entry.object()).isEqualTo(decode(POD_A, new AtomicInteger())); // encoders work on copies
  }

  @Test
  void aFullSlotIsReplacedAndTheEvictedObjectDecodedAgain() {
    var cache = new WatchObjectCache(1, 1024);
    var decodes = new AtomicInteger();
    var b = bytes("{\"metadata\":{\"name\":\"b\"}}");

    var objects = List.of(
        cache.entry("/a", 1, POD_A, () -> decode(POD_A, decodes)).object(),
        cache.entry("/b", 1, b, () -> decode(b, decodes)).object(),
        cache.entry("/a", 1, POD_A, () -> decode(POD_A, decodes)).object());

    assertThat(objects).extracting(o -> o.path("metadata").path("name").asText()).containsExactly("a", "b", "a");
    assertThat(decodes).hasValue(3);
  }

  @ParameterizedTest(name = "max {0} bytes: cached {1}")
  @CsvSource({"1024, true", "25, true", "24, false", "0, false"})
  void keepsOnlyObjectsStoredInAtMostTheMaximumBytes(int maxValueBytes, boolean cached) {
    var cache = new WatchObjectCache(16, maxValueBytes);
    var decodes = new AtomicInteger();

    var first = cache.entry("/a", 1, POD_A, () -> decode(POD_A, decodes));
    var second = cache.entry("/a", 1, POD_A, () -> decode(POD_A, decodes));

    assertThat(POD_A).hasSize(25);
    assertThat(second == first).isEqualTo(cached);
    assertThat(decodes).hasValue(cached ? 1 : 2);
    assertThat(second.object()).isEqualTo(first.object());
  }

  @Test
  void rejectsANonPositiveCapacity() {
    assertThatThrownBy(() -> new WatchObjectCache(0, 1024)).isInstanceOf(IllegalArgumentException.class);
  }

  private static ObjectNode decode(byte[] value, AtomicInteger decodes) {
    decodes.incrementAndGet();
    return Json.parseStored(value);
  }

  private static byte[] encode(ObjectNode stored, String apiVersion, AtomicInteger encodes) {
    encodes.incrementAndGet();
    var copy = Json.object().put("apiVersion", apiVersion);
    copy.setAll(stored.deepCopy());
    return Json.bytes(copy);
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
