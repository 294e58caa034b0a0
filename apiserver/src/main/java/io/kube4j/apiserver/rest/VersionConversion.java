package io.kube4j.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.apiserver.json.Json;
import io.kube4j.apiserver.registry.Metadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Converts objects between served versions and their storage form. Most kinds have one shape in every
 * served version; the exceptions are {@code autoscaling/v1} HorizontalPodAutoscaler (stored as
 * {@code autoscaling/v2}, non-CPU metrics kept in annotations as upstream does) and
 * {@code events.k8s.io/v1} Event (stored as a core {@code v1} Event).
 */
public final class VersionConversion implements Representations.Conversion {

  static final String HPA_METRICS = "autoscaling.alpha.kubernetes.io/metrics";
  static final String HPA_CURRENT_METRICS = "autoscaling.alpha.kubernetes.io/current-metrics";
  static final String HPA_CONDITIONS = "autoscaling.alpha.kubernetes.io/conditions";
  static final String HPA_BEHAVIOR = "autoscaling.alpha.kubernetes.io/behavior";

  /** The stored form's apiVersion of a resource (events.k8s.io events are stored as core events). */
  public static String storageApiVersion(ResourceDefinition def) {
    return isEventsGroup(def) ? "v1" : def.storageKind().apiVersion();
  }

  @Override
  public ObjectNode toStorage(ObjectNode object, ResourceDefinition def, String fromVersion) {
    if (isEventsGroup(def)) {
      return eventToCore(object);
    }
    if (isHpa(def) && fromVersion.equals("v1")) {
      return hpaV1ToV2(object);
    }
    object.put("apiVersion", def.storageKind().apiVersion());
    return object;
  }

  @Override
  public ObjectNode fromStorage(ObjectNode object, ResourceDefinition def, String toVersion) {
    if (isEventsGroup(def)) {
      return eventFromCore(object);
    }
    if (isHpa(def) && toVersion.equals("v1")) {
      return hpaV2ToV1(object);
    }
    return fromStorageSharing(object.deepCopy(), def, toVersion);
  }

  @Override
  public ObjectNode fromStorageSharing(ObjectNode object, ResourceDefinition def, String toVersion) {
    if (isEventsGroup(def) || (isHpa(def) && toVersion.equals("v1"))) {
      return fromStorage(object, def, toVersion);
    }
    return reorder(object, def.kindIn(toVersion).apiVersion()); // the fields are shared, not copied
  }

  private static boolean isEventsGroup(ResourceDefinition def) {
    return def.group().equals("events.k8s.io");
  }

  private static boolean isHpa(ResourceDefinition def) {
    return def.group().equals("autoscaling") && def.resource().equals("horizontalpodautoscalers");
  }

  /** A new node with the same fields, apiVersion (set to {@code apiVersion}), kind and metadata first, as upstream serialises. */
  private static ObjectNode reorder(ObjectNode object, String apiVersion) {
    var out = Json.object();
    out.put("apiVersion", apiVersion);
    for (var f : List.of("kind", "metadata")) {
      if (object.has(f)) {
        out.set(f, object.get(f));
      }
    }
    object.properties().forEach(e -> {
      if (!out.has(e.getKey())) {
        out.set(e.getKey(), e.getValue());
      }
    });
    return out;
  }

  // ---- events.k8s.io/v1 <-> v1

  private static final List<String[]> EVENT_FIELDS = List.of(
      new String[] {"regarding", "involvedObject"},
      new String[] {"related", "related"},
      new String[] {"note", "message"},
      new String[] {"reason", "reason"},
      new String[] {"type", "type"},
      new String[] {"action", "action"},
      new String[] {"reportingController", "reportingComponent"},
      new String[] {"reportingInstance", "reportingInstance"},
      new String[] {"eventTime", "eventTime"},
      new String[] {"series", "series"},
      new String[] {"deprecatedSource", "source"},
      new String[] {"deprecatedFirstTimestamp", "firstTimestamp"},
      new String[] {"deprecatedLastTimestamp", "lastTimestamp"},
      new String[] {"deprecatedCount", "count"});

  static ObjectNode eventToCore(ObjectNode event) {
    var core = Json.object();
    core.put("apiVersion", "v1").put("kind", "Event");
    if (event.has("metadata")) {
      core.set("metadata", event.get("metadata"));
    }
    for (var f : EVENT_FIELDS) {
      if (event.has(f[0])) {
        core.set(f[1], event.get(f[0]));
      }
    }
    return core;
  }

  static ObjectNode eventFromCore(ObjectNode core) {
    var event = Json.object();
    event.put("apiVersion", "events.k8s.io/v1").put("kind", "Event");
    if (core.has("metadata")) {
      event.set("metadata", core.get("metadata").deepCopy());
    }
    for (var f : EVENT_FIELDS) {
      if (core.has(f[1]) && !core.get(f[1]).isNull()) {
        event.set(f[0], core.get(f[1]).deepCopy());
      }
    }
    return event;
  }

