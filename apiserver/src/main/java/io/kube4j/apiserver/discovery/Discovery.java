package io.kube4j.apiserver.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.apiserver.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The discovery documents: legacy ({@code /api}, {@code /apis}, {@code /apis/<group>},
 * {@code /api/v1}, {@code /apis/<group>/<version>}) and aggregated ({@code apidiscovery.k8s.io/v2}),
 * all derived from the served resource definitions.
 */
public final class Discovery {

  public static final String AGGREGATED_V2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

  private final List<ResourceDefinition> resources;
  private final Supplier<String> serverAddress;
  /** group → versions in preference order. */
  private final Map<String, List<String>> groups = new LinkedHashMap<>();

  public Discovery(List<ResourceDefinition> resources, Supplier<String> serverAddress) {
    this.resources = List.copyOf(resources);
    this.serverAddress = serverAddress;
    for (var r : resources) {
      var versions = groups.computeIfAbsent(r.group(), g -> new ArrayList<>());
      for (var v : r.versions()) {
        if (!versions.contains(v)) {
          versions.add(v);
        }
      }
    }
  }

  /** {@code /api}. */
  public ObjectNode apiVersions() {
    var o = Json.object();
    o.put("kind", "APIVersions");
    o.putArray("versions").add("v1");
    var addr = o.putArray("serverAddressByClientCIDRs").addObject();
    addr.put("clientCIDR", "0.0.0.0/0");
    addr.put("serverAddress", serverAddress.get());
    return o;
  }

  /** {@code /apis}. */
  public ObjectNode apiGroupList() {
    var o = Json.object();
    o.put("kind", "APIGroupList").put("apiVersion", "v1");
    var items = o.putArray("groups");
    groups.forEach((group, versions) -> {
      if (!group.isEmpty()) {
        items.add(apiGroupBody(group, versions));
      }
    });
    return o;
  }

  /** {@code /apis/<group>}, if served. */
  public Optional<ObjectNode> apiGroup(String group) {
    var versions = groups.get(group);
    if (versions == null || group.isEmpty()) {
      return Optional.empty();
    }
    var o = apiGroupBody(group, versions);
    o.put("kind", "APIGroup").put("apiVersion", "v1");
    return Optional.of(o);
  }

  private ObjectNode apiGroupBody(String group, List<String> versions) {
    var o = Json.object();
    o.put("name", group);
    var vs = o.putArray("versions");
    for (var v : versions) {
      vs.addObject().put("groupVersion", group + "/" + v).put("version", v);
    }
    o.putObject("preferredVersion").put("groupVersion", group + "/" + versions.getFirst()).put("version", versions.getFirst());
    return o;
  }

  /** {@code /api/v1} or {@code /apis/<group>/<version>}, if served. */
  public Optional<ObjectNode> apiResourceList(String group, String version) {
    var list = resources.stream().filter(r -> r.group().equals(group) && r.versions().contains(version)).toList();
    if (list.isEmpty()) {
      return Optional.empty();
    }
    var o = Json.object();
    o.put("kind", "APIResourceList").put("apiVersion", "v1");
    o.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    var items = o.putArray("resources");
    for (var r : list) {
      var item = items.addObject();
      item.put("name", r.resource());
      item.put("singularName", r.singular());
      item.put("namespaced", r.namespaced());
      item.put("kind", r.kind());
      strings(item.putArray("verbs"), r.verbs());
      if (!r.shortNames().isEmpty()) {
        strings(item.putArray("shortNames"), r.shortNames());
      }
      if (!r.categories().isEmpty()) {
        strings(item.putArray("categories"), r.categories());
      }
      item.put("storageVersionHash", storageVersionHash(r));
      for (var sub : sortedSubresources(r)) {
        var s = Subresource.of(r, sub);
        var si = items.addObject();
        si.put("name", r.resource() + "/" + sub);
        si.put("singularName", "");
        si.put("namespaced", r.namespaced());
        if (!s.group().equals(r.group()) || !s.version().equals(version)) {
          si.put("group", s.group());
          si.put("version", s.version());
        }
        si.put("kind", s.kind());
        strings(si.putArray("verbs"), s.verbs());
      }
    }
    return Optional.of(o);
  }

