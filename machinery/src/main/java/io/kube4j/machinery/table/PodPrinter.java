package io.kube4j.machinery.table;

import static io.kube4j.machinery.table.ObjectFields.at;
import static io.kube4j.machinery.table.ObjectFields.bool;
import static io.kube4j.machinery.table.ObjectFields.list;
import static io.kube4j.machinery.table.ObjectFields.num;
import static io.kube4j.machinery.table.ObjectFields.present;
import static io.kube4j.machinery.table.ObjectFields.str;
import static io.kube4j.machinery.table.ObjectFields.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.machinery.util.HumanDuration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The pod table (NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE READINESS GATES) with
 * upstream's STATUS derivation: init progress ({@code Init:0/2}, {@code Init:CrashLoopBackOff}),
 * container waiting/terminated reasons, {@code Completed} turned back into {@code Running}/{@code NotReady}
 * while a container still runs, {@code Terminating}/{@code Unknown} on deletion, and restart counts
 * with {@code (5m ago)}.
 */
final class PodPrinter implements TablePrinter {

  private static final List<ColumnDefinition> COLUMNS = List.of(
      ColumnDefinition.nameColumn(),
      ColumnDefinition.of("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
      ColumnDefinition.of("Status", "string", "The aggregate status of the containers in this pod."),
      ColumnDefinition.of("Restarts", "string", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
      ColumnDefinition.ageColumn(),
      ColumnDefinition.wide("IP", "string", "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated."),
      ColumnDefinition.wide("Node", "string", "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName."),
      ColumnDefinition.wide("Nominated Node", "string", "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods."),
      ColumnDefinition.wide("Readiness Gates", "string", "If specified, all readiness gates will be evaluated for pod readiness."));

  @Override
  public List<ColumnDefinition> columns() {
    return COLUMNS;
  }

  @Override
  public List<RowCondition> conditions(ObjectNode pod) {
    return switch (str(pod, "status", "phase")) {
      case "Succeeded" -> List.of(new RowCondition("Completed", "True", "Succeeded", "The pod has completed successfully."));
      case "Failed" -> List.of(new RowCondition("Completed", "True", "Failed", "The pod failed."));
      default -> List.of();
    };
  }

  private static boolean restartable(JsonNode initContainer) {
    return initContainer != null && "Always".equals(str(initContainer, "restartPolicy"));
  }

  private static Instant later(Instant current, JsonNode containerStatus) {
    var terminated = at(containerStatus, "lastState", "terminated");
    if (!present(terminated)) {
      return current;
    }
    var finished = time(terminated, "finishedAt");
    if (finished == null) {
      finished = Instant.EPOCH; // Go's zero time never wins "Before"
    }
    return current == null || current.isBefore(finished) ? finished : current;
  }

  @Override
  public List<Object> cells(ObjectNode pod, Instant now) {
    var status = at(pod, "status");
    var spec = at(pod, "spec");
    long restarts = 0;
    long restartableInitRestarts = 0;
    int totalContainers = list(spec, "containers").size();
    int readyContainers = 0;
    Instant lastRestart = null;
    Instant lastRestartableInitRestart = null;

    var phase = str(status, "phase");
    var reason = str(status, "reason").isEmpty() ? phase : str(status, "reason");
    for (var c : list(status, "conditions")) {
      if ("PodScheduled".equals(str(c, "type")) && "SchedulingGated".equals(str(c, "reason"))) {
        reason = "SchedulingGated";
      }
    }

    var initContainers = new HashMap<String, JsonNode>();
    var initSpecs = list(spec, "initContainers");
    for (var c : initSpecs) {
      initContainers.put(str(c, "name"), c);
      if (restartable(c)) {
        totalContainers++;
      }
    }

    boolean initializing = false;
    var initStatuses = list(status, "initContainerStatuses");
    for (int i = 0; i < initStatuses.size(); i++) {
      var cs = initStatuses.get(i);
      restarts += num(cs, "restartCount");
      lastRestart = later(lastRestart, cs);
      var isRestartable = restartable(initContainers.get(str(cs, "name")));
      if (isRestartable) {
        restartableInitRestarts += num(cs, "restartCount");
        lastRestartableInitRestart = later(lastRestartableInitRestart, cs);
      }
      var terminated = at(cs, "state", "terminated");
      var waiting = at(cs, "state", "waiting");
      if (present(terminated) && num(terminated, "exitCode") == 0) {
        continue;
      }
      if (isRestartable && bool(cs, "started")) {
        if (bool(cs, "ready")) {
          readyContainers++;
        }
        continue;
      }
      if (present(terminated)) {
        if (str(terminated, "reason").isEmpty()) {
          reason = num(terminated, "signal") != 0 ? "Init:Signal:" + num(terminated, "signal") : "Init:ExitCode:" + num(terminated, "exitCode");
        } else {
          reason = "Init:" + str(terminated, "reason");
        }
      } else if (present(waiting) && !str(waiting, "reason").isEmpty() && !"PodInitializing".equals(str(waiting, "reason"))) {
        reason = "Init:" + str(waiting, "reason");
      } else {
        reason = "Init:" + i + "/" + initSpecs.size();
      }
      initializing = true;
      break;
    }

    if (!initializing || initializedConditionTrue(status)) {
      restarts = restartableInitRestarts;
      lastRestart = lastRestartableInitRestart;
      boolean hasRunning = false;
      var statuses = list(status, "containerStatuses");
      for (int i = statuses.size() - 1; i >= 0; i--) {
        var cs = statuses.get(i);
        restarts += num(cs, "restartCount");
        lastRestart = later(lastRestart, cs);
        var waiting = at(cs, "state", "waiting");
        var terminated = at(cs, "state", "terminated");
        if (present(waiting) && !str(waiting, "reason").isEmpty()) {
          reason = str(waiting, "reason");
        } else if (present(terminated) && !str(terminated, "reason").isEmpty()) {
          reason = str(terminated, "reason");
        } else if (present(terminated)) {
          reason = num(terminated, "signal") != 0 ? "Signal:" + num(terminated, "signal") : "ExitCode:" + num(terminated, "exitCode");
        } else if (bool(cs, "ready") && present(at(cs, "state", "running"))) {
          hasRunning = true;
          readyContainers++;
        }
      }
      if ("Completed".equals(reason) && hasRunning) {
        reason = hasCondition(status, "Ready") ? "Running" : "NotReady";
      }
    }

    var deleting = present(at(pod, "metadata", "deletionTimestamp"));
    if (deleting && "NodeLost".equals(str(status, "reason"))) {
      reason = "Unknown";
    } else if (deleting && !"Succeeded".equals(phase) && !"Failed".equals(phase)) {
      reason = "Terminating";
    }

    var restartsText = Long.toString(restarts);
    if (restarts != 0 && lastRestart != null && !lastRestart.equals(Instant.EPOCH)) {
      restartsText = restarts + " (" + HumanDuration.since(lastRestart, now) + " ago)";
    }

    var podIPs = list(status, "podIPs");
    var podIP = podIPs.isEmpty() ? "" : str(podIPs.getFirst(), "ip");
    var readinessGates = "<none>";
    var gates = list(spec, "readinessGates");
    if (!gates.isEmpty()) {
      int trueConditions = 0;
      for (var gate : gates) {
        for (var c : list(status, "conditions")) {
          if (str(c, "type").equals(str(gate, "conditionType"))) {
            if ("True".equals(str(c, "status"))) {
              trueConditions++;
            }
            break;
          }
        }
      }
      readinessGates = trueConditions + "/" + gates.size();
    }

    var cells = new ArrayList<Object>();
    cells.add(ObjectFields.name(pod));
    cells.add(readyContainers + "/" + totalContainers);
    cells.add(reason);
    cells.add(restartsText);
    cells.add(ObjectFields.age(pod, now));
    cells.add(ObjectFields.orElse(podIP, "<none>"));
    cells.add(ObjectFields.orElse(str(spec, "nodeName"), "<none>"));
    cells.add(ObjectFields.orElse(str(status, "nominatedNodeName"), "<none>"));
    cells.add(readinessGates);
    return cells;
  }

  private static boolean initializedConditionTrue(JsonNode status) {
    for (var c : list(status, "conditions")) {
      if ("Initialized".equals(str(c, "type"))) {
        return "True".equals(str(c, "status"));
      }
    }
    return false;
  }

  private static boolean hasCondition(JsonNode status, String type) {
    for (var c : list(status, "conditions")) {
      if (type.equals(str(c, "type")) && "True".equals(str(c, "status"))) {
        return true;
      }
    }
    return false;
  }
}
