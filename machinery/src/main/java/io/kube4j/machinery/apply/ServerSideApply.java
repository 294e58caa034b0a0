package io.kube4j.machinery.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.GroupVersionKind;
import io.kube4j.api.schema.Schema;
import io.kube4j.machinery.errors.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Server-side apply and field ownership tracking for one resource endpoint (kind, API version and
 * subresource), as the kube-apiserver's field manager does them: {@link #apply} merges an applied
 * configuration into the live object and fails with a 409 listing conflicting fields unless forced;
 * {@link #recordUpdate} records, after a create, update or patch, which fields the writer changed. Both
 * return the object to store with its {@code metadata.managedFields} rewritten.
 *
 * <p>Stateless and thread-safe; one instance per resource endpoint can be kept for the server's life.
 */
public final class ServerSideApply {

  /** The annotation client-side {@code kubectl apply} keeps its last applied configuration in. */
  public static final String LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

  /** Upstream's cap on {@code Update} entries; older ones are merged into {@value #ANCIENT_CHANGES}. */
  public static final int MAX_UPDATE_MANAGERS = 10;

  /** The manager that collects the oldest {@code Update} entries beyond the cap. */
  public static final String ANCIENT_CHANGES = "ancient-changes";

  /** The manager that takes ownership of everything on an object first applied without managed fields. */
  public static final String BEFORE_FIRST_APPLY = "before-first-apply";

  /** The manager name kubectl uses for server-side apply; the only one the last-applied rules apply to. */
  private static final String KUBECTL = "kubectl";

  /** Fields nobody owns: identity and server-set metadata (upstream's strip set). */
  private static final FieldSet STRIPPED = FieldSet.of(
      FieldPath.fields("apiVersion"), FieldPath.fields("kind"), FieldPath.fields("metadata"),
      FieldPath.fields("metadata", "name"), FieldPath.fields("metadata", "namespace"),
      FieldPath.fields("metadata", "creationTimestamp"), FieldPath.fields("metadata", "selfLink"),
      FieldPath.fields("metadata", "uid"), FieldPath.fields("metadata", "clusterName"),
      FieldPath.fields("metadata", "generation"), FieldPath.fields("metadata", "managedFields"),
      FieldPath.fields("metadata", "resourceVersion"));

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final System.Logger LOG = System.getLogger(ServerSideApply.class.getName());

  private final TypeRef root;
  private final GroupVersionKind kind;
  private final String apiVersion;
  private final String subresource;
  private final FieldSet ignoredFields;

  /**
   * @param schema the schema of the kind's top-level object; null to deduce shapes from values (as for
   *     CRDs without a structural schema)
   * @param kind the kind and version of the endpoint ({@code apps/v1 Deployment}); applied configurations must
   *     be of it, and managed field sets are recorded in its version
   * @param subresource {@code ""} for the main resource, {@code status} or {@code scale} for subresources
   * @param ignoredFields the strategy's reset fields, which nobody owns through this endpoint, with
   *     everything below them (e.g. {@code status} for the main resource of a kind with a status
   *     subresource; {@code spec} and {@code metadata} for its status subresource)
   */
  public ServerSideApply(Schema schema, GroupVersionKind kind, String subresource, FieldSet ignoredFields) {
    this.root = TypeRef.of(schema);
    this.kind = Objects.requireNonNull(kind);
    this.apiVersion = kind.apiVersion();
    this.subresource = subresource == null ? "" : subresource;
    this.ignoredFields = ignoredFields == null ? FieldSet.empty() : ignoredFields;
  }

  /** For the main resource of a kind, ignoring nothing. */
  public static ServerSideApply forResource(Schema schema, GroupVersionKind kind) {
    return new ServerSideApply(schema, kind, "", FieldSet.empty());
  }

  /** Upstream's limit on the length of a field manager name, in UTF-8 bytes. */
  public static final int FIELD_MANAGER_MAX_LENGTH = 128;

  /**
   * The manager name of a non-apply write: the {@code fieldManager} query parameter if set, otherwise the
   * User-Agent up to its first {@code /} ({@code kubectl-edit/v1.32.0 (linux/amd64) ...} → {@code kubectl-edit}),
   * without unprintable characters and cut to {@value #FIELD_MANAGER_MAX_LENGTH} bytes, as upstream.
   */
  public static String managerName(String fieldManagerParameter, String userAgent) {
    if (fieldManagerParameter != null && !fieldManagerParameter.isEmpty()) {
      return fieldManagerParameter;
    }
    if (userAgent == null) {
      return "";
    }
    int slash = userAgent.indexOf('/');
    var prefix = slash < 0 ? userAgent : userAgent.substring(0, slash);
    var sb = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < prefix.length(); ) {
      int cp = prefix.codePointAt(i);
      i += Character.charCount(cp);
      if (!isPrintable(cp)) {
        continue;
      }
      int len = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      if (bytes + len > FIELD_MANAGER_MAX_LENGTH) {
        break;
      }
      bytes += len;
      sb.appendCodePoint(cp);
    }
    return sb.toString();
  }

  /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
  private static boolean isPrintable(int cp) {
    if (cp == ' ') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
          Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
      default -> true;
    };
  }

  // ================================================================ apply

  /**
   * Applies a configuration.
   *
   * @param live the stored object, or null if it does not exist yet (apply creates it)
   * @param applied the applied configuration, as decoded from the request body
   * @param manager the {@code fieldManager} of the request
   * @param force {@code force=true}: take ownership of conflicting fields instead of failing
   * @param now the time of the request (recorded, in seconds, in the manager's entry)
   * @return the object to store, with {@code metadata.managedFields}; a copy of {@code live} with updated
   *     managed fields if the configuration changes nothing
   * @throws ApiException 409 {@code Conflict} with {@code FieldManagerConflict} causes; 400 if the
   *     configuration is of another kind or version or carries {@code metadata.managedFields}; 500 if it does
   *     not fit the schema (an undeclared field, an associative list element without its keys, duplicate
   *     keys), as upstream
   */
  public ObjectNode apply(ObjectNode live, ObjectNode applied, String manager, boolean force, Instant now) {
    Objects.requireNonNull(applied, "applied");
    var appliedKind = GroupVersionKind.of(applied.path("apiVersion").asText(""), applied.path("kind").asText(""));
    if (!appliedKind.equals(kind)) {
      throw ApiException.badRequest("invalid object type: " + goString(appliedKind));
    }
    var appliedMeta = applied.get("metadata");
    if (appliedMeta != null && appliedMeta.has("managedFields") && !appliedMeta.get("managedFields").isNull()) {
      throw ApiException.badRequest("metadata.managedFields must be nil");
    }
    var errors = StructuredMerge.validate(applied, root);
    if (!errors.isEmpty()) {
      throw typeError("failed to create typed patch object", applied,
          errors.size() == 1 ? errors.getFirst() : "errors:\n  " + String.join("\n  ", errors));
    }
    ObjectNode liveObj = live == null ? NODES.objectNode() : withoutManagedFields(live);
    Map<String, ManagedFieldsEntry> managed;
    try {
      managed = live == null ? new LinkedHashMap<>() : ManagedFields.readFrom(live).asMap();
    } catch (IllegalArgumentException e) {
      throw new ApiException(ApiException.Reason.INTERNAL_ERROR, 500, "failed to decode managed fields: " + e.getMessage(),
          ApiException.Details.NONE);
    }
    try {
      if (managed.isEmpty()) {
        // An object written before anything tracked ownership: whatever it holds belongs to someone.
        managed = recordChanges(NODES.objectNode(), liveObj, managed, BEFORE_FIRST_APPLY, now);
      }
      Applied result;
      try {
        result = applyTracked(liveObj, applied, managed, manager, force, now);
      } catch (ConflictsException c) {
        if (!KUBECTL.equals(manager)) {
          throw c;
        }
        var allowed = allowedConflictsFromLastApplied(live, liveObj);
        if (allowed == null) {
          throw c;
        }
        var remaining = c.conflicts.stream().filter(x -> !allowed.has(x.path())).toList();
        if (!remaining.isEmpty()) {
          throw new ConflictsException(remaining);
        }
        result = applyTracked(liveObj, applied, managed, manager, true, now);
      }
      var out = result.object();
      if (KUBECTL.equals(manager) && lastApplied(out) != null) {
        setLastApplied(out, applied);
      }
      ManagedFields.ofMap(result.managed()).writeTo(out);
      return out;
    } catch (ConflictsException c) {
      throw c.toApiException();
    } catch (StructuredMerge.TypeError e) {
      throw typeError("failed to apply configuration", applied, e.getMessage());
    }
  }

  private record Applied(ObjectNode object, Map<String, ManagedFieldsEntry> managed) {}

  private Applied applyTracked(ObjectNode liveObj, ObjectNode config, Map<String, ManagedFieldsEntry> managedIn, String manager,
      boolean force, Instant now) {
    var managed = new LinkedHashMap<>(managedIn);
    var name = manager == null || manager.isEmpty() ? "unknown" : manager;
    var id = new ManagedFieldsEntry(name, ManagedFieldsEntry.Operation.APPLY, apiVersion, null, subresource, null);
    var key = id.identifier();
    var merged = StructuredMerge.merge(liveObj, config, root);
    var previous = managed.get(key);
    var lastSet = previous == null ? FieldSet.empty() : previous.fields();
    var set = StructuredMerge.toFieldSet(config, root).recursiveDifference(ignoredFields);
    managed.put(key, id.withFields(set).withTime(previous == null ? null : previous.time()));
    var pruned = prune(merged, managed, lastSet);
    checkConflicts(liveObj, pruned, managed, key, force);
    stripMeta(managed, key);
    var newObj = (ObjectNode) JsonValues.withoutNulls(pruned);
    if (JsonValues.equal(liveObj, newObj)) {
      return new Applied(liveObj.deepCopy(), managed);
    }
    var entry = managed.get(key);
    if (entry != null) {
      managed.put(key, entry.withTime(now));
    }
    return new Applied(newObj, managed);
  }

  /**
   * Removes what the applier applied last time but not this time, unless another manager owns it or it was
   * never the applier's alone (upstream's prune: remove everything previously applied, add back what anyone
   * owns, then add back what was removed only as a side effect).
   */
  private ObjectNode prune(JsonNode merged, Map<String, ManagedFieldsEntry> managed, FieldSet lastSet) {
    if (lastSet.isEmpty()) {
      return (ObjectNode) merged;
    }
    var last = named(lastSet);
    var pruned = orEmpty(StructuredMerge.removeItems(merged, last, root));
    var owned = FieldSet.empty();
    for (var e : managed.values()) {
      owned = owned.union(e.fields());
    }
    var mergedSet = named(StructuredMerge.toFieldSet(merged, root));
    var prunedSet = named(StructuredMerge.toFieldSet(pruned, root));
    var withOwned = orEmpty(StructuredMerge.removeItems(merged, mergedSet.difference(prunedSet.union(named(owned))), root));
    var withOwnedSet = named(StructuredMerge.toFieldSet(withOwned, root));
    return orEmpty(StructuredMerge.removeItems(merged, mergedSet.difference(withOwnedSet).intersection(last), root));
  }

  private FieldSet named(FieldSet s) {
    return StructuredMerge.withNamedFieldsAsMembers(s, root);
  }

  private static ObjectNode orEmpty(JsonNode n) {
    return n instanceof ObjectNode o ? o : NODES.objectNode();
  }

  // ================================================================ update

  /**
   * Records the fields a create, update or (non-apply) patch changed as owned by {@code manager} with
   * operation {@code Update}, taking them away from their previous owners.
   *
   * <p>The request's own {@code metadata.managedFields} are honoured when valid and non-empty (for the main
   * resource only); an empty list or {@code [{}]} resets them, so the object is stored without any. An
   * existing object without managed fields stays untracked, as upstream.
   *
   * @param old the stored object before the write, or null on create
   * @param updated the object about to be stored (after defaulting, admission and the strategy)
   * @param manager the manager name (see {@link #managerName}); empty becomes {@code unknown}
   * @param now the time of the request
   * @return {@code updated} (a copy) with its {@code metadata.managedFields} rewritten
   */
  public ObjectNode recordUpdate(ObjectNode old, ObjectNode updated, String manager, Instant now) {
    Objects.requireNonNull(updated, "updated");
    var newObj = withoutManagedFields(updated);
    ObjectNode liveObj = old == null ? NODES.objectNode() : withoutManagedFields(old);
    var managed = managedForUpdate(old, updated);
    if (managed.isEmpty() && old != null && !old.path("metadata").path("uid").asText("").isEmpty()) {
      return newObj;
    }
    try {
      var result = recordChanges(liveObj, newObj, managed, manager, now);
      ManagedFields.ofMap(result).writeTo(newObj);
    } catch (StructuredMerge.TypeError e) {
      // Upstream (1.32) never fails a write over bookkeeping: the object is stored without managed fields
      // (newObj already has none) rather than with a wrong record, and the cause is logged.
      LOG.log(System.Logger.Level.WARNING, "failed to update managedFields of {0}/{1}: {2}",
          newObj.path("metadata").path("namespace").asText(""), newObj.path("metadata").path("name").asText(""), e.getMessage());
    }
    return newObj;
  }

  private Map<String, ManagedFieldsEntry> managedForUpdate(ObjectNode old, ObjectNode updated) {
    if (subresource.isEmpty()) {
      var requested = updated.path("metadata").get("managedFields");
      if (ManagedFields.isReset(requested)) {
        return new LinkedHashMap<>();
      }
      try {
        var decoded = ManagedFields.decode(requested);
        if (!decoded.isEmpty()) {
          return decoded.asMap();
        }
      } catch (IllegalArgumentException e) {
        // An invalid request value is ignored in favour of the stored one, as upstream does.
      }
    }
    try {
      return ManagedFields.readFrom(old).asMap();
    } catch (IllegalArgumentException e) {
      return new LinkedHashMap<>();
    }
  }

  /** Upstream's Update path below the skip rule: structured update, strip, merge into the entry, cap. */
  private Map<String, ManagedFieldsEntry> recordChanges(ObjectNode liveObj, ObjectNode newObj, Map<String, ManagedFieldsEntry> managedIn,
      String manager, Instant now) {
    var managed = new LinkedHashMap<>(managedIn);
    var name = manager == null || manager.isEmpty() ? "unknown" : manager;
    var id = new ManagedFieldsEntry(name, ManagedFieldsEntry.Operation.UPDATE, apiVersion, null, subresource, null);
    var key = id.identifier();
    var compare = update(liveObj, newObj, managed, null, true);
    var changed = compare.modified().union(compare.added()).recursiveDifference(ignoredFields).difference(STRIPPED);
    if (!changed.isEmpty()) {
      var previous = managed.get(key);
      var fields = previous == null ? changed : changed.union(previous.fields());
      managed.put(key, id.withFields(fields).withTime(now));
    }
    capUpdateManagers(managed);
    return managed;
  }

  // ================================================================ shared steps

  /** One field another manager owns that this write changes. */
  private record Conflict(String managerKey, ManagedFieldsEntry manager, FieldPath path) {}

  private static final class ConflictsException extends RuntimeException {
    final List<Conflict> conflicts;

    ConflictsException(List<Conflict> conflicts) {
      super(null, null, false, false);
      this.conflicts = conflicts;
    }

    ApiException toApiException() {
      var byManager = new TreeMap<String, List<Conflict>>();
      conflicts.forEach(c -> byManager.computeIfAbsent(c.managerKey(), k -> new ArrayList<>()).add(c));
      var ordered = new ArrayList<Conflict>();
      byManager.values().forEach(ordered::addAll);
      var causes = ordered.stream()
          .map(c -> new ApiException.Cause("FieldManagerConflict", "conflict with " + c.manager().describe(), c.path().toString()))
          .toList();
      String message;
      if (ordered.size() == 1) {
        var c = ordered.getFirst();
        message = "Apply failed with 1 conflict: conflict with " + c.manager().describe() + ": " + c.path();
      } else {
        var lines = new ArrayList<String>();
        byManager.values().forEach(l -> {
          lines.add("conflicts with " + l.getFirst().manager().describe() + ":");
          l.forEach(c -> lines.add("- " + c.path()));
        });
        message = "Apply failed with " + ordered.size() + " conflicts: " + String.join("\n", lines);
      }
      return new ApiException(ApiException.Reason.CONFLICT, 409, message, new ApiException.Details("", "", "", causes, 0));
    }
  }

  /**
   * Compares the live and new objects and takes changed fields away from every manager but {@code workflow}
   * (failing instead when not forced), and removed fields from everyone.
   */
  private StructuredMerge.Comparison update(ObjectNode liveObj, JsonNode newObj, Map<String, ManagedFieldsEntry> managed,
      String workflow, boolean force) {
    var compare = StructuredMerge.compare(liveObj, newObj, root).filter(ignoredFields);
    var changed = compare.modified().union(compare.added());
    var conflicts = new LinkedHashMap<String, FieldSet>();
    for (var e : managed.entrySet()) {
      if (e.getKey().equals(workflow)) {
        continue;
      }
      var c = e.getValue().fields().intersection(changed);
      if (!c.isEmpty()) {
        conflicts.put(e.getKey(), c);
      }
    }
    if (!force && !conflicts.isEmpty()) {
      var list = new ArrayList<Conflict>();
      conflicts.forEach((k, s) -> s.paths().forEach(p -> list.add(new Conflict(k, managed.get(k), p))));
      throw new ConflictsException(list);
    }
    for (var it = managed.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (e.getKey().equals(workflow)) {
        continue;
      }
      var fields = e.getValue().fields().difference(conflicts.getOrDefault(e.getKey(), FieldSet.empty())).difference(compare.removed());
      if (fields.isEmpty()) {
        it.remove();
      } else {
        e.setValue(e.getValue().withFields(fields));
      }
    }
    return compare;
  }

  private void checkConflicts(ObjectNode liveObj, JsonNode newObj, Map<String, ManagedFieldsEntry> managed, String key, boolean force) {
    update(liveObj, newObj, managed, key, force);
    var own = managed.get(key);
    if (own != null && own.fields().isEmpty()) {
      managed.remove(key);
    }
  }

  private static void stripMeta(Map<String, ManagedFieldsEntry> managed, String key) {
    var e = managed.get(key);
    if (e == null) {
      return;
    }
    var fields = e.fields().difference(STRIPPED);
    if (fields.isEmpty()) {
      managed.remove(key);
    } else {
      managed.put(key, e.withFields(fields));
    }
  }

  /** Merges the oldest {@code Update} entries into {@value #ANCIENT_CHANGES} entries per API version beyond the cap. */
  private static void capUpdateManagers(Map<String, ManagedFieldsEntry> managed) {
    var updaters = new ArrayList<String>();
    managed.forEach((k, e) -> {
      if (e.operation() == ManagedFieldsEntry.Operation.UPDATE) {
        updaters.add(k);
      }
    });
    if (updaters.size() <= MAX_UPDATE_MANAGERS) {
      return;
    }
    updaters.sort(Comparator.<String>comparingLong(k -> seconds(managed.get(k))).thenComparing(k -> k));
    var firstOfVersion = new HashMap<String, String>();
    int length = updaters.size();
    for (int i = 0; i < updaters.size() && length > MAX_UPDATE_MANAGERS; i++) {
      var k = updaters.get(i);
      var entry = managed.get(k);
      var version = entry.apiVersion();
      var bucket = new ManagedFieldsEntry(ANCIENT_CHANGES, ManagedFieldsEntry.Operation.UPDATE, version, null, "", null);
      var bucketKey = bucket.identifier();
      var first = firstOfVersion.get(version);
      if (first == null) {
        firstOfVersion.put(version, k);
        continue;
      }
      if (!managed.containsKey(bucketKey)) {
        var moved = managed.remove(first);
        managed.put(bucketKey, bucket.withFields(moved.fields()).withTime(moved.time()));
      }
      var current = managed.get(bucketKey);
      managed.remove(k);
      managed.put(bucketKey, bucket.withFields(entry.fields().union(current.fields())).withTime(entry.time()));
      length--;
    }
  }

  private static long seconds(ManagedFieldsEntry e) {
    return e == null || e.time() == null ? 0 : e.time().getEpochSecond();
  }

  // ================================================================ last-applied (client-side apply) interplay

  /**
   * The fields kubectl may take over without a conflict on its first server-side apply after client-side
   * applies: those of the last-applied annotation whose live value is still the one it records.
   *
   * @return null when there is no usable annotation
   */
  private FieldSet allowedConflictsFromLastApplied(ObjectNode live, ObjectNode liveObj) {
    var text = lastApplied(live);
    if (text == null) {
      return null;
    }
    JsonNode last;
    try {
      last = JsonValues.parseSingle(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (!last.isObject() || !apiVersion.equals(last.path("apiVersion").asText())) {
      return null;
    }
    try {
      var set = StructuredMerge.toFieldSet(last, root);
      var cmp = StructuredMerge.compare(last, liveObj, root);
      return set.difference(cmp.modified()).difference(cmp.added()).difference(cmp.removed());
    } catch (StructuredMerge.TypeError e) {
      return null;
    }
  }

  private static String lastApplied(JsonNode obj) {
    if (obj == null) {
      return null;
    }
    var v = obj.path("metadata").path("annotations").get(LAST_APPLIED_ANNOTATION);
    return v == null || !v.isTextual() || v.textValue().isEmpty() ? null : v.textValue();
  }

  /** Keeps the annotation in step with what kubectl applied, so a later client-side apply computes the right patch. */
  private static void setLastApplied(ObjectNode out, ObjectNode applied) {
    var copy = applied.deepCopy();
    if (copy.path("metadata").path("annotations") instanceof ObjectNode a) {
      a.remove(LAST_APPLIED_ANNOTATION);
    }
    var text = JsonValues.goJson(copy) + "\n";
    var meta = out.get("metadata") instanceof ObjectNode m ? m : out.putObject("metadata");
    var annotations = meta.get("annotations") instanceof ObjectNode a ? a : meta.putObject("annotations");
    annotations.put(LAST_APPLIED_ANNOTATION, text);
  }

  // ================================================================ helpers

  private static ObjectNode withoutManagedFields(ObjectNode o) {
    var copy = o.deepCopy();
    if (copy.get("metadata") instanceof ObjectNode m) {
      m.remove("managedFields");
    }
    return copy;
  }

  /** Go's {@code GroupVersionKind.String()}: {@code apps/v1, Kind=Deployment}, {@code /v1, Kind=Pod}. */
  private static String goString(GroupVersionKind gvk) {
    return gvk.group() + "/" + gvk.version() + ", Kind=" + gvk.kind();
  }

  private ApiException typeError(String what, ObjectNode obj, String detail) {
    var meta = obj.path("metadata");
    var ns = meta.path("namespace").asText("");
    var name = meta.path("name").asText("");
    var gvk = GroupVersionKind.of(obj.path("apiVersion").asText(""), obj.path("kind").asText(""));
    var message = what + " (" + ns + "/" + name + "; " + goString(gvk) + "): " + detail;
    return new ApiException(ApiException.Reason.INTERNAL_ERROR, 500, message, ApiException.Details.NONE);
  }
}