  /** The aggregated discovery document for {@code /api} (core) or {@code /apis} (all named groups). */
  public ObjectNode aggregated(boolean core) {
    var o = Json.object();
    o.put("kind", "APIGroupDiscoveryList").put("apiVersion", "apidiscovery.k8s.io/v2");
    o.putObject("metadata");
    var items = o.putArray("items");
    groups.forEach((group, versions) -> {
      if (group.isEmpty() != core) {
        return;
      }
      var g = items.addObject();
      var meta = g.putObject("metadata");
      if (!group.isEmpty()) {
        meta.put("name", group);
      }
      meta.put("creationTimestamp", (String) null);
      var vs = g.putArray("versions");
      for (var v : versions) {
        var vo = vs.addObject();
        vo.put("version", v);
        var rs = vo.putArray("resources");
        for (var r : resources) {
          if (!r.group().equals(group) || !r.versions().contains(v)) {
            continue;
          }
          var ro = rs.addObject();
          ro.put("resource", r.resource());
          ro.putObject("responseKind").put("group", group).put("version", v).put("kind", r.kind());
          ro.put("scope", r.namespaced() ? "Namespaced" : "Cluster");
          ro.put("singularResource", r.singular());
          strings(ro.putArray("verbs"), r.verbs());
          if (!r.shortNames().isEmpty()) {
            strings(ro.putArray("shortNames"), r.shortNames());
          }
          if (!r.categories().isEmpty()) {
            strings(ro.putArray("categories"), r.categories());
          }
          var subs = sortedSubresources(r);
          if (!subs.isEmpty()) {
            var sa = ro.putArray("subresources");
            for (var sub : subs) {
              var s = Subresource.of(r, sub);
              var so = sa.addObject();
              so.put("subresource", sub);
              so.putObject("responseKind").put("group", s.group()).put("version", s.version()).put("kind", s.kind());
              strings(so.putArray("verbs"), s.verbs());
            }
          }
        }
        vo.put("freshness", "Current");
      }
    });
    return o;
  }

  private static List<String> sortedSubresources(ResourceDefinition r) {
    return r.subresources().stream().sorted().toList();
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  /** Upstream's storage version hash: the first 8 bytes of sha256("group/version/kind"), base64. */
  static String storageVersionHash(ResourceDefinition r) {
    try {
      var digest = MessageDigest.getInstance("SHA-256")
          .digest((r.group() + "/" + r.storageVersion() + "/" + r.kind()).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(digest, 8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What a subresource answers with, and which verbs it takes. */
  record Subresource(String group, String version, String kind, List<String> verbs) {
    static Subresource of(ResourceDefinition r, String name) {
      var rw = List.of("get", "patch", "update");
      return switch (name) {
        case "status", "ephemeralcontainers", "resize" -> new Subresource(r.group(), r.storageVersion(), r.kind(), rw);
        case "scale" -> new Subresource("autoscaling", "v1", "Scale", rw);
        case "binding" -> new Subresource("", "v1", "Binding", List.of("create"));
        case "eviction" -> new Subresource("policy", "v1", "Eviction", List.of("create"));
        case "log" -> new Subresource("", "v1", "Pod", List.of("get"));
        case "exec" -> new Subresource("", "v1", "PodExecOptions", List.of("create", "get"));
        case "attach" -> new Subresource("", "v1", "PodAttachOptions", List.of("create", "get"));
        case "portforward" -> new Subresource("", "v1", "PodPortForwardOptions", List.of("create", "get"));
        case "proxy" -> new Subresource("", "v1", r.kind() + "ProxyOptions", List.of("create", "delete", "get", "patch", "update"));
        case "token" -> new Subresource("authentication.k8s.io", "v1", "TokenRequest", List.of("create"));
        case "finalize" -> new Subresource("", "v1", "Namespace", List.of("update"));
        default -> new Subresource(r.group(), r.storageVersion(), r.kind(), rw);
      };
    }
  }
}
