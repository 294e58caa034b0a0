package io.kube4j.machinery.table;

import static io.kube4j.machinery.table.ColumnDefinition.ageColumn;
import static io.kube4j.machinery.table.ColumnDefinition.nameColumn;
import static io.kube4j.machinery.table.ColumnDefinition.of;
import static io.kube4j.machinery.table.ColumnDefinition.wide;
import static io.kube4j.machinery.table.ObjectFields.age;
import static io.kube4j.machinery.table.ObjectFields.at;
import static io.kube4j.machinery.table.ObjectFields.bool;
import static io.kube4j.machinery.table.ObjectFields.containerCells;
import static io.kube4j.machinery.table.ObjectFields.intOrString;
import static io.kube4j.machinery.table.ObjectFields.list;
import static io.kube4j.machinery.table.ObjectFields.listWithMore;
import static io.kube4j.machinery.table.ObjectFields.name;
import static io.kube4j.machinery.table.ObjectFields.num;
import static io.kube4j.machinery.table.ObjectFields.numOrNull;
import static io.kube4j.machinery.table.ObjectFields.orElse;
import static io.kube4j.machinery.table.ObjectFields.present;
import static io.kube4j.machinery.table.ObjectFields.since;
import static io.kube4j.machinery.table.ObjectFields.size;
import static io.kube4j.machinery.table.ObjectFields.str;
import static io.kube4j.machinery.table.ObjectFields.stringMap;
import static io.kube4j.machinery.table.ObjectFields.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.kube4j.machinery.errors.ApiException;
import io.kube4j.machinery.selection.LabelSelector;
import io.kube4j.machinery.util.HumanDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The server-side printers of the built-in kinds, one method per kind, following upstream's
 * {@code pkg/printers/internalversion}: same columns, same cell types, same placeholders
 * ({@code <none>}, {@code <unset>}, {@code <pending>}, {@code <unknown>}).
 */
final class BuiltinPrinters {

  private BuiltinPrinters() {}

  private static final String CONTAINERS = "Names of each container in the template.";
  private static final String IMAGES = "Images referenced by each container in the template.";

  private static List<Object> row(Object... cells) {
    return Arrays.asList(cells);
  }

  private static String selectorText(JsonNode selector) {
    return LabelSelector.formatLabelSelector(selector);
  }

