package io.kube4j.machinery.selection;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.machinery.errors.ApiException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which fields each built-in kind lets a field selector use, and their values on an object: upstream's
 * per-kind field-label conversion functions (which accept, rename or reject a selector's fields, with
 * their exact messages) and {@code GetAttrs}/{@code ToSelectableFields} (the values matched against).
 * Kinds without a conversion function accept only {@code metadata.name} and {@code metadata.namespace}.
 */
public final class SelectableFields {

  private SelectableFields() {}

  /** Supported labels per resource, mapped to the field name used for matching (usually the same). */
  private static final Map<String, Map<String, String>> CONVERSIONS = Map.of(
      "/pods", same("metadata.name", "metadata.namespace", "spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
          "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs", "status.nominatedNodeName",
          // old v1 clients send spec.host
          "spec.host=spec.nodeName"),
      "/nodes", same("metadata.name", "spec.unschedulable"),
      "/replicationcontrollers", same("metadata.name", "metadata.namespace", "status.replicas"),
      "/events", same("involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
          "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent",
          "source", "type", "metadata.namespace", "metadata.name"),
      "/namespaces", same("status.phase", "metadata.name"),
      "/secrets", same("type", "metadata.namespace", "metadata.name"),
      "/services", same("metadata.namespace", "metadata.name", "spec.clusterIP", "spec.type"),
      "batch/jobs", same("metadata.name", "metadata.namespace", "status.successful"),
      "events.k8s.io/events", same("reason", "regarding.kind=involvedObject.kind", "regarding.namespace=involvedObject.namespace",
          "regarding.name=involvedObject.name", "regarding.uid=involvedObject.uid", "regarding.apiVersion=involvedObject.apiVersion",
          "regarding.resourceVersion=involvedObject.resourceVersion", "regarding.fieldPath=involvedObject.fieldPath",
          "reportingController=reportingComponent", "type", "metadata.namespace", "metadata.name"));

  private static Map<String, String> same(String... labels) {
    var m = new LinkedHashMap<String, String>();
    for (var l : labels) {
      var eq = l.indexOf('=');
      if (eq < 0) {
        m.put(l, l);
      } else {
        m.put(l.substring(0, eq), l.substring(eq + 1));
      }
    }
    return m;
  }

