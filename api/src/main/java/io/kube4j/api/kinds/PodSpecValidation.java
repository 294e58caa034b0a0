package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.IntOrString;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.LabelSelectorValidation;
import io.kube4j.api.validation.Names;
import io.kube4j.api.validation.ObjectMetaValidation;
import io.kube4j.api.validation.Quantity;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Upstream's ValidatePodSpec for pods and pod templates: containers, ports, env, volume mounts, resources, probes,
 * volumes, policies, node selector, tolerations and the basics of affinity, with 1.32's paths and messages.
 */
final class PodSpecValidation {

  static final List<String> RESTART_POLICIES = List.of("Always", "Never", "OnFailure");
  static final List<String> DNS_POLICIES = List.of("ClusterFirst", "ClusterFirstWithHostNet", "Default", "None");
  static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
  private static final List<String> TERMINATION_MESSAGE_POLICIES = List.of("FallbackToLogsOnError", "File");
  private static final List<String> TAINT_EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");
  private static final List<String> NODE_SELECTOR_OPERATORS = List.of("DoesNotExist", "Exists", "Gt", "In", "Lt", "NotIn");
  private static final List<String> HOST_PATH_TYPES = List.of("", "BlockDevice", "CharDevice", "Directory",
      "DirectoryOrCreate", "File", "FileOrCreate", "Socket");
  private static final List<String> FIELD_REF_PATHS = List.of("metadata.annotations", "metadata.labels",
      "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName",
      "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs");
  private static final List<String> RESOURCE_FIELD_REFS = List.of("limits.cpu", "limits.ephemeral-storage",
      "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory");
  private static final Set<String> STANDARD_CONTAINER_RESOURCES = Set.of("cpu", "memory", "ephemeral-storage");
  private static final Pattern LABEL_OR_ANNOTATION_REF = Pattern.compile("metadata\\.(labels|annotations)\\['(.*)'\\]");

  private PodSpecValidation() {}

  static void validate(JsonNode spec, FieldPath path, List<FieldError> errs) {
    if (spec == null) {
      errs.add(FieldError.required(path.child("containers").value(), ""));
      return;
    }
    var volumes = validateVolumes(Json.objects(spec, "volumes"), path.child("volumes"), errs);
    var names = new HashSet<String>();
    validateContainers(spec, "initContainers", path, volumes, names, errs);
    if (Json.size(spec, "containers") == 0) {
      errs.add(FieldError.required(path.child("containers").value(), ""));
    }
    validateContainers(spec, "containers", path, volumes, names, errs);

    Checks.oneOf(spec, "restartPolicy", path, RESTART_POLICIES, errs);
    if (Json.has(spec, "restartPolicy") && Json.text(spec, "restartPolicy").isEmpty()) {
      errs.add(FieldError.required(path.child("restartPolicy").value(), ""));
    }
    Checks.oneOf(spec, "dnsPolicy", path, DNS_POLICIES, errs);
    if ("None".equals(Json.text(spec, "dnsPolicy")) && !Json.has(spec, "dnsConfig")) {
      errs.add(FieldError.required(path.child("dnsConfig").value(), "must provide `dnsConfig` when `dnsPolicy` is None"));
    }
    var deadline = Json.longValue(spec, "activeDeadlineSeconds");
    if (deadline != null && (deadline < 1 || deadline > Integer.MAX_VALUE)) {
      errs.add(FieldError.invalid(path.child("activeDeadlineSeconds").value(), deadline,
          Names.inclusiveRangeError(1, Integer.MAX_VALUE)));
    }
    errs.addAll(ObjectMetaValidation.labels(Json.get(spec, "nodeSelector"), path.child("nodeSelector")));
    Checks.subdomain(spec, "serviceAccountName", path, errs);
    Checks.subdomain(spec, "nodeName", path, errs);
    Checks.subdomain(spec, "priorityClassName", path, errs);
    Checks.subdomain(spec, "runtimeClassName", path, errs);
    validateIds(Json.object(spec, "securityContext"), path.child("securityContext"),
        List.of("runAsUser", "runAsGroup", "fsGroup"), errs);
    for (var id : Json.strings(Json.object(spec, "securityContext"), "supplementalGroups")) {
      if (!id.matches("\\d+") || Long.parseLong(id) > Integer.MAX_VALUE) {
        errs.add(FieldError.invalid(path.child("securityContext", "supplementalGroups").value(), id,
            Names.inclusiveRangeError(0, Integer.MAX_VALUE)));
      }
    }
    for (String field : List.of("hostname", "subdomain")) {
      var v = Json.text(spec, field);
      if (!v.isEmpty()) {
        Checks.format(v, path.child(field), Names::dns1123Label, errs);
      }
    }
    validateTolerations(Json.objects(spec, "tolerations"), path.child("tolerations"), errs);
    validateAffinity(Json.object(spec, "affinity"), path.child("affinity"), errs);
    if (Json.bool(spec, "hostNetwork")) {
      for (String list : List.of("initContainers", "containers")) {
        var containers = Json.objects(spec, list);
        for (int i = 0; i < containers.size(); i++) {
          var ports = Json.objects(containers.get(i), "ports");
          for (int j = 0; j < ports.size(); j++) {
            var host = Json.longValue(ports.get(j), "hostPort");
            var container = Json.longValue(ports.get(j), "containerPort");
            if (host != null && host != 0 && !host.equals(container)) {
              errs.add(FieldError.invalid(path.child(list).index(i).child("ports").index(j).child("hostPort").value(),
                  host, "must match `containerPort` when `hostNetwork` is true"));
            }
          }
        }
      }
    }
  }