  // ---- autoscaling/v1 <-> v2

  static ObjectNode hpaV1ToV2(ObjectNode v1) {
    var v2 = v1.deepCopy();
    v2.put("apiVersion", "autoscaling/v2");
    var annotations = v2.path("metadata").path("annotations");
    var spec = v2.path("spec") instanceof ObjectNode s ? s : v2.putObject("spec");
    var metrics = Json.mapper().createArrayNode();
    if (spec.has("targetCPUUtilizationPercentage")) {
      var m = metrics.addObject();
      m.put("type", "Resource");
      var r = m.putObject("resource");
      r.put("name", "cpu");
      r.putObject("target").put("type", "Utilization").put("averageUtilization", spec.get("targetCPUUtilizationPercentage").asInt());
      spec.remove("targetCPUUtilizationPercentage");
    }
    var extra = readAnnotation(annotations, HPA_METRICS);
    if (extra instanceof ArrayNode more) {
      metrics.addAll(more);
    }
    if (!metrics.isEmpty()) {
      spec.set("metrics", metrics);
    }
    if (readAnnotation(annotations, HPA_BEHAVIOR) instanceof ObjectNode behavior) {
      spec.set("behavior", behavior);
    }
    if (v2.path("status") instanceof ObjectNode status) {
      var current = Json.mapper().createArrayNode();
      if (status.has("currentCPUUtilizationPercentage")) {
        var m = current.addObject();
        m.put("type", "Resource");
        var r = m.putObject("resource");
        r.put("name", "cpu");
        r.putObject("current").put("averageUtilization", status.get("currentCPUUtilizationPercentage").asInt());
        status.remove("currentCPUUtilizationPercentage");
      }
      if (readAnnotation(annotations, HPA_CURRENT_METRICS) instanceof ArrayNode more) {
        current.addAll(more);
      }
      if (!current.isEmpty()) {
        status.set("currentMetrics", current);
      }
      if (readAnnotation(annotations, HPA_CONDITIONS) instanceof ArrayNode conditions) {
        status.set("conditions", conditions);
      }
    }
    if (annotations instanceof ObjectNode a) {
      a.remove(List.of(HPA_METRICS, HPA_CURRENT_METRICS, HPA_CONDITIONS, HPA_BEHAVIOR));
      if (a.isEmpty()) {
        Metadata.of(v2).remove("annotations");
      }
    }
    return v2;
  }

  static ObjectNode hpaV2ToV1(ObjectNode v2) {
    var v1 = reorder(v2.deepCopy(), "autoscaling/v1");
    var meta = Metadata.of(v1);
    if (v1.path("spec") instanceof ObjectNode spec) {
      var others = Json.mapper().createArrayNode();
      for (var m : spec.path("metrics")) {
        if (isCpuUtilization(m, "target")) {
          spec.put("targetCPUUtilizationPercentage", m.path("resource").path("target").path("averageUtilization").asInt());
        } else {
          others.add(m);
        }
      }
      spec.remove("metrics");
      if (!others.isEmpty()) {
        annotations(meta).put(HPA_METRICS, Json.string(others));
      }
      if (spec.has("behavior")) {
        annotations(meta).put(HPA_BEHAVIOR, Json.string(spec.get("behavior")));
        spec.remove("behavior");
      }
    }
    if (v1.path("status") instanceof ObjectNode status) {
      var others = Json.mapper().createArrayNode();
      for (var m : status.path("currentMetrics")) {
        if (isCpuUtilization(m, "current")) {
          status.put("currentCPUUtilizationPercentage", m.path("resource").path("current").path("averageUtilization").asInt());
        } else {
          others.add(m);
        }
      }
      status.remove("currentMetrics");
      if (!others.isEmpty()) {
        annotations(meta).put(HPA_CURRENT_METRICS, Json.string(others));
      }
      if (status.has("conditions")) {
        annotations(meta).put(HPA_CONDITIONS, Json.string(status.get("conditions")));
        status.remove("conditions");
      }
    }
    return v1;
  }

  private static boolean isCpuUtilization(JsonNode metric, String field) {
    return "Resource".equals(metric.path("type").asText()) && "cpu".equals(metric.path("resource").path("name").asText())
        && metric.path("resource").path(field).has("averageUtilization");
  }

  private static ObjectNode annotations(ObjectNode meta) {
    return meta.get("annotations") instanceof ObjectNode a ? a : meta.putObject("annotations");
  }

  private static JsonNode readAnnotation(JsonNode annotations, String key) {
    var text = annotations.path(key);
    if (!text.isTextual()) {
      return null;
    }
    try {
      return Json.parse(text.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("annotation " + key + " is not valid JSON", e);
    }
  }
}
