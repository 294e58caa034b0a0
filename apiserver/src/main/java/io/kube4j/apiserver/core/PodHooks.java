package io.kube4j.apiserver.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.registry.ListOptions;
import io.kube4j.apiserver.registry.Metadata;
import io.kube4j.apiserver.registry.ResourceStore;
import io.kube4j.apiserver.registry.StoreHooks;
import io.kube4j.machinery.errors.ApiException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What upstream's admission plugins and registry do to a pod beyond its strategy:
 * <ul>
 *   <li>ServiceAccount admission (the defaulting half): {@code spec.serviceAccountName} is {@code default}
 *       when not given. The service account's existence is not checked, so pods can be created before
 *       the service account controller has made {@code default} in a new namespace.</li>
 *   <li>Priority admission: {@code spec.priority} and {@code spec.preemptionPolicy} come from the named
 *       PriorityClass, else from the global default class, else 0 and {@code PreemptLowerPriority}; an
 *       unknown class, or a priority that disagrees with the class, is refused with 403.</li>
 *   <li>DefaultTolerationSeconds admission: a pod that does not tolerate the {@code not-ready} and
 *       {@code unreachable} NoExecute taints tolerates them for 300 s, so the node lifecycle controller
 *       evicts it five minutes after its node is lost.</li>
 *   <li>Graceful deletion: a pod bound to a node gets its grace period (from the request, else
 *       {@code spec.terminationGracePeriodSeconds}, else 30 s) so the node agent can stop it; a pod that
 *       never reached a node, or already finished, is removed at once.</li>
 * </ul>
 */
public final class PodHooks implements StoreHooks {

  private static final long DEFAULT_GRACE_SECONDS = 30;
  static final int DEFAULT_TOLERATION_SECONDS = 300;
  static final List<String> NODE_LOSS_TAINTS = List.of("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable");

  private final Supplier<ResourceStore> priorityClasses;

  /** @param priorityClasses the store of scheduling.k8s.io PriorityClasses (looked up late: stores are built in any order) */
  public PodHooks(Supplier<ResourceStore> priorityClasses) {
    this.priorityClasses = priorityClasses;
  }

  @Override
  public void beforeCreate(ResourceStore store, ObjectNode pod, boolean dryRun) {
    var spec = pod.path("spec") instanceof ObjectNode s ? s : pod.putObject("spec");
    if (spec.path("serviceAccountName").asText("").isEmpty()) {
      spec.put("serviceAccountName", "default");
    }
    // The deprecated alias mirrors the name, as upstream's defaulting keeps it.
    spec.put("serviceAccount", spec.path("serviceAccountName").asText());
    resolvePriority(pod, spec);
    addDefaultTolerations(spec);
  }

  private void resolvePriority(ObjectNode pod, ObjectNode spec) {
    var className = spec.path("priorityClassName").asText("");
    Optional<ObjectNode> priorityClass = className.isEmpty() ? globalDefault() : priorityClasses.get().find("", className);
    if (!className.isEmpty() && priorityClass.isEmpty()) {
      throw forbidden(pod, "no PriorityClass with name " + className + " was found");
    }
    long priority = priorityClass.map(pc -> pc.path("value").asLong(0)).orElse(0L);
    var policy = priorityClass.map(pc -> pc.path("preemptionPolicy").asText("PreemptLowerPriority")).orElse("PreemptLowerPriority");
    var given = spec.path("priority");
    if (given.canConvertToLong() && given.asLong() != priority) {
      throw forbidden(pod, "the integer value of priority (" + given.asLong()
          + ") must not be provided in pod spec; priority admission controller computed " + priority
          + " from the given PriorityClass name");
    }
    if (priorityClass.isPresent() && className.isEmpty()) {
      spec.put("priorityClassName", Metadata.name(priorityClass.get()));
    }
    spec.put("priority", priority);
    if (spec.path("preemptionPolicy").asText("").isEmpty()) {
      spec.put("preemptionPolicy", policy);
    }
  }

  /** The class marked {@code globalDefault}; the one with the highest value if several are. */
  private Optional<ObjectNode> globalDefault() {
    return priorityClasses.get().list("", ListOptions.all()).items().stream()
        .filter(pc -> pc.path("globalDefault").asBoolean(false))
        .max(java.util.Comparator.comparingLong(pc -> pc.path("value").asLong(0)));
  }

  static void addDefaultTolerations(ObjectNode spec) {
    var tolerations = spec.path("tolerations");
    for (var taint : NODE_LOSS_TAINTS) {
      boolean tolerated = false;
      for (var toleration : tolerations) {
        var key = toleration.path("key").asText("");
        var effect = toleration.path("effect").asText("");
        if ((key.isEmpty() || key.equals(taint)) && (effect.isEmpty() || effect.equals("NoExecute"))) {
          tolerated = true;
          break;
        }
      }
      if (!tolerated) {
        if (!(spec.path("tolerations") instanceof ArrayNode)) {
          spec.putArray("tolerations");
        }
        ((ArrayNode) spec.path("tolerations")).addObject().put("key", taint).put("operator", "Exists")
            .put("effect", "NoExecute").put("tolerationSeconds", DEFAULT_TOLERATION_SECONDS);
        tolerations = spec.path("tolerations");
      }
    }
  }

  private static ApiException forbidden(ObjectNode pod, String why) {
    var name = Metadata.name(pod);
    return new ApiException(ApiException.Reason.FORBIDDEN, 403,
        "pods" + (name.isEmpty() ? "" : " \"" + name + "\"") + " is forbidden: " + why,
        new ApiException.Details(name, "", "pods", List.of(), 0));
  }

  @Override
  public long gracePeriod(ResourceStore store, ObjectNode pod, Long requested) {
    var phase = Metadata.path(pod, "status.phase");
    if (Metadata.path(pod, "spec.nodeName").isEmpty() || phase.equals("Succeeded") || phase.equals("Failed")) {
      return 0;
    }
    if (requested != null) {
      return Math.max(0, requested);
    }
    var spec = pod.path("spec").path("terminationGracePeriodSeconds");
    return spec.canConvertToLong() ? Math.max(0, spec.asLong()) : DEFAULT_GRACE_SECONDS;
  }
}