  static TablePrinter podTemplates() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Containers", "string", CONTAINERS),
        of("Images", "string", IMAGES),
        of("Pod Labels", "string", "The labels for the pod template.")),
        (o, now) -> {
          var c = containerCells(at(o, "template", "spec"));
          return row(name(o), c[0], c[1], LabelSelector.formatLabels(stringMap(o, "template", "metadata", "labels")));
        });
  }

  static TablePrinter podDisruptionBudgets() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Min Available", "string", "The minimum number of pods that must be available."),
        of("Max Unavailable", "string", "The maximum number of pods that may be unavailable."),
        of("Allowed Disruptions", "integer", "Calculated number of pods that may be disrupted at this time."),
        ageColumn()),
        (o, now) -> {
          var min = at(o, "spec", "minAvailable");
          var max = at(o, "spec", "maxUnavailable");
          return row(name(o), present(min) ? intOrString(min) : "N/A", present(max) ? intOrString(max) : "N/A",
              num(o, "status", "disruptionsAllowed"), age(o, now));
        });
  }

  /** Spec replicas as the API defaults them (1 when unset). */
  private static long replicas(JsonNode o) {
    var r = numOrNull(o, "spec", "replicas");
    return r == null ? 1 : r;
  }

  static TablePrinter replicationControllers() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Desired", "integer", "Replicas is the number of desired replicas."),
        of("Current", "integer", "Replicas is the most recently observed number of replicas."),
        of("Ready", "integer", "The number of ready replicas for this replication controller."),
        ageColumn(),
        wide("Containers", "string", CONTAINERS),
        wide("Images", "string", IMAGES),
        wide("Selector", "string", "Selector is a label query over pods that should match the Replicas count.")),
        (o, now) -> {
          var c = containerCells(at(o, "spec", "template", "spec"));
          return row(name(o), replicas(o), num(o, "status", "replicas"), num(o, "status", "readyReplicas"), age(o, now),
              c[0], c[1], LabelSelector.formatLabels(stringMap(o, "spec", "selector")));
        });
  }

  static TablePrinter replicaSets() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Desired", "integer", "Replicas is the number of desired replicas."),
        of("Current", "integer", "Replicas is the most recently observed number of replicas."),
        of("Ready", "integer", "readyReplicas is the number of pods targeted by this ReplicaSet with a Ready Condition."),
        ageColumn(),
        wide("Containers", "string", CONTAINERS),
        wide("Images", "string", IMAGES),
        wide("Selector", "string", "Selector is a label query over pods that should match the replica count.")),
        (o, now) -> {
          var c = containerCells(at(o, "spec", "template", "spec"));
          return row(name(o), replicas(o), num(o, "status", "replicas"), num(o, "status", "readyReplicas"), age(o, now),
              c[0], c[1], selectorText(at(o, "spec", "selector")));
        });
  }

  static TablePrinter daemonSets() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Desired", "integer", "The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod)."),
        of("Current", "integer", "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod."),
        of("Ready", "integer", "numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition."),
        of("Up-to-date", "integer", "The total number of nodes that are running updated daemon pod"),
        of("Available", "integer", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)"),
        of("Node Selector", "string", "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node."),
        ageColumn(),
        wide("Containers", "string", CONTAINERS),
        wide("Images", "string", IMAGES),
        wide("Selector", "string", "A label query over pods that are managed by the daemon set. Must match in order to be controlled.")),
        (o, now) -> {
          var c = containerCells(at(o, "spec", "template", "spec"));
          return row(name(o), num(o, "status", "desiredNumberScheduled"), num(o, "status", "currentNumberScheduled"),
              num(o, "status", "numberReady"), num(o, "status", "updatedNumberScheduled"), num(o, "status", "numberAvailable"),
              LabelSelector.formatLabels(stringMap(o, "spec", "template", "spec", "nodeSelector")), age(o, now),
              c[0], c[1], selectorText(at(o, "spec", "selector")));
        });
  }

  private static boolean hasCondition(JsonNode o, String type) {
    for (var c : list(o, "status", "conditions")) {
      if (type.equals(str(c, "type"))) {
        return "True".equals(str(c, "status"));
      }
    }
    return false;
  }

  static TablePrinter jobs() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Status", "string", "Status of the job."),
        of("Completions", "string", "The number of pods which reached phase Succeeded."),
        of("Duration", "string", "Time required to complete the job."),
        ageColumn(),
        wide("Containers", "string", CONTAINERS),
        wide("Images", "string", IMAGES),
        wide("Selector", "string", "A label query over pods that should match the pod count.")),
        (o, now) -> {
          var succeeded = num(o, "status", "succeeded");
          var completionsSpec = numOrNull(o, "spec", "completions");
          String completions;
          if (completionsSpec != null) {
            completions = succeeded + "/" + completionsSpec;
          } else {
            var parallelism = num(o, "spec", "parallelism");
            completions = parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
          }
          var start = time(o, "status", "startTime");
          var completion = time(o, "status", "completionTime");
          var duration = start == null ? "" : HumanDuration.format(Duration.between(start, completion == null ? now : completion));
          String status;
          if (hasCondition(o, "Complete")) {
            status = "Complete";
          } else if (hasCondition(o, "Failed")) {
            status = "Failed";
          } else if (present(at(o, "metadata", "deletionTimestamp"))) {
            status = "Terminating";
          } else if (hasCondition(o, "Suspended")) {
            status = "Suspended";
          } else if (hasCondition(o, "FailureTarget")) {
            status = "FailureTarget";
          } else {
            status = "Running";
          }
          var c = containerCells(at(o, "spec", "template", "spec"));
          return row(name(o), status, completions, duration, age(o, now), c[0], c[1], selectorText(at(o, "spec", "selector")));
        });
  }

  private static String boolPtr(JsonNode n) {
    if (!present(n)) {
      return "<unset>";
    }
    return n.asBoolean() ? "True" : "False";
  }

  static TablePrinter cronJobs() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Schedule", "string", "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."),
        of("Timezone", "string", "The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones."),
        of("Suspend", "boolean", "This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false."),
        of("Active", "integer", "A list of pointers to currently running jobs."),
        of("Last Schedule", "string", "Information when was the last time the job was successfully scheduled."),
        ageColumn(),
        wide("Containers", "string", CONTAINERS),
        wide("Images", "string", IMAGES),
        wide("Selector", "string", "A label query over pods that should match the pod count.")),
        (o, now) -> {
          var last = present(at(o, "status", "lastScheduleTime")) ? since(o, now, "status", "lastScheduleTime") : "<none>";
          var tz = present(at(o, "spec", "timeZone")) ? str(o, "spec", "timeZone") : "<none>";
          var jobSpec = at(o, "spec", "jobTemplate", "spec");
          var c = containerCells(at(jobSpec, "template", "spec"));
          return row(name(o), str(o, "spec", "schedule"), tz, boolPtr(at(o, "spec", "suspend")), (long) size(o, "status", "active"),
              last, age(o, now), c[0], c[1], selectorText(at(jobSpec, "selector")));
        });
  }

  private static String loadBalancerIngress(JsonNode ingressList) {
    var result = new TreeSet<String>();
    for (var i : list(ingressList)) {
      if (!str(i, "ip").isEmpty()) {
        result.add(str(i, "ip"));
      } else if (!str(i, "hostname").isEmpty()) {
        result.add(str(i, "hostname"));
      }
    }
    // the API server prints wide, so the 16-character clipping of kubectl's narrow output never applies here
    return String.join(",", result);
  }

  private static String serviceExternalIP(JsonNode svc) {
    var externalIPs = new ArrayList<String>();
    list(svc, "spec", "externalIPs").forEach(n -> externalIPs.add(n.asText()));
    return switch (str(svc, "spec", "type")) {
      case "ClusterIP", "NodePort" -> externalIPs.isEmpty() ? "<none>" : String.join(",", externalIPs);
      case "LoadBalancer" -> {
        var lb = loadBalancerIngress(at(svc, "status", "loadBalancer", "ingress"));
        if (!externalIPs.isEmpty()) {
          var results = new ArrayList<String>();
          if (!lb.isEmpty()) {
            results.addAll(List.of(lb.split(",")));
          }
          results.addAll(externalIPs);
          yield String.join(",", results);
        }
        yield lb.isEmpty() ? "<pending>" : lb;
      }
      case "ExternalName" -> str(svc, "spec", "externalName");
      default -> "<unknown>";
    };
  }

  static TablePrinter services() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Type", "string", "type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer."),
        of("Cluster-IP", "string", "clusterIP is the IP address of the service and is usually assigned randomly."),
        of("External-IP", "string", "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."),
        of("Port(s)", "string", "The list of ports that are exposed by this service."),
        ageColumn(),
        wide("Selector", "string", "Route service traffic to pods with label keys and values matching this selector.")),
        (o, now) -> {
          var ips = list(o, "spec", "clusterIPs");
          var clusterIP = ips.isEmpty() ? "<none>" : ips.getFirst().asText();
          var ports = new ArrayList<String>();
          for (var p : list(o, "spec", "ports")) {
            var protocol = orElse(str(p, "protocol"), "TCP");
            var nodePort = num(p, "nodePort");
            ports.add(nodePort > 0 ? num(p, "port") + ":" + nodePort + "/" + protocol : num(p, "port") + "/" + protocol);
          }
          return row(name(o), str(o, "spec", "type"), clusterIP, serviceExternalIP(o), ports.isEmpty() ? "<none>" : String.join(",", ports),
              age(o, now), LabelSelector.formatLabels(stringMap(o, "spec", "selector")));
        });
  }

  static TablePrinter ingresses() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Class", "string", "The name of the IngressClass resource that should be used for additional configuration"),
        of("Hosts", "string", "Hosts that incoming requests are matched against before the ingress rule"),
        of("Address", "string", "Address is a list containing ingress points for the load-balancer"),
        of("Ports", "string", "Ports of TLS configurations that open"),
        ageColumn()),
        (o, now) -> {
          var rules = list(o, "spec", "rules");
          var hosts = new ArrayList<String>();
          boolean more = false;
          for (var r : rules) {
            if (hosts.size() == 3) {
              more = true;
            }
            if (!more && !str(r, "host").isEmpty()) {
              hosts.add(str(r, "host"));
            }
          }
          String hostText = hosts.isEmpty() ? "*" : String.join(",", hosts) + (more ? " + " + (rules.size() - 3) + " more..." : "");
          var className = present(at(o, "spec", "ingressClassName")) ? str(o, "spec", "ingressClassName") : "<none>";
          return row(name(o), className, hostText, loadBalancerIngress(at(o, "status", "loadBalancer", "ingress")),
              list(o, "spec", "tls").isEmpty() ? "80" : "80, 443", age(o, now));
        });
  }

  static TablePrinter ingressClasses() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Controller", "string", "Controller that is responsible for handling this class"),
        of("Parameters", "string", "A reference to a resource with additional parameters"),
        ageColumn()),
        (o, now) -> {
          var p = at(o, "spec", "parameters");
          var parameters = "<none>";
          if (present(p)) {
            parameters = str(p, "kind") + (present(at(p, "apiGroup")) ? "." + str(p, "apiGroup") : "") + "/" + str(p, "name");
          }
          return row(name(o), str(o, "spec", "controller"), parameters, age(o, now));
        });
  }

  static TablePrinter statefulSets() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Ready", "string", "Number of the pod with ready state"),
        ageColumn(),
        wide("Containers", "string", CONTAINERS),
        wide("Images", "string", IMAGES)),
        (o, now) -> {
          var c = containerCells(at(o, "spec", "template", "spec"));
          return row(name(o), num(o, "status", "readyReplicas") + "/" + replicas(o), age(o, now), c[0], c[1]);
        });
  }

  static TablePrinter deployments() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Ready", "string", "Number of the pod with ready state"),
        of("Up-to-date", "string", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
        of("Available", "string", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
        ageColumn(),
        wide("Containers", "string", CONTAINERS),
        wide("Images", "string", IMAGES),
        wide("Selector", "string", "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.")),
        (o, now) -> {
          String selector;
          try {
            selector = LabelSelector.fromJson(at(o, "spec", "selector")).toString();
          } catch (ApiException e) {
            selector = "<invalid>";
          }
          var c = containerCells(at(o, "spec", "template", "spec"));
          return row(name(o), num(o, "status", "readyReplicas") + "/" + replicas(o), num(o, "status", "updatedReplicas"),
              num(o, "status", "availableReplicas"), age(o, now), c[0], c[1], selector);
        });
  }

  static TablePrinter endpoints() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Endpoints", "string", "The set of all endpoints is the union of all subsets."),
        ageColumn()),
        (o, now) -> row(name(o), formatEndpoints(o), age(o, now)));
  }

  private static String formatEndpoints(JsonNode o) {
    var subsets = list(o, "subsets");
    if (subsets.isEmpty()) {
      return "<none>";
    }
    var items = new ArrayList<String>();
    int max = 3;
    boolean more = false;
    int count = 0;
    for (var ss : subsets) {
      var addresses = list(ss, "addresses");
      var ports = list(ss, "ports");
      if (ports.isEmpty()) {
        count += addresses.size();
        for (var a : addresses) {
          if (items.size() == max) {
            more = true;
            break;
          }
          items.add(str(a, "ip"));
        }
        continue;
      }
      for (var port : ports) {
        count += addresses.size();
        for (var a : addresses) {
          if (items.size() == max) {
            more = true;
            break;
          }
          var ip = str(a, "ip");
          items.add((ip.contains(":") ? "[" + ip + "]" : ip) + ":" + num(port, "port"));
        }
      }
    }
    var ret = String.join(",", items);
    return more ? ret + " + " + (count - max) + " more..." : ret;
  }

  static TablePrinter endpointSlices() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("AddressType", "string", "addressType specifies the type of address carried by this EndpointSlice."),
        of("Ports", "string", "ports specifies the list of network ports exposed by each endpoint in this slice."),
        of("Endpoints", "string", "endpoints is a list of unique endpoints in this slice."),
        ageColumn()),
        (o, now) -> {
          var ports = new ArrayList<String>();
          for (var p : list(o, "ports")) {
            if (present(at(p, "port"))) {
              ports.add(Long.toString(num(p, "port")));
            } else if (present(at(p, "name"))) {
              ports.add(str(p, "name"));
            } else {
              ports.add("*");
            }
          }
          var addresses = new ArrayList<String>();
          for (var e : list(o, "endpoints")) {
            list(e, "addresses").forEach(a -> addresses.add(a.asText()));
          }
          return row(name(o), str(o, "addressType"), listWithMore(ports, 3), listWithMore(addresses, 3), age(o, now));
        });
  }

  static TablePrinter nodes() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Status", "string", "The status of the node"),
        of("Roles", "string", "The roles of the node"),
        ageColumn(),
        of("Version", "string", "Kubelet Version reported by the node."),
        wide("Internal-IP", "string", "List of addresses reachable to the node."),
        wide("External-IP", "string", "List of addresses reachable to the node."),
        wide("OS-Image", "string", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy))."),
        wide("Kernel-Version", "string", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
        wide("Container-Runtime", "string", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).")),
        (o, now) -> {
          var status = new ArrayList<String>();
          JsonNode ready = null;
          for (var c : list(o, "status", "conditions")) {
            if ("Ready".equals(str(c, "type"))) {
              ready = c; // upstream keeps the last condition of a type
            }
          }
          if (ready != null) {
            status.add("True".equals(str(ready, "status")) ? "Ready" : "NotReady");
          }
          if (status.isEmpty()) {
            status.add("Unknown");
          }
          if (bool(o, "spec", "unschedulable")) {
            status.add("SchedulingDisabled");
          }
          var roles = new TreeSet<String>();
          for (var e : stringMap(o, "metadata", "labels").entrySet()) {
            if (e.getKey().startsWith("node-role.kubernetes.io/")) {
              var role = e.getKey().substring("node-role.kubernetes.io/".length());
              if (!role.isEmpty()) {
                roles.add(role);
              }
            } else if (e.getKey().equals("kubernetes.io/role") && !e.getValue().isEmpty()) {
              roles.add(e.getValue());
            }
          }
          var info = at(o, "status", "nodeInfo");
          return row(name(o), String.join(",", status), roles.isEmpty() ? "<none>" : String.join(",", roles), age(o, now),
              str(info, "kubeletVersion"), nodeAddress(o, "InternalIP"), nodeAddress(o, "ExternalIP"),
              orElse(str(info, "osImage"), "<unknown>"), orElse(str(info, "kernelVersion"), "<unknown>"),
              orElse(str(info, "containerRuntimeVersion"), "<unknown>"));
        });
  }

  private static String nodeAddress(JsonNode node, String type) {
    for (var a : list(node, "status", "addresses")) {
      if (type.equals(str(a, "type"))) {
        return str(a, "address");
      }
    }
    return "<none>";
  }

  /** Reads a core/v1 event, or an events.k8s.io/v1 one (same storage upstream), field by field. */
  private static String eventField(JsonNode o, String core, String eventsV1) {
    var v = at(o, core);
    return present(v) ? v.asText() : str(o, eventsV1);
  }

  static TablePrinter events() {
    return new ColumnPrinter(List.of(
        of("Last Seen", "string", "The time at which the most recent occurrence of this event was recorded."),
        of("Type", "string", "Type of this event (Normal, Warning), new types could be added in the future"),
        of("Reason", "string", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
        of("Object", "string", "The object that this event is about."),
        wide("Subobject", "string", "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]."),
        wide("Source", "string", "The component reporting this event. Should be a short machine understandable string."),
        of("Message", "string", "A human-readable description of the status of this operation."),
        wide("First Seen", "string", "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)"),
        wide("Count", "string", "The number of times this event has occurred."),
        new ColumnDefinition("Name", "string", "name", ColumnDefinition.NAME_DESCRIPTION, 1)),
        (o, now) -> {
          var firstAt = time(o, "firstTimestamp");
          if (firstAt == null) {
            firstAt = time(o, "deprecatedFirstTimestamp");
          }
          var first = firstAt != null ? HumanDuration.since(firstAt, now) : since(o, now, "eventTime");
          var lastAt = time(o, "lastTimestamp");
          if (lastAt == null) {
            lastAt = time(o, "deprecatedLastTimestamp");
          }
          var last = lastAt != null ? HumanDuration.since(lastAt, now) : first;
          var countNode = present(at(o, "count")) ? at(o, "count") : at(o, "deprecatedCount");
          long count = countNode.asLong(0);
          if (present(at(o, "series"))) {
            last = since(o, now, "series", "lastObservedTime");
            count = num(o, "series", "count");
          } else if (count == 0) {
            count = 1;
          }
          var involved = present(at(o, "involvedObject")) ? at(o, "involvedObject") : at(o, "regarding");
          var kind = str(involved, "kind").toLowerCase();
          var target = str(involved, "name").isEmpty() ? kind : kind + "/" + str(involved, "name");
          var source = present(at(o, "source")) ? at(o, "source") : at(o, "deprecatedSource");
          var component = orElse(str(source, "component"), str(o, "reportingController"));
          var host = orElse(str(source, "host"), str(o, "reportingInstance"));
          var sourceText = host.isEmpty() ? component : component + ", " + host;
          return row(last, str(o, "type"), str(o, "reason"), target, str(involved, "fieldPath"), sourceText,
              eventField(o, "message", "note").strip(), first, count, name(o));
        });
  }

  static TablePrinter namespaces() {
    return new ColumnPrinter(List.of(nameColumn(), of("Status", "string", "The status of the namespace"), ageColumn()),
        (o, now) -> row(name(o), str(o, "status", "phase"), age(o, now)));
  }

  static TablePrinter secrets() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Type", "string", "Used to facilitate programmatic handling of secret data."),
        of("Data", "string", "Data contains the secret data."),
        ageColumn()),
        (o, now) -> row(name(o), str(o, "type"), (long) size(o, "data"), age(o, now)));
  }

  static TablePrinter serviceAccounts() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Secrets", "string", "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use."),
        ageColumn()),
        (o, now) -> row(name(o), (long) size(o, "secrets"), age(o, now)));
  }

  private static String accessModes(JsonNode modes) {
    var set = new LinkedHashSet<String>();
    list(modes).forEach(m -> set.add(m.asText()));
    var out = new ArrayList<String>();
    if (set.contains("ReadWriteOnce")) {
      out.add("RWO");
    }
    if (set.contains("ReadOnlyMany")) {
      out.add("ROX");
    }
    if (set.contains("ReadWriteMany")) {
      out.add("RWX");
    }
    if (set.contains("ReadWriteOncePod")) {
      out.add("RWOP");
    }
    return String.join(",", out);
  }

  private static String storageClassOf(JsonNode o) {
    var annotations = stringMap(o, "metadata", "annotations");
    var beta = annotations.get("volume.beta.kubernetes.io/storage-class");
    return beta != null ? beta : str(o, "spec", "storageClassName");
  }

  static TablePrinter persistentVolumes() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Capacity", "string", "capacity is the description of the persistent volume's resources and capacity."),
        of("Access Modes", "string", "accessModes contains all ways the volume can be mounted."),
        of("Reclaim Policy", "string", "persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim."),
        of("Status", "string", "phase indicates if a volume is available, bound to a claim, or released by a claim."),
        of("Claim", "string", "claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim."),
        of("StorageClass", "string", "StorageClass of the pv"),
        of("VolumeAttributesClass", "string", "VolumeAttributesClass of the pv"),
        of("Reason", "string", "reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI."),
        ageColumn(),
        wide("VolumeMode", "string", "volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state.")),
        (o, now) -> {
          var claimRef = at(o, "spec", "claimRef");
          var claim = present(claimRef) ? str(claimRef, "namespace") + "/" + str(claimRef, "name") : "";
          var phase = present(at(o, "metadata", "deletionTimestamp")) ? "Terminating" : str(o, "status", "phase");
          return row(name(o), quantity(at(o, "spec", "capacity", "storage")), accessModes(at(o, "spec", "accessModes")),
              str(o, "spec", "persistentVolumeReclaimPolicy"), phase, claim, storageClassOf(o),
              present(at(o, "spec", "volumeAttributesClassName")) ? str(o, "spec", "volumeAttributesClassName") : "<unset>",
              str(o, "status", "reason"), age(o, now),
              present(at(o, "spec", "volumeMode")) ? str(o, "spec", "volumeMode") : "<unset>");
        });
  }

  /** A quantity as stored (kube4j stores quantities in canonical form); absent reads as upstream's zero {@code 0}. */
  private static String quantity(JsonNode n) {
    return present(n) ? n.asText() : "0";
  }

  static TablePrinter persistentVolumeClaims() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Status", "string", "phase represents the current phase of PersistentVolumeClaim."),
        of("Volume", "string", "volumeName is the binding reference to the PersistentVolume backing this claim."),
        of("Capacity", "string", "capacity represents the actual resources of the underlying volume."),
        of("Access Modes", "string", "accessModes contains the actual access modes the volume backing the PVC has."),
        of("StorageClass", "string", "StorageClass of the pvc"),
        of("VolumeAttributesClass", "string", "VolumeAttributesClass of the pvc"),
        ageColumn(),
        wide("VolumeMode", "string", "volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec.")),
        (o, now) -> {
          var phase = present(at(o, "metadata", "deletionTimestamp")) ? "Terminating" : str(o, "status", "phase");
          var volumeName = str(o, "spec", "volumeName");
          var capacity = "";
          var modes = "";
          if (!volumeName.isEmpty()) {
            modes = accessModes(at(o, "status", "accessModes"));
            capacity = quantity(at(o, "status", "capacity", "storage"));
          }
          return row(name(o), phase, volumeName, capacity, modes, storageClassOf(o),
              present(at(o, "spec", "volumeAttributesClassName")) ? str(o, "spec", "volumeAttributesClassName") : "<unset>",
              age(o, now), present(at(o, "spec", "volumeMode")) ? str(o, "spec", "volumeMode") : "<unset>");
        });
  }

  static TablePrinter componentStatuses() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Status", "string", "Status of the component conditions"),
        of("Message", "string", "Message of the component conditions"),
        of("Error", "string", "Error of the component conditions")),
        (o, now) -> {
          var status = "Unknown";
          var message = "";
          var error = "";
          for (var c : list(o, "conditions")) {
            if ("Healthy".equals(str(c, "type"))) {
              status = "True".equals(str(c, "status")) ? "Healthy" : "Unhealthy";
              message = str(c, "message");
              error = str(c, "error");
              break;
            }
          }
          return row(name(o), status, message, error);
        });
  }

  static TablePrinter horizontalPodAutoscalers() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Reference", "string", "scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count."),
        of("Targets", "string", "metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used)."),
        of("MinPods", "string", "minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down."),
        of("MaxPods", "string", "maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up."),
        of("Replicas", "string", "currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler."),
        ageColumn()),
        (o, now) -> {
          var ref = str(o, "spec", "scaleTargetRef", "kind") + "/" + str(o, "spec", "scaleTargetRef", "name");
          var min = numOrNull(o, "spec", "minReplicas");
          return row(name(o), ref, hpaMetrics(o), min == null ? "<unset>" : Long.toString(min), num(o, "spec", "maxReplicas"),
              num(o, "status", "currentReplicas"), age(o, now));
        });
  }

  private static String hpaMetrics(JsonNode o) {
    var specs = list(o, "spec", "metrics");
    var statuses = list(o, "status", "currentMetrics");
    if (specs.isEmpty() && present(at(o, "spec", "targetCPUUtilizationPercentage"))) {
      // an autoscaling/v1 object: its single CPU target, as upstream converts it
      var current = present(at(o, "status", "currentCPUUtilizationPercentage")) ? num(o, "status", "currentCPUUtilizationPercentage") + "%" : "<unknown>";
      return "cpu: " + current + "/" + num(o, "spec", "targetCPUUtilizationPercentage") + "%";
    }
    if (specs.isEmpty()) {
      return "<none>";
    }
    var items = new ArrayList<String>();
    for (int i = 0; i < specs.size(); i++) {
      var spec = specs.get(i);
      var status = i < statuses.size() ? statuses.get(i) : null;
      switch (str(spec, "type")) {
        case "External", "Object" -> {
          var field = str(spec, "type").equals("External") ? "external" : "object";
          var target = at(spec, field, "target");
          var current = status == null ? null : at(status, field);
          if (present(at(target, "averageValue"))) {
            var cur = current != null && present(current) && present(at(current, "current", "averageValue")) ? str(current, "current", "averageValue") : "<unknown>";
            items.add(cur + "/" + str(target, "averageValue") + " (avg)");
          } else {
            var cur = current != null && present(current) ? quantity(at(current, "current", "value")) : "<unknown>";
            items.add(cur + "/" + quantity(at(target, "value")));
          }
        }
        case "Pods" -> {
          var current = status == null ? null : at(status, "pods");
          var cur = current != null && present(current) ? quantity(at(current, "current", "averageValue")) : "<unknown>";
          items.add(cur + "/" + quantity(at(spec, "pods", "target", "averageValue")));
        }
        case "Resource", "ContainerResource" -> {
          var field = str(spec, "type").equals("Resource") ? "resource" : "containerResource";
          var metric = at(spec, field);
          var target = at(metric, "target");
          var current = status == null ? null : at(status, field);
          var hasCurrent = current != null && present(current);
          if (present(at(target, "averageValue"))) {
            var cur = hasCurrent ? quantity(at(current, "current", "averageValue")) : "<unknown>";
            items.add(str(metric, "name") + ": " + cur + "/" + str(target, "averageValue"));
          } else {
            var cur = hasCurrent && present(at(current, "current", "averageUtilization")) ? num(current, "current", "averageUtilization") + "%" : "<unknown>";
            var tgt = present(at(target, "averageUtilization")) ? num(target, "averageUtilization") + "%" : "<auto>";
            items.add(str(metric, "name") + ": " + cur + "/" + tgt);
          }
        }
        default -> items.add("<unknown type>");
      }
    }
    if (items.size() > 2) {
      return String.join(", ", items.subList(0, 2)) + " + " + (items.size() - 2) + " more...";
    }
    return String.join(", ", items);
  }

  static TablePrinter configMaps() {
    return new ColumnPrinter(List.of(nameColumn(), of("Data", "string", "Data contains the configuration data."), ageColumn()),
        (o, now) -> row(name(o), (long) (size(o, "data") + size(o, "binaryData")), age(o, now)));
  }

  static TablePrinter networkPolicies() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Pod-Selector", "string", "Selects the pods to which this NetworkPolicy object applies."),
        ageColumn()),
        (o, now) -> {
          var sel = at(o, "spec", "podSelector");
          // podSelector is a struct upstream, never nil: absent means the empty selector
          return row(name(o), LabelSelector.formatLabelSelector(present(sel) ? sel : JsonNodeFactory.instance.objectNode()), age(o, now));
        });
  }

  static TablePrinter roleBindings(String kindWord) {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Role", "string", "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace."),
        ageColumn(),
        wide("Users", "string", "Users in the " + kindWord),
        wide("Groups", "string", "Groups in the " + kindWord),
        wide("ServiceAccounts", "string", "ServiceAccounts in the " + kindWord)),
        (o, now) -> {
          var users = new ArrayList<String>();
          var groups = new ArrayList<String>();
          var sas = new ArrayList<String>();
          for (var s : list(o, "subjects")) {
            switch (str(s, "kind")) {
              case "ServiceAccount" -> sas.add(str(s, "namespace") + "/" + str(s, "name"));
              case "User" -> users.add(str(s, "name"));
              case "Group" -> groups.add(str(s, "name"));
              default -> { }
            }
          }
          return row(name(o), str(o, "roleRef", "kind") + "/" + str(o, "roleRef", "name"), age(o, now),
              String.join(", ", users), String.join(", ", groups), String.join(", ", sas));
        });
  }

  static TablePrinter leases() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Holder", "string", "holderIdentity contains the identity of the holder of a current lease."),
        ageColumn()),
        (o, now) -> row(name(o), str(o, "spec", "holderIdentity"), age(o, now)));
  }

  static TablePrinter storageClasses() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Provisioner", "string", "provisioner indicates the type of the provisioner."),
        of("ReclaimPolicy", "string", "reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete."),
        of("VolumeBindingMode", "string", "volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When unset, VolumeBindingImmediate is used."),
        of("AllowVolumeExpansion", "string", "allowVolumeExpansion shows whether the storage class allow volume expand."),
        ageColumn()),
        (o, now) -> {
          var annotations = stringMap(o, "metadata", "annotations");
          var isDefault = "true".equals(annotations.get("storageclass.kubernetes.io/is-default-class"))
              || "true".equals(annotations.get("storageclass.beta.kubernetes.io/is-default-class"));
          return row(name(o) + (isDefault ? " (default)" : ""), str(o, "provisioner"),
              orElse(str(o, "reclaimPolicy"), "Delete"), orElse(str(o, "volumeBindingMode"), "Immediate"),
              bool(o, "allowVolumeExpansion"), age(o, now));
        });
  }

  static TablePrinter controllerRevisions() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Controller", "string", "Controller of the object"),
        of("Revision", "string", "Revision indicates the revision of the state represented by Data."),
        ageColumn()),
        (o, now) -> {
          var controller = "<none>";
          for (var ref : list(o, "metadata", "ownerReferences")) {
            if (bool(ref, "controller")) {
              var apiVersion = str(ref, "apiVersion");
              var slash = apiVersion.indexOf('/');
              var group = slash < 0 ? "" : apiVersion.substring(0, slash);
              var kind = str(ref, "kind");
              var groupKind = group.isEmpty() ? kind : kind + "." + group;
              controller = groupKind.isEmpty() ? str(ref, "name") : groupKind.toLowerCase() + "/" + str(ref, "name");
              break;
            }
          }
          return row(name(o), controller, num(o, "revision"), age(o, now));
        });
  }

  static TablePrinter resourceQuotas() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Request", "string", "Request represents a minimum amount of cpu/memory that a container may consume."),
        of("Limit", "string", "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node."),
        ageColumn()),
        (o, now) -> {
          var hard = stringMap(o, "status", "hard");
          var used = stringMap(o, "status", "used");
          var requests = new ArrayList<String>();
          var limits = new ArrayList<String>();
          for (Map.Entry<String, String> e : hard.entrySet()) {
            var text = e.getKey() + ": " + used.getOrDefault(e.getKey(), "0") + "/" + e.getValue();
            var pieces = e.getKey().split("\\.");
            (pieces.length > 1 && pieces[0].equals("limits") ? limits : requests).add(text);
          }
          return row(name(o), String.join(", ", requests), String.join(", ", limits), age(o, now));
        });
  }

  static TablePrinter priorityClasses() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Value", "integer", "value represents the integer value of this priority class."),
        of("Global-Default", "boolean", "globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class."),
        ageColumn(),
        of("PreemptionPolicy", "string", "preemptionPolicy is the Policy for preempting pods with lower priority.")),
        (o, now) -> row(name(o), num(o, "value"), bool(o, "globalDefault"), age(o, now), str(o, "preemptionPolicy")));
  }

  static TablePrinter runtimeClasses() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Handler", "string", "handler specifies the underlying runtime and configuration that the CRI implementation will use to handle pods of this class."),
        ageColumn()),
        (o, now) -> row(name(o), str(o, "handler"), age(o, now)));
  }

  static TablePrinter volumeAttachments() {
    return new ColumnPrinter(List.of(nameColumn(),
        new ColumnDefinition("Attacher", "string", "name", "attacher indicates the name of the volume driver that MUST handle this request.", 0),
        of("PV", "string", "persistentVolumeName represents the name of the persistent volume to attach."),
        of("Node", "string", "nodeName represents the node that the volume should be attached to."),
        of("Attached", "boolean", "attached indicates the volume is successfully attached."),
        ageColumn()),
        (o, now) -> row(name(o), str(o, "spec", "attacher"), str(o, "spec", "source", "persistentVolumeName"), str(o, "spec", "nodeName"),
            bool(o, "status", "attached"), age(o, now)));
  }

  static TablePrinter csiNodes() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("Drivers", "integer", "Drivers indicates the number of CSI drivers registered on the node"),
        ageColumn()),
        (o, now) -> row(name(o), (long) size(o, "spec", "drivers"), age(o, now)));
  }

  static TablePrinter csiDrivers() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("AttachRequired", "boolean", "attachRequired indicates this CSI volume driver requires an attach operation."),
        of("PodInfoOnMount", "boolean", "podInfoOnMount indicates this CSI volume driver requires additional pod information (like podName, podUID, etc.) during mount operations."),
        of("StorageCapacity", "boolean", "storageCapacity indicates that the CSI volume driver wants pod scheduling to consider the storage capacity that the driver deployment will report."),
        of("TokenRequests", "string", "tokenRequests indicates the CSI driver needs pods' service account tokens it is mounting volume for to do necessary authentication."),
        of("RequiresRepublish", "boolean", "requiresRepublish indicates the CSI driver wants `NodePublishVolume` being periodically called to reflect any possible change in the mounted volume."),
        of("Modes", "string", "volumeLifecycleModes defines what kind of volumes this CSI volume driver supports."),
        ageColumn()),
        (o, now) -> {
          var spec = at(o, "spec");
          var attach = present(at(spec, "attachRequired")) ? bool(spec, "attachRequired") : true;
          var modes = new ArrayList<String>();
          list(spec, "volumeLifecycleModes").forEach(m -> modes.add(m.asText()));
          var tokenRequests = "<unset>";
          if (present(at(spec, "tokenRequests"))) {
            var audiences = new ArrayList<String>();
            list(spec, "tokenRequests").forEach(t -> audiences.add(str(t, "audience")));
            tokenRequests = String.join(",", audiences);
          }
          return row(name(o), attach, bool(spec, "podInfoOnMount"), bool(spec, "storageCapacity"), tokenRequests,
              bool(spec, "requiresRepublish"), modes.isEmpty() ? "<none>" : String.join(",", modes), age(o, now));
        });
  }

  static TablePrinter csiStorageCapacities() {
    return new ColumnPrinter(List.of(nameColumn(),
        of("StorageClassName", "string", "storageClassName represents the name of the StorageClass that the reported capacity applies to."),
        of("Capacity", "string", "capacity is the value reported by the CSI driver in its GetCapacityResponse for a GetCapacityRequest with topology and parameters that match the previous fields.")),
        (o, now) -> row(name(o), str(o, "storageClassName"), present(at(o, "capacity")) ? str(o, "capacity") : "<unset>"));
  }
}
