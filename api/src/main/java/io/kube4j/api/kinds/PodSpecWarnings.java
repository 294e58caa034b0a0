package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The warnings upstream returns for questionable but accepted pod specs (deprecated labels, negative grace periods). */
final class PodSpecWarnings {

  private static final Map<String, String> DEPRECATED_NODE_LABELS = Map.of(
      "beta.kubernetes.io/arch", "deprecated since v1.14; use \"kubernetes.io/arch\" instead",
      "beta.kubernetes.io/os", "deprecated since v1.14; use \"kubernetes.io/os\" instead",
      "failure-domain.beta.kubernetes.io/region", "deprecated since v1.17; use \"topology.kubernetes.io/region\" instead",
      "failure-domain.beta.kubernetes.io/zone", "deprecated since v1.17; use \"topology.kubernetes.io/zone\" instead",
      "beta.kubernetes.io/instance-type", "deprecated since v1.17; use \"node.kubernetes.io/instance-type\" instead");

  private PodSpecWarnings() {}

  /** Warnings for the pod template of a workload ({@code spec.template} or a CronJob's job template), if any. */
  static List<String> ofTemplate(JsonNode object) {
    var template = Json.object(Json.object(object, "spec"), "template");
    if (template != null) {
      return of(Json.object(template, "spec"), FieldPath.root("spec").child("template", "spec"));
    }
    var jobTemplate = Json.object(Json.object(object, "spec"), "jobTemplate");
    var jobPodTemplate = Json.object(Json.object(jobTemplate, "spec"), "template");
    if (jobPodTemplate != null) {
      return of(Json.object(jobPodTemplate, "spec"), FieldPath.root("spec").child("jobTemplate", "spec", "template", "spec"));
    }
    var podTemplate = Json.object(object, "template");
    if (podTemplate != null) {
      return of(Json.object(podTemplate, "spec"), FieldPath.root("template").child("spec"));
    }
    return List.of();
  }

  static List<String> of(JsonNode spec, FieldPath path) {
    var warnings = new ArrayList<String>();
    if (spec == null) {
      return warnings;
    }
    for (var e : Json.entries(spec, "nodeSelector")) {
      var why = DEPRECATED_NODE_LABELS.get(e.getKey());
      if (why != null) {
        warnings.add(path.child("nodeSelector").key(e.getKey()) + ": " + why);
      }
    }
    var grace = Json.longValue(spec, "terminationGracePeriodSeconds");
    if (grace != null && grace < 0) {
      warnings.add(path.child("terminationGracePeriodSeconds")
          + ": must be >= 0; negative values are invalid and will be treated as 1");
    }
    for (String list : List.of("initContainers", "containers")) {
      var containers = Json.objects(spec, list);
      for (int i = 0; i < containers.size(); i++) {
        var firstIndex = new java.util.HashMap<String, Integer>();
        var ports = Json.objects(containers.get(i), "ports");
        var portsPath = path.child(list).index(i).child("ports");
        for (int j = 0; j < ports.size(); j++) {
          var p = ports.get(j);
          var key = Json.text(p, "containerPort") + "/" + Json.text(p, "protocol") + "/" + Json.text(p, "hostIP") + "/"
              + Json.text(p, "hostPort");
          var previous = firstIndex.putIfAbsent(key, j);
          if (previous != null) {
            warnings.add(portsPath.index(j) + ": duplicate port definition with " + portsPath.index(previous));
          }
        }
      }
    }
    return warnings;
  }
}