  /** User and group IDs: 0 to 2^31-1. */
  private static void validateIds(JsonNode context, FieldPath path, List<String> fields, List<FieldError> errs) {
    for (String f : fields) {
      var id = Json.longValue(context, f);
      if (id != null && (id < 0 || id > Integer.MAX_VALUE)) {
        errs.add(FieldError.invalid(path.child(f).value(), id, Names.inclusiveRangeError(0, Integer.MAX_VALUE)));
      }
    }
  }

  private static Set<String> validateVolumes(List<ObjectNode> volumes, FieldPath path, List<FieldError> errs) {
    var names = new HashSet<String>();
    for (int i = 0; i < volumes.size(); i++) {
      var v = volumes.get(i);
      var p = path.index(i);
      var name = Json.text(v, "name");
      if (name.isEmpty()) {
        errs.add(FieldError.required(p.child("name").value(), ""));
      } else {
        Checks.format(name, p.child("name"), Names::dns1123Label, errs);
        if (!names.add(name)) {
          errs.add(FieldError.duplicate(p.child("name").value(), name));
        }
      }
      int sources = 0;
      for (String source : PodSpecDefaults.VOLUME_SOURCES) {
        if (Json.has(v, source)) {
          sources++;
          if (sources > 1) {
            errs.add(FieldError.forbidden(p.child(source).value(), "may not specify more than 1 volume type"));
          } else {
            validateVolumeSource(source, Json.object(v, source), p.child(source), errs);
          }
        }
      }
      if (sources == 0) {
        errs.add(FieldError.required(p.value(), "must specify a volume type"));
      }
    }
    return names;
  }

