package io.kube4j.api.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.GroupVersionKind;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.schema.Schema;
import io.kube4j.api.schema.SchemaCatalog;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The OpenAPI documents an API server serves for its resources: {@code /openapi/v2} (Swagger 2.0, every path and
 * definition) and {@code /openapi/v3/<api/v1|apis/group/version>} (OpenAPI 3.0, one document per group-version
 * with only the schemas its kinds reach), plus the {@code /openapi/v3} index with content hashes. They carry what
 * kubectl reads: {@code x-kubernetes-group-version-kind} and {@code x-kubernetes-action} on operations, the
 * {@code fieldValidation}, {@code dryRun} and {@code fieldManager} parameters of writes, the strategic merge
 * patch content type, and the list and patch extensions of every schema. Built once, on first use; immutable.
 */
public final class OpenApiDocuments {

  private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
  private static final String KUBERNETES_VERSION = "v1.32.0";
  private static final List<String> JSON_YAML_PROTOBUF =
      List.of("application/json", "application/yaml", "application/vnd.kubernetes.protobuf");
  private static final List<String> WATCH_TYPES = List.of("application/json", "application/yaml",
      "application/vnd.kubernetes.protobuf", "application/json;stream=watch", "application/vnd.kubernetes.protobuf;stream=watch");
  private static final List<String> PATCH_TYPES = List.of("application/apply-patch+yaml", "application/json-patch+json",
      "application/merge-patch+json", "application/strategic-merge-patch+json");

  private final List<ResourceDefinition> resources;
  private final SchemaCatalog catalog;
  private final ObjectMapper json;
  private final JsonNodeFactory nodes = JsonNodeFactory.instance;
  private volatile Built built;

  private record Built(byte[] v2, byte[] v2Protobuf, Map<String, byte[]> v3, Map<String, String> v3Hashes, byte[] v3Index) {}

  /** One operation of a path: what kubectl and clients read from it. */
  private record Operation(String method, String action, String operationId, String description, GroupVersionKind kind,
      Body requestKind, Body responseKind, List<String> queryParameters, boolean watch) {}

  /** The schema of a request or response body: a served kind, or a meta definition such as DeleteOptions. */
  private sealed interface Body {
    record Kind(GroupVersionKind kind) implements Body {}

    record Definition(String name) implements Body {}
  }

  private static final Body DELETE_OPTIONS = new Body.Definition(META + "DeleteOptions");
  private static final Body PATCH = new Body.Definition(META + "Patch");
  private static final Body WATCH_EVENT = new Body.Definition(META + "WatchEvent");
  private static final Body STATUS = new Body.Kind(new GroupVersionKind("", "v1", "Status"));
  private static final Body SCALE = new Body.Kind(new GroupVersionKind("autoscaling", "v1", "Scale"));
  private static final Body BINDING = new Body.Kind(new GroupVersionKind("", "v1", "Binding"));
  private static final Body EVICTION = new Body.Kind(new GroupVersionKind("policy", "v1", "Eviction"));

  /** A path with its operations and the parameters every operation shares. */
  private record PathItem(String path, List<String> pathParameters, List<Operation> operations) {}

  public OpenApiDocuments(List<ResourceDefinition> resources, SchemaCatalog catalog, ObjectMapper json) {
    this.resources = List.copyOf(resources);
    this.catalog = catalog;
    this.json = json;
  }

  public OpenApiDocuments(List<ResourceDefinition> resources, SchemaCatalog catalog) {
    this(resources, catalog, new ObjectMapper());
  }

  /** The Swagger 2.0 document of {@code /openapi/v2}. */
  public byte[] v2Json() {
    return built().v2();
  }

  /**
   * The same document as {@link #v2Json()} in gnostic's {@code openapi.v2.Document} protobuf encoding, served for
   * {@code Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf} (client-go's {@code OpenAPISchema()}).
   */
  public byte[] v2Protobuf() {
    return built().v2Protobuf();
  }

