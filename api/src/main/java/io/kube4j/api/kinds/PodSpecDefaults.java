package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.validation.Json;
import java.util.List;

/**
 * The defaults a 1.32 API server fills into a pod spec: those every pod template gets ({@link #applyToSpec}) and
 * the extra ones only real pods get ({@link #applyToPod}: requests from limits, service links, and what the
 * Priority admission plugin sets).
 */
final class PodSpecDefaults {

  static final List<String> VOLUME_SOURCES = List.of("emptyDir", "hostPath", "gcePersistentDisk",
      "awsElasticBlockStore", "gitRepo", "secret", "nfs", "iscsi", "glusterfs", "persistentVolumeClaim", "rbd",
      "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI", "fc", "azureFile", "configMap", "vsphereVolume",
      "quobyte", "azureDisk", "photonPersistentDisk", "projected", "portworxVolume", "scaleIO", "storageos", "csi",
      "ephemeral", "image");

  private PodSpecDefaults() {}

  /** Defaults of a pod template's spec (Deployment, Job, ...), which are also every pod's. */
  static void applyToSpec(ObjectNode spec) {
    Json.putIfEmpty(spec, "dnsPolicy", "ClusterFirst");
    Json.putIfEmpty(spec, "restartPolicy", "Always");
    if (!Json.has(spec, "securityContext")) {
      spec.putObject("securityContext");
    }
    Json.putIfAbsent(spec, "terminationGracePeriodSeconds", 30);
    Json.putIfEmpty(spec, "schedulerName", "default-scheduler");
    for (String list : List.of("initContainers", "containers", "ephemeralContainers")) {
      for (ObjectNode c : Json.objects(spec, list)) {
        applyToContainer(c);
      }
    }
    for (ObjectNode v : Json.objects(spec, "volumes")) {
      applyToVolume(v);
    }
  }

  /** Defaults only pods get: requests copied from limits, service links, and the Priority admission plugin's. */
  static void applyToPod(ObjectNode spec) {
    applyToSpec(spec);
    for (String list : List.of("initContainers", "containers")) {
      for (ObjectNode c : Json.objects(spec, list)) {
        var resources = Json.objectOrCreate(c, "resources");
        var limits = Json.object(resources, "limits");
        if (limits != null && !limits.isEmpty()) {
          var requests = Json.objectOrCreate(resources, "requests");
          for (var e : limits.properties()) {
            if (!requests.has(e.getKey())) {
              requests.set(e.getKey(), e.getValue().deepCopy());
            }
          }
        }
      }
    }
    Json.putIfAbsent(spec, "enableServiceLinks", true);
    if (Json.bool(spec, "hostNetwork")) {
      for (String list : List.of("initContainers", "containers")) {
        for (ObjectNode c : Json.objects(spec, list)) {
          for (ObjectNode p : Json.objects(c, "ports")) {
            if (Json.longValue(p, "hostPort") == null || Json.longValue(p, "hostPort") == 0) {
              p.set("hostPort", p.get("containerPort"));
            }
          }
        }
      }
    }
    // Set by the Priority admission plugin when no priority class applies.
    if (Json.text(spec, "priorityClassName").isEmpty()) {
      Json.putIfAbsent(spec, "priority", 0);
    }
    Json.putIfEmpty(spec, "preemptionPolicy", "PreemptLowerPriority");
  }

