package io.kube4j.controllers.disruption;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kube4j.controllers.replicaset.PodState;
import io.kube4j.controllers.runtime.Controller;
import io.kube4j.controllers.runtime.OwnerReferences;
import io.kube4j.controllers.runtime.SharedInformers;
import io.kube4j.controllers.runtime.WorkQueue;
import io.kube4j.machinery.selection.LabelSelector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Upstream's disruption controller: keeps each PodDisruptionBudget's status current, which is what the
 * eviction API reads. For the pods the budget selects in its namespace:
 *
 * <ul>
 *   <li>{@code expectedPods}: with an integer {@code minAvailable}, the number of those pods; otherwise
 *       the replicas their controllers want (ReplicaSet, or the Deployment above it, ReplicationController,
 *       StatefulSet), each controller counted once.
 *   <li>{@code desiredHealthy}: {@code minAvailable} (a percentage of expectedPods, rounded up), or
 *       expectedPods minus {@code maxUnavailable} (likewise rounded up), at least 0.
 *   <li>{@code currentHealthy}: the Ready pods that are not terminating and not recently evicted
 *       ({@code disruptedPods}, whose entries go when the pod does, or after 2 minutes).
 *   <li>{@code disruptionsAllowed}: currentHealthy minus desiredHealthy, at least 0, and 0 while no pod is expected.
 *   <li>the {@code DisruptionAllowed} condition and {@code observedGeneration}.
 * </ul>
 *
 * A pod without a known controller, for a budget that needs controllers' scale, leaves the budget at 0
 * allowed disruptions with reason {@code SyncFailed}, as upstream.
 */
public final class DisruptionController implements Controller {

  /** How long an eviction's entry in {@code disruptedPods} holds its pod out of the healthy count. */
  static final Duration DELETION_TIMEOUT = Duration.ofMinutes(2);

  private final KubernetesClient client;
  private final SharedInformers informers;
  private final WorkQueue queue;
  private final Clock clock;

  public DisruptionController(KubernetesClient client, SharedInformers informers, Clock clock) {
    this.client = client;
    this.informers = informers;
    this.clock = clock;
    this.queue = WorkQueue.withDefaultRateLimiter(clock);
    informers.forType(PodDisruptionBudget.class).addEventHandler(handler(this::enqueue));
    informers.forType(Pod.class).addEventHandler(handler(pod -> budgetsOf(pod).forEach(this::enqueue)));
    for (var scaled : List.of(ReplicaSet.class, Deployment.class, ReplicationController.class, StatefulSet.class)) {
      informers.forType(scaled).addEventHandler(handler(owner -> enqueueNamespace(owner.getMetadata().getNamespace())));
    }
  }