  private static void validateVolumeSource(String type, ObjectNode src, FieldPath p, List<FieldError> errs) {
    if (src == null) {
      return;
    }
    switch (type) {
      case "configMap" -> {
        if (Json.text(src, "name").isEmpty()) {
          errs.add(FieldError.required(p.child("name").value(), ""));
        }
        validateMode(src, "defaultMode", p, errs);
        validateKeyToPaths(src, p, errs);
      }
      case "secret" -> {
        if (Json.text(src, "secretName").isEmpty()) {
          errs.add(FieldError.required(p.child("secretName").value(), ""));
        }
        validateMode(src, "defaultMode", p, errs);
        validateKeyToPaths(src, p, errs);
      }
      case "persistentVolumeClaim" -> {
        if (Json.text(src, "claimName").isEmpty()) {
          errs.add(FieldError.required(p.child("claimName").value(), ""));
        }
      }
      case "hostPath" -> {
        if (Json.text(src, "path").isEmpty()) {
          errs.add(FieldError.required(p.child("path").value(), ""));
        } else if (List.of(Json.text(src, "path").split("/")).contains("..")) {
          errs.add(FieldError.invalid(p.child("path").value(), Json.text(src, "path"), "must not contain '..'"));
        }
        Checks.oneOf(src, "type", p, HOST_PATH_TYPES, errs);
      }
      case "emptyDir" -> {
        var size = Json.get(src, "sizeLimit");
        if (size != null) {
          Checks.nonNegativeQuantity(size, p.child("sizeLimit"), errs);
        }
        Checks.oneOf(src, "medium", p, List.of("", "HugePages", "Memory"), errs);
      }
      case "downwardAPI" -> {
        validateMode(src, "defaultMode", p, errs);
        var items = Json.objects(src, "items");
        for (int i = 0; i < items.size(); i++) {
          var ip = p.child("items").index(i);
          validateRelativePath(Json.text(items.get(i), "path"), ip.child("path"), errs);
          var fieldRef = Json.object(items.get(i), "fieldRef");
          if (fieldRef != null) {
            validateFieldRef(fieldRef, ip.child("fieldRef"), errs);
          }
        }
      }
      case "nfs" -> {
        Checks.required(src, "server", p, errs);
        Checks.required(src, "path", p, errs);
      }
      case "csi" -> Checks.required(src, "driver", p, errs);
      case "image" -> Checks.required(src, "reference", p, errs);
      default -> { }
    }
  }

  private static void validateMode(JsonNode src, String field, FieldPath p, List<FieldError> errs) {
    var mode = Json.longValue(src, field);
    if (mode != null && (mode < 0 || mode > 0777)) {
      errs.add(FieldError.invalid(p.child(field).value(), mode, "must be a number between 0 and 0777 (octal), both inclusive"));
    }
  }

  private static void validateKeyToPaths(JsonNode src, FieldPath p, List<FieldError> errs) {
    var items = Json.objects(src, "items");
    for (int i = 0; i < items.size(); i++) {
      var ip = p.child("items").index(i);
      if (Json.text(items.get(i), "key").isEmpty()) {
        errs.add(FieldError.required(ip.child("key").value(), ""));
      }
      validateRelativePath(Json.text(items.get(i), "path"), ip.child("path"), errs);
      validateMode(items.get(i), "mode", ip, errs);
    }
  }

  private static void validateRelativePath(String path, FieldPath p, List<FieldError> errs) {
    if (path.isEmpty()) {
      errs.add(FieldError.required(p.value(), ""));
      return;
    }
    if (path.startsWith("/")) {
      errs.add(FieldError.invalid(p.value(), path, "must be a relative path"));
    }
    if (List.of(path.split("/")).contains("..")) {
      errs.add(FieldError.invalid(p.value(), path, "must not contain '..'"));
    }
  }