  /** The OpenAPI 3.0 documents keyed by group-version path: {@code api/v1}, {@code apis/apps/v1}, … */
  public Map<String, byte[]> v3() {
    return built().v3();
  }

  /** The content hash of a v3 document (upper-case hex SHA-512, as upstream), or null for an unknown path. */
  public String v3Hash(String path) {
    return built().v3Hashes().get(path);
  }

  /** The {@code /openapi/v3} index: {@code {"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=…"}}}}. */
  public byte[] v3Index() {
    return built().v3Index();
  }

  private Built built() {
    Built b = built;
    if (b == null) {
      synchronized (this) {
        b = built;
        if (b == null) {
          b = build();
          built = b;
        }
      }
    }
    return b;
  }

  private Built build() {
    Map<Schema, List<GroupVersionKind>> kinds = kindsBySchema();
    Map<String, List<PathItem>> pathsByGroupVersion = new TreeMap<>();
    for (ResourceDefinition r : resources) {
      for (String version : r.versions()) {
        pathsByGroupVersion.computeIfAbsent(groupVersionPath(r.group(), version), k -> new ArrayList<>())
            .addAll(paths(r, version));
      }
    }
    // v2: everything in one document.
    ObjectNode v2 = nodes.objectNode();
    v2.put("swagger", "2.0");
    v2.putObject("info").put("title", "Kubernetes").put("version", KUBERNETES_VERSION);
    ObjectNode v2Paths = v2.putObject("paths");
    var allRoots = new ArrayList<Schema>();
    pathsByGroupVersion.values().forEach(items -> items.forEach(item -> {
      v2Paths.set(item.path(), pathItem(item, false));
      allRoots.addAll(schemasOf(item));
    }));
    ObjectNode v2Defs = v2.putObject("definitions");
    reachable(allRoots).forEach((name, schema) -> v2Defs.set(name, definition(schema, kinds, false)));
    v2.putObject("securityDefinitions").set("BearerToken", bearer());
    v2.putArray("security").addObject().putArray("BearerToken");

    var v3 = new LinkedHashMap<String, byte[]>();
    var hashes = new LinkedHashMap<String, String>();
    ObjectNode index = nodes.objectNode();
    ObjectNode indexPaths = index.putObject("paths");
    pathsByGroupVersion.forEach((gv, items) -> {
      ObjectNode doc = nodes.objectNode();
      doc.put("openapi", "3.0.0");
      doc.putObject("info").put("title", "Kubernetes").put("version", KUBERNETES_VERSION);
      ObjectNode paths = doc.putObject("paths");
      var roots = new ArrayList<Schema>();
      for (PathItem item : items) {
        paths.set(item.path(), pathItem(item, true));
        roots.addAll(schemasOf(item));
      }
      ObjectNode components = doc.putObject("components");
      ObjectNode schemas = components.putObject("schemas");
      reachable(roots).forEach((name, schema) -> schemas.set(name, definition(schema, kinds, true)));
      components.putObject("securitySchemes").set("BearerToken", bearer());
      doc.putArray("security").addObject().putArray("BearerToken");
      byte[] bytes = bytes(doc);
      String hash = sha512(bytes);
      v3.put(gv, bytes);
      hashes.put(gv, hash);
      indexPaths.putObject(gv).put("serverRelativeURL", "/openapi/v3/" + gv + "?hash=" + hash);
    });
    return new Built(bytes(v2), GnosticV2.encode(v2), Collections.unmodifiableMap(v3), Map.copyOf(hashes), bytes(index));
  }

  private static String groupVersionPath(String group, String version) {
    return group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
  }

  private ObjectNode bearer() {
    return nodes.objectNode().put("type", "apiKey").put("description", "Bearer Token authentication")
        .put("name", "authorization").put("in", "header");
  }