  static void applyToContainer(ObjectNode c) {
    Json.putIfEmpty(c, "terminationMessagePath", "/dev/termination-log");
    Json.putIfEmpty(c, "terminationMessagePolicy", "File");
    if (Json.text(c, "imagePullPolicy").isEmpty()) {
      c.put("imagePullPolicy", "latest".equals(imageTag(Json.text(c, "image"))) ? "Always" : "IfNotPresent");
    }
    if (!Json.has(c, "resources")) {
      c.putObject("resources");
    }
    Quantities.canonicalizeList(Json.object(c, "resources"), "limits");
    Quantities.canonicalizeList(Json.object(c, "resources"), "requests");
    for (ObjectNode p : Json.objects(c, "ports")) {
      Json.putIfEmpty(p, "protocol", "TCP");
    }
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      var p = Json.object(c, probe);
      if (p != null) {
        Json.putIfAbsent(p, "timeoutSeconds", 1);
        Json.putIfAbsent(p, "periodSeconds", 10);
        Json.putIfAbsent(p, "successThreshold", 1);
        Json.putIfAbsent(p, "failureThreshold", 3);
        applyToHandler(p);
      }
    }
    var lifecycle = Json.object(c, "lifecycle");
    if (lifecycle != null) {
      for (String hook : List.of("postStart", "preStop")) {
        var h = Json.object(lifecycle, hook);
        if (h != null) {
          applyToHandler(h);
        }
      }
    }
    for (ObjectNode env : Json.objects(c, "env")) {
      var from = Json.object(env, "valueFrom");
      if (from != null) {
        applyToFieldRefs(from);
      }
    }
  }

  private static void applyToHandler(ObjectNode handler) {
    var http = Json.object(handler, "httpGet");
    if (http != null) {
      Json.putIfEmpty(http, "path", "/");
      Json.putIfEmpty(http, "scheme", "HTTP");
    }
  }

  private static void applyToFieldRefs(ObjectNode holder) {
    var fieldRef = Json.object(holder, "fieldRef");
    if (fieldRef != null) {
      Json.putIfEmpty(fieldRef, "apiVersion", "v1");
    }
    var resourceFieldRef = Json.object(holder, "resourceFieldRef");
    if (resourceFieldRef != null) {
      // A zero Quantity is not omitted when serialised, so upstream shows divisor "0".
      Json.putIfAbsent(resourceFieldRef, "divisor", "0");
      Quantities.canonicalizeValue(resourceFieldRef, "divisor");
    }
  }

  static void applyToVolume(ObjectNode v) {
    boolean anySource = VOLUME_SOURCES.stream().anyMatch(s -> Json.has(v, s));
    if (!anySource) {
      v.putObject("emptyDir");
    }
    for (String source : List.of("configMap", "secret", "downwardAPI", "projected")) {
      var s = Json.object(v, source);
      if (s != null) {
        Json.putIfAbsent(s, "defaultMode", 420);
      }
    }
    var downward = Json.object(v, "downwardAPI");
    if (downward != null) {
      for (ObjectNode item : Json.objects(downward, "items")) {
        applyToFieldRefs(item);
      }
    }
    var projected = Json.object(v, "projected");
    if (projected != null) {
      for (ObjectNode src : Json.objects(projected, "sources")) {
        var d = Json.object(src, "downwardAPI");
        if (d != null) {
          for (ObjectNode item : Json.objects(d, "items")) {
            applyToFieldRefs(item);
          }
        }
        var token = Json.object(src, "serviceAccountToken");
        if (token != null) {
          Json.putIfAbsent(token, "expirationSeconds", 3600);
        }
      }
    }
    var hostPath = Json.object(v, "hostPath");
    if (hostPath != null) {
      Json.putIfAbsent(hostPath, "type", "");
    }
    Quantities.canonicalizeValue(Json.object(v, "emptyDir"), "sizeLimit");
    var ephemeral = Json.object(v, "ephemeral");
    if (ephemeral != null) {
      var template = Json.object(ephemeral, "volumeClaimTemplate");
      var claimSpec = Json.object(template, "spec");
      if (claimSpec != null) {
        Json.putIfEmpty(claimSpec, "volumeMode", "Filesystem");
        Quantities.canonicalizeList(Json.object(claimSpec, "resources"), "requests");
        Quantities.canonicalizeList(Json.object(claimSpec, "resources"), "limits");
      }
    }
  }

  /**
   * The tag of an image reference as the image pull policy default sees it: "latest" when there is neither tag nor
   * digest, "" when only a digest is given.
   */
  static String imageTag(String image) {
    var ref = image;
    int at = ref.indexOf('@');
    boolean digest = at >= 0;
    if (digest) {
      ref = ref.substring(0, at);
    }
    int slash = ref.lastIndexOf('/');
    int colon = ref.lastIndexOf(':');
    if (colon > slash) {
      return ref.substring(colon + 1);
    }
    return digest ? "" : "latest";
  }

  /** Upstream's QoS class of a pod spec: Guaranteed, Burstable or BestEffort, from CPU and memory only. */
  static String qosClass(JsonNode spec) {
    var requests = new java.util.HashMap<String, java.math.BigDecimal>();
    var limits = new java.util.HashMap<String, java.math.BigDecimal>();
    boolean guaranteed = true;
    for (String list : List.of("initContainers", "containers")) {
      for (ObjectNode c : Json.objects(spec, list)) {
        var resources = Json.object(c, "resources");
        for (var e : Json.entries(resources, "requests")) {
          var q = parseOrNull(e.getValue());
          if ((e.getKey().equals("cpu") || e.getKey().equals("memory")) && q != null && q.signum() > 0) {
            requests.merge(e.getKey(), q, java.math.BigDecimal::add);
          }
        }
        var found = new java.util.HashSet<String>();
        for (var e : Json.entries(resources, "limits")) {
          var q = parseOrNull(e.getValue());
          if ((e.getKey().equals("cpu") || e.getKey().equals("memory")) && q != null && q.signum() > 0) {
            found.add(e.getKey());
            limits.merge(e.getKey(), q, java.math.BigDecimal::add);
          }
        }
        if (!found.containsAll(List.of("cpu", "memory"))) {
          guaranteed = false;
        }
      }
    }
    if (requests.isEmpty() && limits.isEmpty()) {
      return "BestEffort";
    }
    if (guaranteed) {
      for (var e : requests.entrySet()) {
        var limit = limits.get(e.getKey());
        if (limit == null || limit.compareTo(e.getValue()) != 0) {
          guaranteed = false;
          break;
        }
      }
    }
    return guaranteed && requests.size() == limits.size() ? "Guaranteed" : "Burstable";
  }

  private static java.math.BigDecimal parseOrNull(String s) {
    try {
      return io.kube4j.api.validation.Quantity.parse(s).amount();
    } catch (io.kube4j.api.validation.Quantity.FormatException e) {
      // Validation reports the malformed quantity; QoS just ignores it.
      return null;
    }
  }
}
