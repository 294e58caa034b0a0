package io.kube4j.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.http.ApiRequest;
import io.kube4j.apiserver.http.RequestInfo;
import io.kube4j.apiserver.http.ResponseSink;
import io.kube4j.apiserver.http.Responses;
import io.kube4j.apiserver.json.Json;
import io.kube4j.apiserver.registry.DeleteOptions;
import io.kube4j.apiserver.registry.ListOptions;
import io.kube4j.apiserver.registry.Metadata;
import io.kube4j.apiserver.registry.ResourceStore;
import io.kube4j.apiserver.registry.WriteOptions;
import io.kube4j.machinery.errors.ApiException;
import io.kube4j.machinery.selection.LabelSelector;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code pods/eviction} ({@code kubectl drain}): deletes a pod unless that would break its
 * PodDisruptionBudget, as upstream's eviction REST.
 *
 * <ul>
 *   <li>A pod that is Pending, Succeeded, Failed or already terminating is deleted without consulting
 *       any budget: it is not serving, evicting it disrupts nothing.
 *   <li>No budget selects the pod: it is deleted.
 *   <li>More than one budget selects it: 500, as upstream.
 *   <li>One budget: its status must be current ({@code observedGeneration}) and allow a disruption;
 *       the eviction then takes one ({@code disruptionsAllowed - 1}, the pod recorded under
 *       {@code disruptedPods}) in the same compare-and-swap as any status write, and deletes the pod.
 *       Otherwise 429 TooManyRequests with a {@code DisruptionBudget} cause, which kubectl drain retries.
 *       A pod that is not Ready may go without taking a disruption when the budget's
 *       {@code unhealthyPodEvictionPolicy} is {@code AlwaysAllow}, or under the default
 *       {@code IfHealthyBudget} when the budget has all the healthy pods it needs.
 * </ul>
 *
 * <p>The budgets' status comes from a disruption controller, which kube4j does not run yet: until it
 * does, a budget's status is whatever a client wrote, and a budget nobody computed blocks evictions.
 */
public final class Eviction {

  private static final String VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

  private final Supplier<ResourceStore> budgets;

  /** @param budgets the {@code policy/poddisruptionbudgets} store */
  public Eviction(Supplier<ResourceStore> budgets) {
    this.budgets = budgets;
  }

  /** Serves {@code POST .../pods/NAME/eviction}. */
  void handle(ApiRequest request, RequestInfo info, ResourceStore pods, String ns, ResponseSink sink) {
    if (!info.verb().equals("create")) {
      throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
    }
    ObjectNode eviction;
    try {
      eviction = (ObjectNode) Json.parse(request.body());
    } catch (IOException | ClassCastException e) {
      throw ApiException.badRequest("Eviction in version \"v1\" cannot be handled as a Eviction: the body must be a JSON object");
    }
    var name = Metadata.name(eviction);
    if (!name.isEmpty() && !name.equals(info.name())) {
      throw ApiException.badRequest("name in URL does not match name in Eviction object");
    }
    var queryDryRun = !request.query().getOrDefault("dryRun", List.of()).isEmpty();
    var base = new DeleteOptions(null, "", "", "", queryDryRun);
    var options = eviction.path("deleteOptions").isObject() ? ResourceHandler.deleteOptions(eviction.get("deleteOptions"), base) : base;
    var pod = pods.get(ns, info.name());
    if (!canIgnoreBudget(pod)) {
      takeDisruption(pod, ns, options.dryRun());
    }
    // The pod checked against the budget is the pod deleted: a replaced pod of the same name is not.
    var uid = options.preconditionUid().isEmpty() ? Metadata.uid(pod) : options.preconditionUid();
    pods.delete(ns, info.name(), new DeleteOptions(options.gracePeriodSeconds(), options.propagationPolicy(), uid,
        options.preconditionResourceVersion(), options.dryRun()));
    Responses.success(sink, 201);
  }

  private static boolean canIgnoreBudget(ObjectNode pod) {
    var phase = Metadata.path(pod, "status.phase");
    return Metadata.terminating(pod) || phase.equals("Pending") || phase.equals("Succeeded") || phase.equals("Failed") || phase.isEmpty();
  }

  private void takeDisruption(ObjectNode pod, String ns, boolean dryRun) {
    var store = budgets.get();
    var matching = store.list(ns, ListOptions.all()).items().stream()
        .filter(b -> {
          var selector = LabelSelector.fromJson(b.path("spec").get("selector"));
          return !selector.isEmpty() && selector.matches(pod);
        })
        .toList();
    if (matching.isEmpty()) {
      return;
    }
    if (matching.size() > 1) {
      throw ApiException.internal("This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
    }
    var budget = matching.getFirst();
    if (!ready(pod) && unhealthyMayGo(budget)) {
      return;
    }
    if (dryRun) {
      check(budget);
      return;
    }
    var podName = Metadata.name(pod);
    var now = Json.time(store.now());
    store.update(ns, Metadata.name(budget), "status", current -> {
      check(current);
      var status = (ObjectNode) current.path("status");
      status.put("disruptionsAllowed", status.path("disruptionsAllowed").asInt() - 1);
      var disrupted = status.has("disruptedPods") && status.get("disruptedPods").isObject()
          ? (ObjectNode) status.get("disruptedPods") : status.putObject("disruptedPods");
      disrupted.put(podName, now);
      Metadata.of(current).remove("resourceVersion");
      return current;
    }, false, WriteOptions.DEFAULT);
  }

  /** Throws 429 unless the budget's status is current and allows one more disruption. */
  private static void check(ObjectNode budget) {
    var name = Metadata.name(budget);
    var status = budget.path("status");
    if (status.path("observedGeneration").asLong(0) < budget.path("metadata").path("generation").asLong(0)) {
      throw tooManyRequests("The disruption budget " + name + " is still being processed by the server.");
    }
    if (status.path("disruptionsAllowed").asInt(0) <= 0) {
      throw tooManyRequests("The disruption budget " + name + " needs " + status.path("desiredHealthy").asInt(0) + " healthy pods and has "
          + status.path("currentHealthy").asInt(0) + " currently");
    }
  }

  private static boolean unhealthyMayGo(ObjectNode budget) {
    var status = budget.path("status");
    if (status.path("observedGeneration").asLong(0) < budget.path("metadata").path("generation").asLong(0)) {
      return false;
    }
    if ("AlwaysAllow".equals(budget.path("spec").path("unhealthyPodEvictionPolicy").asText(""))) {
      return true;
    }
    return status.path("currentHealthy").asInt(0) >= status.path("desiredHealthy").asInt(0) && status.path("desiredHealthy").asInt(0) > 0;
  }

  private static boolean ready(ObjectNode pod) {
    for (JsonNode c : pod.path("status").path("conditions")) {
      if ("Ready".equals(c.path("type").asText())) {
        return "True".equals(c.path("status").asText());
      }
    }
    return false;
  }

  private static ApiException tooManyRequests(String cause) {
    return new ApiException(ApiException.Reason.TOO_MANY_REQUESTS, 429, VIOLATION,
        new ApiException.Details("", "", "", List.of(new ApiException.Cause("DisruptionBudget", cause, "")), 0));
  }
}