  private static void validateContainers(JsonNode spec, String list, FieldPath specPath, Set<String> volumes,
      Set<String> names, List<FieldError> errs) {
    var containers = Json.objects(spec, list);
    for (int i = 0; i < containers.size(); i++) {
      var c = containers.get(i);
      var p = specPath.child(list).index(i);
      var name = Json.text(c, "name");
      if (name.isEmpty()) {
        errs.add(FieldError.required(p.child("name").value(), ""));
      } else {
        Checks.format(name, p.child("name"), Names::dns1123Label, errs);
        if (!names.add(name)) {
          errs.add(FieldError.duplicate(p.child("name").value(), name));
        }
      }
      var image = Json.text(c, "image");
      if (image.isEmpty()) {
        errs.add(FieldError.required(p.child("image").value(), ""));
      } else if (!image.equals(image.strip())) {
        errs.add(FieldError.invalid(p.child("image").value(), image, "must not have leading or trailing whitespace"));
      }
      Checks.oneOf(c, "imagePullPolicy", p, PULL_POLICIES, errs);
      Checks.oneOf(c, "terminationMessagePolicy", p, TERMINATION_MESSAGE_POLICIES, errs);
      var securityContext = Json.object(c, "securityContext");
      validateIds(securityContext, p.child("securityContext"), List.of("runAsUser", "runAsGroup"), errs);
      if (Json.bool(securityContext, "privileged") && Json.has(securityContext, "allowPrivilegeEscalation")
          && !Json.bool(securityContext, "allowPrivilegeEscalation")) {
        errs.add(FieldError.invalid(p.child("securityContext").value(), new Json.Rendered(securityContext.toString()),
            "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"));
      }
      validatePorts(Json.objects(c, "ports"), p.child("ports"), errs);
      validateEnv(Json.objects(c, "env"), p.child("env"), errs);
      validateEnvFrom(Json.objects(c, "envFrom"), p.child("envFrom"), errs);
      validateVolumeMounts(Json.objects(c, "volumeMounts"), p.child("volumeMounts"), volumes, errs);
      validateResources(Json.object(c, "resources"), p.child("resources"), errs);
      for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
        var pr = Json.object(c, probe);
        if (pr == null) {
          continue;
        }
        if (list.equals("initContainers") && !"Always".equals(Json.text(c, "restartPolicy"))) {
          errs.add(FieldError.forbidden(p.child(probe).value(), "may not be set for init containers without restartPolicy=Always"));
          continue;
        }
        validateProbe(pr, p.child(probe), !probe.equals("readinessProbe"), errs);
      }
      if (list.equals("initContainers") && Json.has(c, "restartPolicy")) {
        Checks.oneOf(c, "restartPolicy", p, List.of("Always"), errs);
      } else if (list.equals("containers") && Json.has(c, "restartPolicy")) {
        errs.add(FieldError.forbidden(p.child("restartPolicy").value(), "may not be set for non-init containers"));
      }
    }
  }

  private static void validatePorts(List<ObjectNode> ports, FieldPath path, List<FieldError> errs) {
    var names = new HashSet<String>();
    for (int i = 0; i < ports.size(); i++) {
      var port = ports.get(i);
      var p = path.index(i);
      var name = Json.text(port, "name");
      if (!name.isEmpty()) {
        Checks.format(name, p.child("name"), Names::ianaSvcName, errs);
        if (!names.add(name)) {
          errs.add(FieldError.duplicate(p.child("name").value(), name));
        }
      }
      var containerPort = Json.longValue(port, "containerPort");
      if (containerPort == null || containerPort == 0) {
        errs.add(FieldError.required(p.child("containerPort").value(), ""));
      } else {
        for (String msg : Names.portNumber(containerPort)) {
          errs.add(FieldError.invalid(p.child("containerPort").value(), containerPort, msg));
        }
      }
      var hostPort = Json.longValue(port, "hostPort");
      if (hostPort != null && hostPort != 0) {
        for (String msg : Names.portNumber(hostPort)) {
          errs.add(FieldError.invalid(p.child("hostPort").value(), hostPort, msg));
        }
      }
      if (Json.text(port, "protocol").isEmpty()) {
        errs.add(FieldError.required(p.child("protocol").value(), ""));
      } else {
        Checks.oneOf(port, "protocol", p, PROTOCOLS, errs);
      }
    }
  }

  private static void validateEnv(List<ObjectNode> env, FieldPath path, List<FieldError> errs) {
    for (int i = 0; i < env.size(); i++) {
      var e = env.get(i);
      var p = path.index(i);
      var name = Json.text(e, "name");
      if (name.isEmpty()) {
        errs.add(FieldError.required(p.child("name").value(), ""));
      } else {
        Checks.format(name, p.child("name"), Names::envVarName, errs);
      }
      var from = Json.object(e, "valueFrom");
      if (from == null) {
        continue;
      }
      var fp = p.child("valueFrom");
      int sources = 0;
      for (String s : List.of("fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef")) {
        var ref = Json.object(from, s);
        if (ref == null) {
          continue;
        }
        sources++;
        switch (s) {
          case "fieldRef" -> validateFieldRef(ref, fp.child(s), errs);
          case "resourceFieldRef" -> {
            var resource = Json.text(ref, "resource");
            if (resource.isEmpty()) {
              errs.add(FieldError.required(fp.child(s, "resource").value(), ""));
            } else if (!RESOURCE_FIELD_REFS.contains(resource) && !resource.startsWith("limits.hugepages-")
                && !resource.startsWith("requests.hugepages-")) {
              errs.add(FieldError.notSupported(fp.child(s, "resource").value(), resource, RESOURCE_FIELD_REFS));
            }
          }
          default -> {
            if (Json.text(ref, "name").isEmpty()) {
              errs.add(FieldError.required(fp.child(s, "name").value(), ""));
            }
            var key = Json.text(ref, "key");
            if (key.isEmpty()) {
              errs.add(FieldError.required(fp.child(s, "key").value(), ""));
            } else {
              Checks.format(key, fp.child(s, "key"), Names::configMapKey, errs);
            }
          }
        }
      }
      if (sources == 0) {
        errs.add(FieldError.invalid(fp.value(), "",
            "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
      } else if (sources > 1) {
        errs.add(FieldError.invalid(fp.value(), "", "may not have more than one field specified at a time"));
      } else if (!Json.text(e, "value").isEmpty()) {
        errs.add(FieldError.invalid(fp.value(), "", "may not be specified when `value` is not empty"));
      }
    }
  }

  private static void validateFieldRef(JsonNode ref, FieldPath p, List<FieldError> errs) {
    if (Json.text(ref, "apiVersion").isEmpty()) {
      errs.add(FieldError.required(p.child("apiVersion").value(), ""));
    }
    var fieldPath = Json.text(ref, "fieldPath");
    if (fieldPath.isEmpty()) {
      errs.add(FieldError.required(p.child("fieldPath").value(), ""));
      return;
    }
    var m = LABEL_OR_ANNOTATION_REF.matcher(fieldPath);
    if (m.matches()) {
      var key = m.group(2);
      var msgs = m.group(1).equals("labels") ? Names.qualifiedName(key) : Names.qualifiedName(key.toLowerCase(java.util.Locale.ROOT));
      for (String msg : msgs) {
        errs.add(FieldError.invalid(p.child("fieldPath").value(), fieldPath, "invalid key: " + msg));
      }
      return;
    }
    if (!FIELD_REF_PATHS.contains(fieldPath)) {
      errs.add(FieldError.notSupported(p.child("fieldPath").value(), fieldPath, FIELD_REF_PATHS));
    }
  }

  private static void validateEnvFrom(List<ObjectNode> envFrom, FieldPath path, List<FieldError> errs) {
    for (int i = 0; i < envFrom.size(); i++) {
      var e = envFrom.get(i);
      var p = path.index(i);
      var prefix = Json.text(e, "prefix");
      if (!prefix.isEmpty()) {
        Checks.format(prefix, p.child("prefix"), Names::envVarName, errs);
      }
      int sources = 0;
      for (String s : List.of("configMapRef", "secretRef")) {
        var ref = Json.object(e, s);
        if (ref != null) {
          sources++;
          var name = Json.text(ref, "name");
          if (name.isEmpty()) {
            errs.add(FieldError.required(p.child(s, "name").value(), ""));
          } else {
            Checks.format(name, p.child(s, "name"), Names::dns1123Subdomain, errs);
          }
        }
      }
      if (sources == 0) {
        errs.add(FieldError.invalid(p.value(), "", "must specify one of: `configMapRef` or `secretRef`"));
      } else if (sources > 1) {
        errs.add(FieldError.invalid(p.value(), "", "may not have more than one field specified at a time"));
      }
    }
  }

  private static void validateVolumeMounts(List<ObjectNode> mounts, FieldPath path, Set<String> volumes,
      List<FieldError> errs) {
    var mountPaths = new HashSet<String>();
    for (int i = 0; i < mounts.size(); i++) {
      var m = mounts.get(i);
      var p = path.index(i);
      var name = Json.text(m, "name");
      if (name.isEmpty()) {
        errs.add(FieldError.required(p.child("name").value(), ""));
      } else if (!volumes.contains(name)) {
        errs.add(FieldError.notFound(p.child("name").value(), name));
      }
      var mountPath = Json.text(m, "mountPath");
      if (mountPath.isEmpty()) {
        errs.add(FieldError.required(p.child("mountPath").value(), ""));
      } else if (!mountPaths.add(mountPath)) {
        errs.add(FieldError.invalid(p.child("mountPath").value(), mountPath, "must be unique"));
      }
      var subPath = Json.text(m, "subPath");
      if (!subPath.isEmpty()) {
        validateRelativePath(subPath, p.child("subPath"), errs);
      }
      if (Json.has(m, "subPath") && Json.has(m, "subPathExpr") && !subPath.isEmpty()) {
        errs.add(FieldError.invalid(p.child("subPathExpr").value(), Json.text(m, "subPathExpr"),
            "subPathExpr and subPath are mutually exclusive"));
      }
      Checks.oneOf(m, "mountPropagation", p, List.of("Bidirectional", "HostToContainer", "None"), errs);
    }
  }

  static void validateResources(JsonNode resources, FieldPath path, List<FieldError> errs) {
    if (resources == null) {
      return;
    }
    var limits = new HashMap<String, Quantity>();
    for (var e : Json.entries(resources, "limits")) {
      var p = path.child("limits").key(e.getKey());
      validateResourceName(e.getKey(), p, errs);
      var q = Checks.quantity(Json.get(Json.get(resources, "limits"), e.getKey()), p, errs);
      if (q != null) {
        if (q.signum() < 0) {
          errs.add(FieldError.invalid(p.value(), q.toString(), "must be greater than or equal to 0"));
        }
        limits.put(e.getKey(), q);
      }
    }
    for (var e : Json.entries(resources, "requests")) {
      var p = path.child("requests").key(e.getKey());
      validateResourceName(e.getKey(), p, errs);
      var q = Checks.quantity(Json.get(Json.get(resources, "requests"), e.getKey()), p, errs);
      if (q == null) {
        continue;
      }
      if (q.signum() < 0) {
        errs.add(FieldError.invalid(p.value(), q.toString(), "must be greater than or equal to 0"));
      }
      var limit = limits.get(e.getKey());
      boolean overcommittable = STANDARD_CONTAINER_RESOURCES.contains(e.getKey());
      if (limit != null && overcommittable && q.compareTo(limit) > 0) {
        errs.add(FieldError.invalid(p.value(), q.toString(),
            "must be less than or equal to " + e.getKey() + " limit of " + limit));
      } else if (!overcommittable && !e.getKey().startsWith("hugepages-")) {
        if (limit == null) {
          errs.add(FieldError.forbidden(p.value(), "Limit must be set for non overcommitable resources"));
        } else if (q.compareTo(limit) != 0) {
          errs.add(FieldError.invalid(p.value(), q.toString(),
              "must be equal to " + e.getKey() + " limit of " + limit));
        }
      }
    }
  }

  private static void validateResourceName(String name, FieldPath p, List<FieldError> errs) {
    Checks.format(name, p, Names::qualifiedName, errs);
    if (!name.contains("/")) {
      if (!STANDARD_CONTAINER_RESOURCES.contains(name) && !name.startsWith("hugepages-")) {
        errs.add(FieldError.invalid(p.value(), name, "must be a standard resource for containers"));
      }
    } else if (name.startsWith("kubernetes.io/") || name.startsWith("requests.")) {
      errs.add(FieldError.invalid(p.value(), name, "doesn't follow extended resource name standard"));
    }
  }

  private static void validateProbe(JsonNode probe, FieldPath p, boolean successMustBeOne, List<FieldError> errs) {
    int handlers = 0;
    for (String h : List.of("exec", "httpGet", "tcpSocket", "grpc")) {
      var handler = Json.object(probe, h);
      if (handler == null) {
        continue;
      }
      handlers++;
      if (handlers > 1) {
        errs.add(FieldError.forbidden(p.child(h).value(), "may not specify more than 1 handler type"));
        continue;
      }
      validateHandler(h, handler, p.child(h), errs);
    }
    if (handlers == 0) {
      errs.add(FieldError.required(p.value(), "must specify a handler type"));
    }
    for (String f : List.of("initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold",
        "failureThreshold", "terminationGracePeriodSeconds")) {
      Checks.nonNegative(probe, f, p, errs);
    }
    var success = Json.longValue(probe, "successThreshold");
    if (successMustBeOne && success != null && success != 1) {
      errs.add(FieldError.invalid(p.child("successThreshold").value(), success, "must be 1"));
    }
  }

  private static void validateHandler(String type, JsonNode handler, FieldPath p, List<FieldError> errs) {
    switch (type) {
      case "exec" -> {
        if (Json.size(handler, "command") == 0) {
          errs.add(FieldError.required(p.child("command").value(), ""));
        }
      }
      case "httpGet" -> {
        if (Json.text(handler, "path").isEmpty()) {
          errs.add(FieldError.required(p.child("path").value(), ""));
        }
        validateHandlerPort(handler, p, errs);
        Checks.oneOf(handler, "scheme", p, List.of("HTTP", "HTTPS"), errs);
      }
      case "tcpSocket" -> validateHandlerPort(handler, p, errs);
      case "grpc" -> {
        var port = Json.longValue(handler, "port");
        for (String msg : Names.portNumber(port == null ? 0 : port)) {
          errs.add(FieldError.invalid(p.child("port").value(), port == null ? 0 : port, msg));
        }
      }
      default -> { }
    }
  }

  private static void validateHandlerPort(JsonNode handler, FieldPath p, List<FieldError> errs) {
    var port = Json.get(handler, "port");
    if (port == null) {
      errs.add(FieldError.required(p.child("port").value(), ""));
    } else {
      errs.addAll(IntOrString.validatePort(port, p.child("port")));
    }
  }

  static void validateTolerations(List<ObjectNode> tolerations, FieldPath path, List<FieldError> errs) {
    for (int i = 0; i < tolerations.size(); i++) {
      var t = tolerations.get(i);
      var p = path.index(i);
      var key = Json.text(t, "key");
      if (!key.isEmpty()) {
        Checks.format(key, p.child("key"), Names::qualifiedName, errs);
      }
      var operator = Json.text(t, "operator");
      if (key.isEmpty() && !operator.equals("Exists")) {
        errs.add(FieldError.invalid(p.child("operator").value(), operator,
            "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
      }
      var effect = Json.text(t, "effect");
      if (Json.has(t, "tolerationSeconds") && !effect.equals("NoExecute")) {
        errs.add(FieldError.invalid(p.child("effect").value(), effect,
            "effect must be 'NoExecute' when `tolerationSeconds` is set"));
      }
      var value = Json.text(t, "value");
      switch (operator) {
        case "", "Equal" -> Checks.format(value, p.child("value"), Names::labelValue, errs);
        case "Exists" -> {
          if (!value.isEmpty()) {
            errs.add(FieldError.invalid(p.child("operator").value(), value, "value must be empty when `operator` is 'Exists'"));
          }
        }
        default -> errs.add(FieldError.notSupported(p.child("operator").value(), operator, List.of("Equal", "Exists")));
      }
      if (!effect.isEmpty() && !TAINT_EFFECTS.contains(effect)) {
        errs.add(FieldError.notSupported(p.child("effect").value(), effect, TAINT_EFFECTS));
      }
    }
  }

  private static void validateAffinity(JsonNode affinity, FieldPath path, List<FieldError> errs) {
    if (affinity == null) {
      return;
    }
    var node = Json.object(affinity, "nodeAffinity");
    if (node != null) {
      var np = path.child("nodeAffinity");
      var required = Json.object(node, "requiredDuringSchedulingIgnoredDuringExecution");
      if (required != null) {
        var rp = np.child("requiredDuringSchedulingIgnoredDuringExecution");
        var terms = Json.objects(required, "nodeSelectorTerms");
        if (terms.isEmpty()) {
          errs.add(FieldError.required(rp.child("nodeSelectorTerms").value(), "must have at least one node selector term"));
        }
        for (int i = 0; i < terms.size(); i++) {
          validateNodeSelectorTerm(terms.get(i), rp.child("nodeSelectorTerms").index(i), errs);
        }
      }
      var preferred = Json.objects(node, "preferredDuringSchedulingIgnoredDuringExecution");
      for (int i = 0; i < preferred.size(); i++) {
        var pp = np.child("preferredDuringSchedulingIgnoredDuringExecution").index(i);
        validateWeight(preferred.get(i), pp, errs);
        validateNodeSelectorTerm(Json.object(preferred.get(i), "preference"), pp.child("preference"), errs);
      }
    }
    for (String kind : List.of("podAffinity", "podAntiAffinity")) {
      var pa = Json.object(affinity, kind);
      if (pa == null) {
        continue;
      }
      var kp = path.child(kind);
      var required = Json.objects(pa, "requiredDuringSchedulingIgnoredDuringExecution");
      for (int i = 0; i < required.size(); i++) {
        validatePodAffinityTerm(required.get(i), kp.child("requiredDuringSchedulingIgnoredDuringExecution").index(i), errs);
      }
      var preferred = Json.objects(pa, "preferredDuringSchedulingIgnoredDuringExecution");
      for (int i = 0; i < preferred.size(); i++) {
        var pp = kp.child("preferredDuringSchedulingIgnoredDuringExecution").index(i);
        validateWeight(preferred.get(i), pp, errs);
        validatePodAffinityTerm(Json.object(preferred.get(i), "podAffinityTerm"), pp.child("podAffinityTerm"), errs);
      }
    }
  }

  private static void validateWeight(JsonNode preferred, FieldPath p, List<FieldError> errs) {
    var weight = Json.longValue(preferred, "weight");
    if (weight == null || weight < 1 || weight > 100) {
      errs.add(FieldError.invalid(p.child("weight").value(), weight == null ? 0 : weight, "must be in the range 1-100"));
    }
  }

  private static void validatePodAffinityTerm(JsonNode term, FieldPath p, List<FieldError> errs) {
    if (term == null) {
      return;
    }
    errs.addAll(LabelSelectorValidation.validate(Json.get(term, "labelSelector"), p.child("labelSelector")));
    errs.addAll(LabelSelectorValidation.validate(Json.get(term, "namespaceSelector"), p.child("namespaceSelector")));
    var topologyKey = Json.text(term, "topologyKey");
    if (topologyKey.isEmpty()) {
      errs.add(FieldError.required(p.child("topologyKey").value(), "can not be empty"));
    } else {
      Checks.format(topologyKey, p.child("topologyKey"), Names::qualifiedName, errs);
    }
  }

  static void validateNodeSelectorTerm(JsonNode term, FieldPath p, List<FieldError> errs) {
    if (term == null) {
      return;
    }
    var exprs = Json.objects(term, "matchExpressions");
    for (int i = 0; i < exprs.size(); i++) {
      var e = exprs.get(i);
      var ep = p.child("matchExpressions").index(i);
      var op = Json.text(e, "operator");
      var values = Json.strings(e, "values");
      switch (op) {
        case "In", "NotIn" -> {
          if (values.isEmpty()) {
            errs.add(FieldError.required(ep.child("values").value(), "must be specified when `operator` is 'In' or 'NotIn'"));
          }
        }
        case "Exists", "DoesNotExist" -> {
          if (!values.isEmpty()) {
            errs.add(FieldError.forbidden(ep.child("values").value(), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
          }
        }
        case "Gt", "Lt" -> {
          if (values.size() != 1) {
            errs.add(FieldError.required(ep.child("values").value(), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
          }
        }
        default -> errs.add(FieldError.notSupported(ep.child("operator").value(), op, NODE_SELECTOR_OPERATORS));
      }
      Checks.format(Json.text(e, "key"), ep.child("key"), Names::qualifiedName, errs);
    }
  }
}