  /**
   * Checks a selector against what the resource supports and rewrites renamed labels
   * ({@code spec.host} to {@code spec.nodeName}, {@code regarding.name} to {@code involvedObject.name}).
   *
   * @throws ApiException 400 BadRequest: {@code field label not supported: x} for kinds with their own field
   *     labels, {@code "x" is not a known field selector: only "metadata.name", "metadata.namespace"} for the others
   */
  public static FieldSelector convert(String group, String resource, FieldSelector selector) {
    var conversion = CONVERSIONS.get((group == null ? "" : group) + "/" + resource);
    var terms = new ArrayList<FieldSelector.Term>();
    for (var t : selector.terms()) {
      String target;
      if (conversion == null) {
        if (!t.field().equals("metadata.name") && !t.field().equals("metadata.namespace")) {
          throw ApiException.badRequest(LabelSyntax.quote(t.field()) + " is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
        }
        target = t.field();
      } else {
        target = conversion.get(t.field());
        if (target == null) {
          throw ApiException.badRequest("field label not supported: " + t.field());
        }
      }
      terms.add(new FieldSelector.Term(target, t.equal(), t.value()));
    }
    return FieldSelector.of(terms);
  }

  /**
   * Checks a custom resource selector: {@code metadata.name}, {@code metadata.namespace} and the CRD
   * version's {@code selectableFields} (given as paths without the leading dot, e.g. {@code spec.color}).
   *
   * @throws ApiException 400 {@code field label not supported: x}
   */
  public static FieldSelector convertCustom(FieldSelector selector, Collection<String> selectableFields) {
    for (var t : selector.terms()) {
      if (!t.field().equals("metadata.name") && !t.field().equals("metadata.namespace") && !selectableFields.contains(t.field())) {
        throw ApiException.badRequest("field label not supported: " + t.field());
      }
    }
    return selector;
  }

  /**
   * The field values of a built-in object as upstream's {@code GetAttrs} computes them, to match a
   * {@link #convert converted} selector against ({@code selector.matches(fields::get)}).
   */
  public static Map<String, String> of(String group, String resource, JsonNode object, boolean namespaced) {
    var f = new HashMap<String, String>();
    f.put("metadata.name", text(object, "metadata", "name"));
    if (namespaced) {
      f.put("metadata.namespace", text(object, "metadata", "namespace"));
    }
    switch ((group == null ? "" : group) + "/" + resource) {
      case "/pods" -> {
        f.put("spec.nodeName", text(object, "spec", "nodeName"));
        f.put("spec.restartPolicy", text(object, "spec", "restartPolicy"));
        f.put("spec.schedulerName", text(object, "spec", "schedulerName"));
        f.put("spec.serviceAccountName", text(object, "spec", "serviceAccountName"));
        f.put("spec.hostNetwork", Boolean.toString(object.path("spec").path("hostNetwork").asBoolean(false)));
        f.put("status.phase", text(object, "status", "phase"));
        var ips = object.path("status").path("podIPs");
        f.put("status.podIP", ips.isArray() && !ips.isEmpty() ? ips.get(0).path("ip").asText("") : "");
        f.put("status.nominatedNodeName", text(object, "status", "nominatedNodeName"));
      }
      case "/nodes" -> f.put("spec.unschedulable", Boolean.toString(object.path("spec").path("unschedulable").asBoolean(false)));
      case "/replicationcontrollers" -> f.put("status.replicas", Long.toString(object.path("status").path("replicas").asLong(0)));
      case "/namespaces" -> f.put("status.phase", text(object, "status", "phase"));
      case "/secrets" -> f.put("type", text(object, "type"));
      case "/services" -> {
        f.put("spec.clusterIP", text(object, "spec", "clusterIP"));
        f.put("spec.type", text(object, "spec", "type"));
      }
      case "batch/jobs" -> f.put("status.successful", Long.toString(object.path("status").path("succeeded").asLong(0)));
      case "/events", "events.k8s.io/events" -> putEventFields(f, object);
      default -> { }
    }
    return f;
  }

  private static void putEventFields(Map<String, String> f, JsonNode event) {
    // both API versions share storage upstream; read whichever shape the object has
    var involved = event.has("involvedObject") ? event.path("involvedObject") : event.path("regarding");
    f.put("involvedObject.kind", text(involved, "kind"));
    f.put("involvedObject.namespace", text(involved, "namespace"));
    f.put("involvedObject.name", text(involved, "name"));
    f.put("involvedObject.uid", text(involved, "uid"));
    f.put("involvedObject.apiVersion", text(involved, "apiVersion"));
    f.put("involvedObject.resourceVersion", text(involved, "resourceVersion"));
    f.put("involvedObject.fieldPath", text(involved, "fieldPath"));
    f.put("reason", text(event, "reason"));
    f.put("reportingComponent", text(event, "reportingController").isEmpty() ? text(event, "reportingComponent") : text(event, "reportingController"));
    var source = event.has("source") ? text(event, "source", "component") : text(event, "deprecatedSource", "component");
    f.put("source", source.isEmpty() ? text(event, "reportingController") : source);
    f.put("type", text(event, "type"));
  }

  /** The field values of a custom resource: metadata plus each selectable field's value as text. */
  public static Map<String, String> ofCustomResource(JsonNode object, boolean namespaced, List<String> selectableFields) {
    var f = new HashMap<String, String>();
    f.put("metadata.name", text(object, "metadata", "name"));
    if (namespaced) {
      f.put("metadata.namespace", text(object, "metadata", "namespace"));
    }
    for (var field : selectableFields) {
      var node = object;
      for (var part : field.split("\\.")) {
        node = node.path(part);
      }
      if (node.isValueNode() && !node.isNull()) {
        f.put(field, node.asText());
      }
    }
    return f;
  }

  private static String text(JsonNode node, String... path) {
    var n = node;
    for (var p : path) {
      n = n.path(p);
    }
    return n.isValueNode() && !n.isNull() ? n.asText() : "";
  }
}