  private byte[] bytes(ObjectNode doc) {
    try {
      return json.writeValueAsBytes(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("serializing an OpenAPI document", e);
    }
  }

  private static String sha512(byte[] bytes) {
    try {
      return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 is part of every JDK", e);
    }
  }

  // ---- kinds -------------------------------------------------------------------------------------------------

  /** The GVKs each top-level schema is served as, for {@code x-kubernetes-group-version-kind} on definitions. */
  private Map<Schema, List<GroupVersionKind>> kindsBySchema() {
    var out = new IdentityHashMap<Schema, List<GroupVersionKind>>();
    var groupVersions = new TreeSet<String>();
    for (ResourceDefinition r : resources) {
      for (String version : r.versions()) {
        groupVersions.add(r.group() + "/" + version);
        for (String kind : List.of(r.kind(), r.listKind())) {
          var gvk = new GroupVersionKind(r.group(), version, kind);
          catalog.forKind(gvk).ifPresent(s -> addKind(out, s, gvk));
        }
      }
    }
    for (var extra : List.of(new GroupVersionKind("", "v1", "Status"), new GroupVersionKind("autoscaling", "v1", "Scale"),
        new GroupVersionKind("policy", "v1", "Eviction"), new GroupVersionKind("", "v1", "Binding"))) {
      catalog.forKind(extra).ifPresent(s -> addKind(out, s, extra));
    }
    // DeleteOptions and WatchEvent are registered in every group-version, as upstream lists them.
    for (String name : List.of("DeleteOptions", "WatchEvent")) {
      catalog.definition(META + name).ifPresent(s -> {
        for (String gv : groupVersions) {
          int slash = gv.indexOf('/');
          addKind(out, s, new GroupVersionKind(gv.substring(0, slash), gv.substring(slash + 1), name));
        }
      });
    }
    return out;
  }

  private static void addKind(Map<Schema, List<GroupVersionKind>> out, Schema s, GroupVersionKind gvk) {
    var list = out.computeIfAbsent(s, k -> new ArrayList<>());
    if (!list.contains(gvk)) {
      list.add(gvk);
    }
  }

  private Schema kindSchema(Body body) {
    return switch (body) {
      case Body.Kind k -> catalog.forKind(k.kind())
          .orElseThrow(() -> new IllegalStateException("no schema for " + k.kind() + " in the catalog"));
      case Body.Definition d -> catalog.definition(d.name())
          .orElseThrow(() -> new IllegalStateException("no definition " + d.name() + " in the catalog"));
    };
  }

  private List<Schema> schemasOf(PathItem item) {
    var out = new ArrayList<Schema>();
    for (Operation op : item.operations()) {
      if (op.requestKind() != null) {
        out.add(kindSchema(op.requestKind()));
      }
      if (op.responseKind() != null) {
        out.add(kindSchema(op.responseKind()));
      }
    }
    return out;
  }

  /** Named schemas reachable from the roots, sorted by name. */
  private static Map<String, Schema> reachable(List<Schema> roots) {
    var out = new TreeMap<String, Schema>();
    var queue = new ArrayDeque<>(roots);
    while (!queue.isEmpty()) {
      Schema s = queue.poll();
      if (!s.name().isEmpty()) {
        if (out.containsKey(s.name())) {
          continue;
        }
        out.put(s.name(), s);
      }
      if (s.elements() != null) {
        queue.add(s.elements());
      }
      s.properties().values().forEach(p -> queue.add(p.schema()));
    }
    return out;
  }

  // ---- paths -------------------------------------------------------------------------------------------------

  private static final List<String> LIST_PARAMS = List.of("allowWatchBookmarks", "continue", "fieldSelector",
      "labelSelector", "limit", "resourceVersion", "resourceVersionMatch", "sendInitialEvents", "timeoutSeconds", "watch");
  private static final List<String> WRITE_PARAMS = List.of("dryRun", "fieldManager", "fieldValidation");
  private static final List<String> PATCH_PARAMS = List.of("dryRun", "fieldManager", "fieldValidation", "force");
  private static final List<String> DELETE_PARAMS = List.of("dryRun", "gracePeriodSeconds",
      "ignoreStoreReadErrorWithClusterBreakingPotential", "orphanDependents", "propagationPolicy");
  private static final List<String> DELETE_COLLECTION_PARAMS = List.of("continue", "dryRun", "fieldSelector",
      "gracePeriodSeconds", "ignoreStoreReadErrorWithClusterBreakingPotential", "labelSelector", "limit",
      "orphanDependents", "propagationPolicy", "resourceVersion", "resourceVersionMatch", "sendInitialEvents",
      "timeoutSeconds");

  private List<PathItem> paths(ResourceDefinition r, String version) {
    String prefix = "/" + groupVersionPath(r.group(), version);
    String id = operationGroup(r.group()) + capitalize(version);
    var gvk = new GroupVersionKind(r.group(), version, r.kind());
    Body self = new Body.Kind(gvk);
    Body list = new Body.Kind(new GroupVersionKind(r.group(), version, r.listKind()));
    String ns = r.namespaced() ? "Namespaced" : "";
    String collection = r.namespaced() ? prefix + "/namespaces/{namespace}/" + r.resource() : prefix + "/" + r.resource();
    List<String> scope = r.namespaced() ? List.of("namespace") : List.of();
    List<String> named = r.namespaced() ? List.of("name", "namespace") : List.of("name");
    var verbs = Set.copyOf(r.verbs());
    var out = new ArrayList<PathItem>();

    var ops = new ArrayList<Operation>();
    if (verbs.contains("list")) {
      ops.add(new Operation("get", "list", "list" + id + ns + r.kind(), "list or watch objects of kind " + r.kind(),
          gvk, null, list, LIST_PARAMS, true));
    }
    if (verbs.contains("create")) {
      ops.add(new Operation("post", "post", "create" + id + ns + r.kind(), "create " + article(r.kind()), gvk, self, self,
          WRITE_PARAMS, false));
    }
    if (verbs.contains("deletecollection")) {
      ops.add(new Operation("delete", "deletecollection", "delete" + id + "Collection" + ns + r.kind(),
          "delete collection of " + r.kind(), gvk, DELETE_OPTIONS, STATUS, DELETE_COLLECTION_PARAMS, false));
    }
    if (!ops.isEmpty()) {
      out.add(new PathItem(collection, scope, ops));
    }

    var item = new ArrayList<Operation>();
    if (verbs.contains("get")) {
      item.add(new Operation("get", "get", "read" + id + ns + r.kind(), "read the specified " + r.kind(), gvk, null, self,
          List.of(), false));
    }
    if (verbs.contains("update")) {
      item.add(new Operation("put", "put", "replace" + id + ns + r.kind(), "replace the specified " + r.kind(), gvk, self,
          self, WRITE_PARAMS, false));
    }
    if (verbs.contains("patch")) {
      item.add(new Operation("patch", "patch", "patch" + id + ns + r.kind(), "partially update the specified " + r.kind(),
          gvk, PATCH, self, PATCH_PARAMS, false));
    }
    if (verbs.contains("delete")) {
      item.add(new Operation("delete", "delete", "delete" + id + ns + r.kind(), "delete " + article(r.kind()), gvk,
          DELETE_OPTIONS, self, DELETE_PARAMS, false));
    }
    if (!item.isEmpty()) {
      out.add(new PathItem(collection + "/{name}", named, item));
    }

    if (verbs.contains("list") && r.namespaced()) {
      out.add(new PathItem(prefix + "/" + r.resource(), List.of(), List.of(new Operation("get", "list",
          "list" + id + r.kind() + "ForAllNamespaces", "list or watch objects of kind " + r.kind(), gvk, null, list,
          LIST_PARAMS, true))));
    }
    if (verbs.contains("watch")) {
      String watchPrefix = r.namespaced() ? prefix + "/watch/namespaces/{namespace}/" + r.resource() : prefix + "/watch/" + r.resource();
      out.add(new PathItem(watchPrefix, scope, List.of(new Operation("get", "watchlist", "watch" + id + ns + r.kind() + "List",
          "watch individual changes to a list of " + r.kind() + ". deprecated: use the 'watch' parameter with a list operation instead.",
          gvk, null, WATCH_EVENT, LIST_PARAMS, true))));
      out.add(new PathItem(watchPrefix + "/{name}", named, List.of(new Operation("get", "watch", "watch" + id + ns + r.kind(),
          "watch changes to an object of kind " + r.kind() + ". deprecated: use the 'watch' parameter with a list operation instead, filtered to a single item with the 'fieldSelector' parameter.",
          gvk, null, WATCH_EVENT, LIST_PARAMS, true))));
      if (r.namespaced()) {
        out.add(new PathItem(prefix + "/watch/" + r.resource(), List.of(), List.of(new Operation("get", "watchlist",
            "watch" + id + r.kind() + "ListForAllNamespaces",
            "watch individual changes to a list of " + r.kind() + ". deprecated: use the 'watch' parameter with a list operation instead.",
            gvk, null, WATCH_EVENT, LIST_PARAMS, true))));
      }
    }

    // Subresources that read and write the object itself (or its Scale): get, replace and patch like the object.
    for (String sub : List.of("status", "scale", "ephemeralcontainers", "resize")) {
      if (!r.hasSubresource(sub)) {
        continue;
      }
      boolean scale = sub.equals("scale");
      String suffix = switch (sub) {
        case "status" -> "Status";
        case "scale" -> "Scale";
        case "ephemeralcontainers" -> "Ephemeralcontainers";
        default -> "Resize";
      };
      GroupVersionKind subKind = scale ? new GroupVersionKind("autoscaling", "v1", "Scale") : gvk;
      Body body = scale ? SCALE : self;
      String what = sub + " of the specified " + r.kind();
      out.add(new PathItem(collection + "/{name}/" + sub, named, List.of(
          new Operation("get", "get", "read" + id + ns + r.kind() + suffix, "read " + what, subKind, null, body, List.of(), false),
          new Operation("put", "put", "replace" + id + ns + r.kind() + suffix, "replace " + what, subKind, body, body,
              WRITE_PARAMS, false),
          new Operation("patch", "patch", "patch" + id + ns + r.kind() + suffix, "partially update " + what, subKind,
              PATCH, body, PATCH_PARAMS, false))));
    }
    if (r.hasSubresource("binding")) {
      out.add(new PathItem(collection + "/{name}/binding", named, List.of(new Operation("post", "post",
          "create" + id + ns + r.kind() + "Binding", "create binding of a " + r.kind(),
          new GroupVersionKind("", "v1", "Binding"), BINDING, BINDING, WRITE_PARAMS, false))));
    }
    if (r.hasSubresource("eviction")) {
      out.add(new PathItem(collection + "/{name}/eviction", named, List.of(new Operation("post", "post",
          "create" + id + ns + r.kind() + "Eviction", "create eviction of a " + r.kind(),
          new GroupVersionKind("policy", "v1", "Eviction"), EVICTION, EVICTION, WRITE_PARAMS, false))));
    }
    return out;
  }

  private static String operationGroup(String group) {
    if (group.isEmpty()) {
      return "Core";
    }
    var sb = new StringBuilder();
    String g = group.endsWith(".k8s.io") ? group.substring(0, group.length() - ".k8s.io".length()) : group;
    for (String part : g.split("\\.")) {
      sb.append(capitalize(part));
    }
    return sb.toString();
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String article(String kind) {
    return ("AEIOU".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
  }

  private ObjectNode pathItem(PathItem item, boolean v3) {
    ObjectNode node = nodes.objectNode();
    for (Operation op : item.operations()) {
      node.set(op.method(), operation(op, v3));
    }
    ArrayNode params = node.putArray("parameters");
    for (String p : item.pathParameters()) {
      params.add(parameter(p, "path", v3));
    }
    params.add(parameter("pretty", "query", v3));
    return node;
  }

  private ObjectNode operation(Operation op, boolean v3) {
    ObjectNode node = nodes.objectNode();
    node.putArray("tags").add(tag(op.kind()));
    node.put("description", op.description());
    node.put("operationId", op.operationId());
    ArrayNode params = node.putArray("parameters");
    List<String> consumes = op.method().equals("patch") ? PATCH_TYPES : List.of("*/*");
    List<String> produces = op.watch() ? WATCH_TYPES : JSON_YAML_PROTOBUF;
    if (op.requestKind() != null) {
      ObjectNode ref = ref(kindSchema(op.requestKind()).name(), v3);
      if (v3) {
        ObjectNode body = node.putObject("requestBody");
        ObjectNode content = body.putObject("content");
        consumes.forEach(c -> content.putObject(c).set("schema", ref.deepCopy()));
        body.put("required", !op.method().equals("delete"));
      } else {
        params.addObject().put("name", "body").put("in", "body").put("required", !op.method().equals("delete")).set("schema", ref);
      }
    }
    for (String p : op.queryParameters()) {
      params.add(parameter(p, "query", v3));
    }
    if (params.isEmpty()) {
      node.remove("parameters");
    }
    ObjectNode responses = node.putObject("responses");
    List<String> codes = switch (op.method()) {
      case "post" -> List.of("200", "201", "202");
      case "put", "patch" -> List.of("200", "201");
      case "delete" -> op.action().equals("delete") ? List.of("200", "202") : List.of("200");
      default -> List.of("200");
    };
    ObjectNode responseRef = ref(kindSchema(op.responseKind()).name(), v3);
    for (String code : codes) {
      ObjectNode r = responses.putObject(code);
      r.put("description", switch (code) {
        case "201" -> "Created";
        case "202" -> "Accepted";
        default -> "OK";
      });
      if (v3) {
        ObjectNode content = r.putObject("content");
        produces.forEach(c -> content.putObject(c).set("schema", responseRef.deepCopy()));
      } else {
        r.set("schema", responseRef.deepCopy());
      }
    }
    responses.putObject("401").put("description", "Unauthorized");
    if (!v3) {
      ArrayNode c = node.putArray("consumes");
      consumes.forEach(c::add);
      ArrayNode p = node.putArray("produces");
      produces.forEach(p::add);
      node.putArray("schemes").add("https");
    }
    node.put("x-kubernetes-action", op.action());
    node.putObject("x-kubernetes-group-version-kind").put("group", op.kind().group()).put("kind", op.kind().kind())
        .put("version", op.kind().version());
    return node;
  }

  private static String tag(GroupVersionKind gvk) {
    String g = operationGroup(gvk.group());
    return Character.toLowerCase(g.charAt(0)) + g.substring(1) + "_" + gvk.version();
  }

  private ObjectNode parameter(String name, String in, boolean v3) {
    ObjectNode p = nodes.objectNode();
    p.put("name", name).put("in", in);
    p.put("description", ParameterDescriptions.of(name));
    if (in.equals("path")) {
      p.put("required", true);
    }
    String type = switch (name) {
      case "allowWatchBookmarks", "force", "orphanDependents", "sendInitialEvents", "watch",
          "ignoreStoreReadErrorWithClusterBreakingPotential" -> "boolean";
      case "limit", "timeoutSeconds", "gracePeriodSeconds" -> "integer";
      default -> "string";
    };
    ObjectNode schemaHolder = v3 ? p.putObject("schema") : p;
    schemaHolder.put("type", type);
    if (type.equals("string")) {
      schemaHolder.put("uniqueItems", true);
    }
    return p;
  }

  // ---- schemas -----------------------------------------------------------------------------------------------

  private ObjectNode ref(String definition, boolean v3) {
    return nodes.objectNode().put("$ref", (v3 ? "#/components/schemas/" : "#/definitions/") + definition);
  }

  private ObjectNode definition(Schema s, Map<Schema, List<GroupVersionKind>> kinds, boolean v3) {
    ObjectNode node = nodes.objectNode();
    if (!s.description().isEmpty()) {
      node.put("description", s.description());
    }
    switch (s.type()) {
      case OBJECT -> {
        node.put("type", "object");
        var required = new ArrayList<String>();
        if (!s.properties().isEmpty()) {
          ObjectNode props = node.putObject("properties");
          s.properties().values().forEach(p -> {
            props.set(p.name(), property(p, v3));
            if (p.required()) {
              required.add(p.name());
            }
          });
        }
        if (!required.isEmpty()) {
          ArrayNode r = node.putArray("required");
          required.forEach(r::add);
        }
        if (s.isAtomic()) {
          node.put("x-kubernetes-map-type", "atomic");
        }
      }
      case ANY -> node.put("x-kubernetes-preserve-unknown-fields", true);
      default -> scalar(node, s);
    }
    List<GroupVersionKind> gvks = kinds.get(s);
    if (gvks != null) {
      ArrayNode arr = node.putArray("x-kubernetes-group-version-kind");
      gvks.forEach(g -> arr.addObject().put("group", g.group()).put("kind", g.kind()).put("version", g.version()));
    }
    return node;
  }

  private void scalar(ObjectNode node, Schema s) {
    switch (s.type()) {
      case INT_OR_STRING -> {
        node.put("type", "string").put("format", "int-or-string");
        node.put("x-kubernetes-int-or-string", true);
        return;
      }
      case STRING -> node.put("type", "string");
      case INTEGER -> node.put("type", "integer");
      case NUMBER -> node.put("type", "number");
      case BOOLEAN -> node.put("type", "boolean");
      case ANY -> {
        node.put("x-kubernetes-preserve-unknown-fields", true);
        return;
      }
      default -> throw new IllegalStateException("not a scalar: " + s.type());
    }
    if (!s.format().isEmpty()) {
      node.put("format", s.format());
    }
    if (!s.enumValues().isEmpty()) {
      ArrayNode e = node.putArray("enum");
      s.enumValues().forEach(e::add);
    }
  }

  private ObjectNode property(Schema.Property p, boolean v3) {
    ObjectNode node = value(p.schema(), v3, !p.description().isEmpty());
    if (!p.description().isEmpty()) {
      node.put("description", p.description());
    }
    if (!p.patchStrategies().isEmpty()) {
      node.put("x-kubernetes-patch-strategy", String.join(",", p.patchStrategies()));
    }
    if (!p.patchMergeKey().isEmpty()) {
      node.put("x-kubernetes-patch-merge-key", p.patchMergeKey());
    }
    return node;
  }

  /** An inline schema; {@code wrapRef} puts a named type under {@code allOf} so siblings (description) are legal in v3. */
  private ObjectNode value(Schema s, boolean v3, boolean wrapRef) {
    if (!s.name().isEmpty()) {
      if (v3 && wrapRef) {
        ObjectNode node = nodes.objectNode();
        node.putArray("allOf").add(ref(s.name(), true));
        if (s.type() == Schema.Type.OBJECT) {
          node.putObject("default");
        }
        return node;
      }
      if (v3 && s.type() == Schema.Type.OBJECT) {
        ObjectNode node = nodes.objectNode();
        node.putArray("allOf").add(ref(s.name(), true));
        node.putObject("default");
        return node;
      }
      return ref(s.name(), v3);
    }
    ObjectNode node = nodes.objectNode();
    switch (s.type()) {
      case ARRAY -> {
        node.put("type", "array");
        node.set("items", value(s.elements(), v3, false));
        String listType = switch (s.listType()) {
          case ATOMIC -> "atomic";
          case SET -> "set";
          case MAP -> "map";
        };
        node.put("x-kubernetes-list-type", listType);
        if (!s.listMapKeys().isEmpty()) {
          ArrayNode keys = node.putArray("x-kubernetes-list-map-keys");
          s.listMapKeys().forEach(keys::add);
        }
      }
      case MAP -> {
        node.put("type", "object");
        node.set("additionalProperties", value(s.elements(), v3, false));
        if (s.isAtomic()) {
          node.put("x-kubernetes-map-type", "atomic");
        }
      }
      case OBJECT -> node.put("type", "object");
      default -> scalar(node, s);
    }
    return node;
  }
}