  private static <T extends HasMetadata> ResourceEventHandler<T> handler(Consumer<T> onChange) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        onChange.accept(obj);
      }

      @Override
      public void onUpdate(T old, T obj) {
        onChange.accept(obj);
      }

      @Override
      public void onDelete(T obj, boolean finalStateUnknown) {
        onChange.accept(obj);
      }
    };
  }

  @Override
  public String name() {
    return "disruption";
  }

  @Override
  public WorkQueue queue() {
    return queue;
  }

  private void enqueue(HasMetadata budget) {
    queue.add(OwnerReferences.key(budget));
  }

  private void enqueueNamespace(String namespace) {
    informers.list(PodDisruptionBudget.class, namespace).forEach(this::enqueue);
  }

  private List<PodDisruptionBudget> budgetsOf(Pod pod) {
    return informers.list(PodDisruptionBudget.class, pod.getMetadata().getNamespace()).stream()
        .filter(b -> selects(selectorOf(b), pod))
        .toList();
  }

  /** The budget's selector; a missing one selects nothing. */
  private static LabelSelector selectorOf(PodDisruptionBudget budget) {
    var selector = budget.getSpec() == null ? null : budget.getSpec().getSelector();
    return selector == null ? LabelSelector.nothing() : LabelSelector.fromJson(Serialization.jsonMapper().valueToTree(selector));
  }

  private static boolean selects(LabelSelector selector, Pod pod) {
    var labels = pod.getMetadata().getLabels();
    return selector.matches(labels == null ? Map.of() : labels);
  }

  @Override
  public void sync(String key) {
    var slash = key.indexOf('/');
    var budget = informers.get(PodDisruptionBudget.class, key.substring(0, slash), key.substring(slash + 1));
    if (budget == null || budget.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    var selector = selectorOf(budget);
    var pods = informers.list(Pod.class, budget.getMetadata().getNamespace()).stream().filter(p -> selects(selector, p)).toList();
    var now = clock.instant();
    var status = desiredStatus(budget, pods, now);
    var old = budget.getStatus();
    if (old != null && sameIgnoringConditionTime(old, status)) {
      recheckExpiringEvictions(key, status);
      return;
    }
    var updated = new PodDisruptionBudget(budget.getApiVersion(), budget.getKind(), budget.getMetadata(), budget.getSpec(), status);
    try {
      client.resources(PodDisruptionBudget.class).inNamespace(budget.getMetadata().getNamespace()).resource(updated).updateStatus();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return;
      }
      throw e; // 409: the informer is behind; retried with backoff
    }
    recheckExpiringEvictions(key, status);
  }

  /** An eviction's entry stops counting after {@link #DELETION_TIMEOUT} even if nothing else happens: look again then. */
  private void recheckExpiringEvictions(String key, PodDisruptionBudgetStatus status) {
    if (status.getDisruptedPods() != null && !status.getDisruptedPods().isEmpty()) {
      queue.addAfter(key, DELETION_TIMEOUT);
    }
  }

  /** The status the budget should have for these pods (the ones it selects), at {@code now}. */
  PodDisruptionBudgetStatus desiredStatus(PodDisruptionBudget budget, List<Pod> pods, Instant now) {
    var spec = budget.getSpec();
    var disrupted = stillDisrupted(budget.getStatus(), pods, now);
    int currentHealthy = (int) pods.stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null && !disrupted.containsKey(p.getMetadata().getName()) && PodState.isReady(p))
        .count();
    int expected;
    int desiredHealthy;
    String failure = null;
    var minAvailable = spec.getMinAvailable();
    var maxUnavailable = spec.getMaxUnavailable();
    if (maxUnavailable == null && minAvailable != null && minAvailable.getValue() instanceof Integer min) {
      expected = pods.size();
      desiredHealthy = min;
    } else {
      var scale = expectedFromControllers(pods);
      if (scale.failure() != null) {
        failure = scale.failure();
        expected = 0;
        desiredHealthy = 0;
      } else {
        expected = scale.replicas();
        if (maxUnavailable != null) {
          desiredHealthy = Math.max(0, expected - scaled(maxUnavailable, expected));
        } else if (minAvailable != null) {
          desiredHealthy = scaled(minAvailable, expected);
        } else {
          desiredHealthy = expected; // neither set: upstream's default is minAvailable 1, applied by defaulting
        }
      }
    }
    int allowed = failure != null || expected <= 0 ? 0 : Math.max(0, currentHealthy - desiredHealthy);
    var condition = new ConditionBuilder().withType("DisruptionAllowed")
        .withStatus(allowed > 0 ? "True" : "False")
        .withReason(failure != null ? "SyncFailed" : allowed > 0 ? "SufficientPods" : "InsufficientPods")
        .withMessage(failure != null ? failure : "")
        .withObservedGeneration(budget.getMetadata().getGeneration())
        .withLastTransitionTime(transitionTime(budget.getStatus(), allowed > 0 ? "True" : "False", now))
        .build();
    var status = new PodDisruptionBudgetStatus();
    status.setObservedGeneration(budget.getMetadata().getGeneration());
    status.setExpectedPods(expected);
    status.setDesiredHealthy(desiredHealthy);
    status.setCurrentHealthy(currentHealthy);
    status.setDisruptionsAllowed(allowed);
    status.setDisruptedPods(disrupted.isEmpty() ? null : disrupted);
    status.setConditions(List.of(condition));
    return status;
  }

  /** Evictions still in flight: the pod exists, is not terminating, and was evicted less than 2 minutes ago. */
  private static Map<String, String> stillDisrupted(PodDisruptionBudgetStatus status, List<Pod> pods, Instant now) {
    var out = new LinkedHashMap<String, String>();
    if (status == null || status.getDisruptedPods() == null) {
      return out;
    }
    var byName = new HashMap<String, Pod>();
    pods.forEach(p -> byName.put(p.getMetadata().getName(), p));
    status.getDisruptedPods().forEach((name, time) -> {
      var pod = byName.get(name);
      if (pod == null || pod.getMetadata().getDeletionTimestamp() != null) {
        return;
      }
      try {
        if (Instant.parse(time).plus(DELETION_TIMEOUT).isAfter(now)) {
          out.put(name, time);
        }
      } catch (DateTimeParseException e) {
        // an unreadable entry holds nothing back
      }
    });
    return out;
  }

  private record Scale(int replicas, String failure) {}

  /** The replicas the pods' controllers want, each controller once; or why it cannot be known. */
  private Scale expectedFromControllers(List<Pod> pods) {
    var counted = new LinkedHashMap<String, Integer>();
    for (var pod : pods) {
      var ns = pod.getMetadata().getNamespace();
      var owner = OwnerReferences.controllerOf(pod);
      if (owner == null) {
        return new Scale(0, "found no controllers for pod \"" + pod.getMetadata().getName() + "\"");
      }
      Integer replicas = switch (owner.getKind()) {
        case "ReplicaSet" -> {
          var rs = informers.get(ReplicaSet.class, ns, owner.getName());
          if (rs == null || !Objects.equals(rs.getMetadata().getUid(), owner.getUid())) {
            yield null;
          }
          var deploymentRef = OwnerReferences.controllerOf(rs);
          if (deploymentRef != null && deploymentRef.getKind().equals("Deployment")) {
            var deployment = informers.get(Deployment.class, ns, deploymentRef.getName());
            if (deployment != null && Objects.equals(deployment.getMetadata().getUid(), deploymentRef.getUid())) {
              counted.put("Deployment/" + deployment.getMetadata().getUid(), replicas(deployment.getSpec().getReplicas()));
              yield -1;
            }
          }
          yield replicas(rs.getSpec().getReplicas());
        }
        case "ReplicationController" -> {
          var rc = informers.get(ReplicationController.class, ns, owner.getName());
          yield rc == null ? null : replicas(rc.getSpec().getReplicas());
        }
        case "StatefulSet" -> {
          var sts = informers.get(StatefulSet.class, ns, owner.getName());
          yield sts == null ? null : replicas(sts.getSpec().getReplicas());
        }
        default -> null;
      };
      if (replicas == null) {
        return new Scale(0, "found no controllers for pod \"" + pod.getMetadata().getName() + "\"");
      }
      if (replicas >= 0) {
        counted.put(owner.getKind() + "/" + owner.getUid(), replicas);
      }
    }
    return new Scale(counted.values().stream().mapToInt(Integer::intValue).sum(), null);
  }

  private static int replicas(Integer replicas) {
    return replicas == null ? 1 : replicas;
  }

  /** An int or a percentage of {@code total}, rounded up, as upstream's GetScaledValueFromIntOrPercent(roundUp=true). */
  static int scaled(IntOrString value, int total) {
    if (value.getValue() instanceof Integer i) {
      return i;
    }
    var text = String.valueOf(value.getValue()).strip();
    if (!text.endsWith("%")) {
      throw new IllegalArgumentException("invalid value for IntOrString: invalid value \"" + text + "\": must be an integer or a percentage");
    }
    int percent = Integer.parseInt(text.substring(0, text.length() - 1));
    return (int) Math.ceil(percent * (double) total / 100.0);
  }

  private static String transitionTime(PodDisruptionBudgetStatus old, String status, Instant now) {
    if (old != null && old.getConditions() != null) {
      for (Condition c : old.getConditions()) {
        if ("DisruptionAllowed".equals(c.getType()) && status.equals(c.getStatus()) && c.getLastTransitionTime() != null) {
          return c.getLastTransitionTime();
        }
      }
    }
    return now.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static boolean sameIgnoringConditionTime(PodDisruptionBudgetStatus a, PodDisruptionBudgetStatus b) {
    return Objects.equals(a.getObservedGeneration(), b.getObservedGeneration()) && Objects.equals(a.getExpectedPods(), b.getExpectedPods())
        && Objects.equals(a.getDesiredHealthy(), b.getDesiredHealthy()) && Objects.equals(a.getCurrentHealthy(), b.getCurrentHealthy())
        && Objects.equals(a.getDisruptionsAllowed(), b.getDisruptionsAllowed())
        && Objects.equals(emptyToNull(a.getDisruptedPods()), emptyToNull(b.getDisruptedPods()))
        && conditionsEqual(a.getConditions(), b.getConditions());
  }

  private static Map<String, String> emptyToNull(Map<String, String> map) {
    return map == null || map.isEmpty() ? null : map;
  }

  private static boolean conditionsEqual(List<Condition> a, List<Condition> b) {
    return conditionKeys(a).equals(conditionKeys(b));
  }

  private static List<List<String>> conditionKeys(List<Condition> conditions) {
    var keys = new ArrayList<List<String>>();
    if (conditions != null) {
      conditions.forEach(c -> keys.add(Arrays.asList(c.getType(), c.getStatus(), c.getReason(), c.getMessage())));
    }
    return keys;
  }
}
