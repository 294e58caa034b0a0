package io.kube4j.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.strategy.ResourceStrategy;
import io.kube4j.api.validation.FieldError;
import io.kube4j.apiserver.json.Json;
import io.kube4j.machinery.errors.ApiException;
import io.kube4j.storage.KeyValue;
import io.kube4j.storage.Storage;
import io.kube4j.storage.StorageException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The generic store of one resource: every kind's create, read, update, patch, delete and list go
 * through here, with the per-kind rules supplied by a {@link ResourceStrategy} and optional
 * {@link StoreHooks}. It owns what is the same for all kinds: names and generateName, uid,
 * creationTimestamp, resourceVersion (the storage revision) with optimistic concurrency, generation,
 * status-versus-spec separation, managedFields, finalizers and graceful deletion, dry runs.
 *
 * <p>Objects are handled in the storage version; the stored JSON never carries
 * {@code metadata.resourceVersion}, which is always the storage revision of the entry.
 */
public final class ResourceStore {

  private static final int MAX_RETRIES = 16;
  private static final String GENERATE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private final ResourceDefinition def;
  private final String storageApiVersion;
  private final ResourceStrategy strategy;
  private final Storage storage;
  private final Clock clock;
  private final FieldManager fieldManager;
  private final StoreHooks hooks;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param storageApiVersion the apiVersion of the stored form (the storage version; core {@code v1} for
   *     events.k8s.io events, which share core events' storage)
   */
  public ResourceStore(ResourceDefinition def, String storageApiVersion, ResourceStrategy strategy, Storage storage, Clock clock,
      FieldManager fieldManager, StoreHooks hooks) {
    this.def = def;
    this.storageApiVersion = storageApiVersion;
    this.strategy = strategy;
    this.storage = storage;
    this.clock = clock;
    this.fieldManager = fieldManager;
    this.hooks = hooks;
  }

  public ResourceDefinition definition() {
    return def;
  }

  public ResourceStrategy strategy() {
    return strategy;
  }

  public FieldManager fieldManager() {
    return fieldManager;
  }

  /** A written object, whether the write created it, and the object it replaced (null when created). */
  public record Written(ObjectNode object, boolean created, ObjectNode previous) {
    public Written(ObjectNode object, boolean created) {
      this(object, created, null);
    }
  }

  /** The outcome of a delete: the object as it is now, and whether it is gone (or only marked for deletion). */
  public record Deleted(ObjectNode object, boolean gone) {}

  /** A page of a list. */
  public record Page(List<ObjectNode> items, long resourceVersion, String continueToken, Long remainingItemCount) {}

  // ---- reads

  public ObjectNode get(String namespace, String name) {
    return read(namespace, name).map(kv -> decode(kv)).orElseThrow(() -> notFound(name));
  }

  public Optional<ObjectNode> find(String namespace, String name) {
    return read(namespace, name).map(this::decode);
  }

  private Optional<KeyValue> read(String namespace, String name) {
    try {
      return storage.get(def.key(namespace, name));
    } catch (StorageException e) {
      throw StorageErrors.toApi(e, def, name);
    }
  }

  /** Lists objects under a namespace (empty: all namespaces), honouring filter, paging and resourceVersion semantics. */
  public Page list(String namespace, ListOptions options) {
    long revision = 0;
    String startAfter = "";
    if (!options.continueToken().isEmpty()) {
      var token = ContinueToken.decode(options.continueToken());
      revision = token.revision();
      startAfter = token.startAfter();
    } else if (!options.resourceVersion().isEmpty() && !options.resourceVersion().equals("0")) {
      long requested = parseResourceVersion(options.resourceVersion());
      long current = storage.currentRevision();
      if ("Exact".equals(options.resourceVersionMatch())) {
        revision = requested;
      } else if (requested > current) {
        throw new ApiException(ApiException.Reason.TIMEOUT, 504, "Too large resource version: " + requested + ", current: " + current,
            new ApiException.Details("", "", "", List.of(new ApiException.Cause("ResourceVersionTooLarge", "Too large resource version", "")), 1));
      }
    } else if ("Exact".equals(options.resourceVersionMatch())) {
      throw ApiException.badRequest("resourceVersionMatch: Forbidden: resourceVersionMatch \"Exact\" is forbidden for resourceVersion \"" + options.resourceVersion() + "\"");
    }
    var prefix = def.prefix(namespace);
    var items = new ArrayList<ObjectNode>();
    long limit = options.limit();
    int pageSize = limit > 0 ? (int) Math.min(Math.max(limit, 100), 5000) : 0;
    try {
      while (true) {
        var page = storage.list(prefix, revision, startAfter, pageSize);
        revision = page.revision();
        for (int i = 0; i < page.items().size(); i++) {
          var kv = page.items().get(i);
          var obj = decode(kv);
          if (options.filter().test(obj)) {
            items.add(obj);
            if (limit > 0 && items.size() == limit) {
              boolean more = i < page.items().size() - 1 || page.more();
              if (!more) {
                return new Page(items, revision, "", null);
              }
              Long remaining = options.filtered() ? null : page.remaining() + (page.items().size() - 1 - i);
              return new Page(items, revision, new ContinueToken(revision, kv.key()).encode(), remaining);
            }
          }
          startAfter = kv.key();
        }
        if (!page.more() || pageSize == 0) {
          return new Page(items, revision, "", null);
        }
      }
    } catch (StorageException.Compacted e) {
      if (!options.continueToken().isEmpty()) {
        throw new ApiException(ApiException.Reason.GONE, 410,
            "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.",
            ApiException.Details.NONE);
      }
      throw new ApiException(ApiException.Reason.GONE, 410, "too old resource version: " + revision + " (" + e.compactedRevision() + ")", ApiException.Details.NONE);
    } catch (StorageException e) {
      throw StorageErrors.toApi(e, def, "");
    }
  }

  /** Parses a resourceVersion parameter, answering 400 for anything but a non-negative integer. */
  public static long parseResourceVersion(String rv) {
    try {
      long v = Long.parseLong(rv);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid resource version: \"" + rv + "\"");
    }
  }

  // ---- create

  public ObjectNode create(String namespace, ObjectNode object, WriteOptions options) {
    var meta = Metadata.of(object);
    if (def.namespaced()) {
      meta.put("namespace", namespace);
    } else {
      meta.remove("namespace");
    }
    boolean generated = Metadata.name(object).isEmpty() && !Metadata.text(meta, "generateName").isEmpty();
    for (int attempt = 0; ; attempt++) {
      if (generated) {
        meta.put("name", generateName(Metadata.text(meta, "generateName")));
      }
      var name = Metadata.name(object);
      if (name.isEmpty()) {
        throw ApiException.invalid(def.group(), def.kind(), "", List.of(FieldError.required("metadata.name", "name or generateName is required")));
      }
      var toStore = prepareCreate(object, options);
      if (options.dryRun()) {
        return toStore;
      }
      try {
        var kv = storage.create(def.key(namespace, name), Json.bytes(toStore));
        return withResourceVersion(toStore, kv.modRevision());
      } catch (StorageException.KeyExists e) {
        hooks.release(this, toStore, false);
        if (generated && attempt < 5) {
          continue;
        }
        throw ApiException.alreadyExists(def.group(), def.resource(), name);
      } catch (StorageException e) {
        hooks.release(this, toStore, false);
        throw StorageErrors.toApi(e, def, name);
      }
    }
  }

  private ObjectNode prepareCreate(ObjectNode input, WriteOptions options) {
    var object = input.deepCopy();
    var meta = Metadata.of(object);
    var now = clock.instant();
    meta.put("uid", UUID.randomUUID().toString());
    meta.put("creationTimestamp", Json.time(now));
    meta.remove("resourceVersion");
    meta.remove("deletionTimestamp");
    meta.remove("deletionGracePeriodSeconds");
    meta.remove("selfLink");
    if (strategy.tracksGeneration()) {
      meta.put("generation", 1);
    } else {
      meta.remove("generation");
    }
    object.put("apiVersion", storageApiVersion);
    object.put("kind", def.kind());
    strategy.applyDefaults(object);
    strategy.prepareForCreate(object);
    hooks.beforeCreate(this, object, options.dryRun());
    var errors = strategy.validate(object);
    if (!errors.isEmpty()) {
      hooks.release(this, object, options.dryRun());
      throw ApiException.invalid(def.group(), def.kind(), Metadata.name(object), errors);
    }
    return options.apply() ? object : fieldManager.recordUpdate(null, object, options.fieldManager(), "", now);
  }

  private String generateName(String base) {
    var sb = new StringBuilder(base.length() > 58 ? base.substring(0, 58) : base);
    for (int i = 0; i < 5; i++) {
      sb.append(GENERATE_ALPHABET.charAt(random.nextInt(GENERATE_ALPHABET.length())));
    }
    return sb.toString();
  }

  // ---- update and patch

  /** How an update derives the new object from the stored one. */
  @FunctionalInterface
  public interface Mutation {
    /**
     * Returns the desired object given the current one (a private copy, or null if the object does not
     * exist and the write may create it).
     */
    ObjectNode apply(ObjectNode current);
  }

  /**
   * The guaranteed-update loop every write uses: read, mutate, check the precondition, write with
   * compare-and-swap, retry on a lost race unless the caller pinned a resourceVersion.
   *
   * @param subresource empty for the main resource (status is kept), {@code status} (only status changes), or
   *     another subresource that may change both (e.g. {@code binding})
   * @param createIfMissing whether the write may create the object (PUT for some kinds, server-side apply)
   */
  public Written update(String namespace, String name, String subresource, Mutation mutation, boolean createIfMissing, WriteOptions options) {
    var key = def.key(namespace, name);
    for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
      Optional<KeyValue> current = read(namespace, name);
      if (current.isEmpty()) {
        if (!createIfMissing) {
          throw notFound(name);
        }
        var desired = mutation.apply(null);
        if (desired == null) {
          throw notFound(name);
        }
        if (!Metadata.resourceVersion(desired).isEmpty()) {
          throw notFound(name); // an update conditioned on a version of an object that is gone
        }
        try {
          return new Written(create(namespace, desired, options), true);
        } catch (ApiException e) {
          if (e.reason() == ApiException.Reason.ALREADY_EXISTS) {
            continue; // created concurrently: update it instead
          }
          throw e;
        }
      }
      var kv = current.get();
      var old = decode(kv);
      var desired = mutation.apply(old.deepCopy());
      var requestedRv = Metadata.resourceVersion(desired);
      if (!requestedRv.isEmpty() && !requestedRv.equals(String.valueOf(kv.modRevision()))) {
        throw ApiException.staleResourceVersion(def.group(), def.resource(), name);
      }
      var toStore = prepareUpdate(desired, old, subresource, options);
      if (sameStoredContent(toStore, old)) {
        return new Written(old, false); // a no-op write keeps the resourceVersion, as upstream does
      }
      if (options.dryRun()) {
        return new Written(withResourceVersion(toStore, kv.modRevision()), false, old);
      }
      try {
        if (Metadata.terminating(toStore) && !Metadata.hasFinalizers(toStore) && !hooks.holdsDeletion(toStore) && deletionDue(toStore)) {
          var deleted = storage.delete(key, kv.modRevision());
          hooks.afterDelete(this, toStore);
          return new Written(withResourceVersion(toStore, deleted.modRevision()), false);
        }
        var written = storage.update(key, Json.bytes(toStore), kv.modRevision());
        return new Written(withResourceVersion(toStore, written.modRevision()), false, old);
      } catch (StorageException.RevisionMismatch | StorageException.NotFound e) {
        if (!requestedRv.isEmpty()) {
          throw ApiException.staleResourceVersion(def.group(), def.resource(), name);
        }
        // lost a race with another writer: read again and retry
      } catch (StorageException e) {
        throw StorageErrors.toApi(e, def, name);
      }
    }
    throw ApiException.conflict(def.group(), def.resource(), name, "too many concurrent updates, please retry");
  }

  /** Whether an object marked for deletion with no finalizers left should be removed now. */
  private boolean deletionDue(ObjectNode object) {
    var grace = object.path("metadata").path("deletionGracePeriodSeconds");
    return grace.isMissingNode() || grace.asLong() == 0;
  }

  private ObjectNode prepareUpdate(ObjectNode input, ObjectNode old, String subresource, WriteOptions options) {
    var object = input.deepCopy();
    var meta = Metadata.of(object);
    var oldMeta = Metadata.of(old);
    object.put("apiVersion", storageApiVersion);
    object.put("kind", def.kind());
    if (def.namespaced()) {
      meta.put("namespace", Metadata.namespace(old));
    }
    meta.remove("resourceVersion");
    meta.remove("selfLink");
    if (Metadata.uid(object).isEmpty()) {
      meta.put("uid", Metadata.uid(old));
    }
    copyField(oldMeta, meta, "creationTimestamp");
    // an update can never set, change or clear the deletion timestamp or grace period
    copyField(oldMeta, meta, "deletionTimestamp");
    copyField(oldMeta, meta, "deletionGracePeriodSeconds");
    copyField(oldMeta, meta, "generation");
    strategy.applyDefaults(object);
    List<FieldError> errors;
    if (subresource.equals("finalize")) {
      // namespaces/NAME/finalize changes spec.finalizers and nothing else
      var restored = old.deepCopy();
      var keptMeta = Metadata.of(restored);
      keptMeta.remove("resourceVersion");
      var spec = restored.get("spec") instanceof ObjectNode s ? s : restored.putObject("spec");
      var finalizers = object.path("spec").get("finalizers");
      if (finalizers == null || finalizers.isNull()) {
        spec.remove("finalizers");
      } else {
        spec.set("finalizers", finalizers.deepCopy());
      }
      object = restored;
      errors = strategy.validateUpdate(object, old);
    } else if (subresource.equals("status")) {
      // only status may change through the status subresource, plus metadata other than labels' owners' wishes
      var restored = old.deepCopy();
      var status = object.get("status");
      if (status == null) {
        restored.remove("status");
      } else {
        restored.set("status", status);
      }
      var keptMeta = oldMeta.deepCopy();
      keptMeta.remove("resourceVersion");
      restored.set("metadata", keptMeta);
      object = restored;
      strategy.prepareForStatusUpdate(object, old);
      errors = strategy.validateStatusUpdate(object, old);
    } else {
      if (def.hasSubresource("status") && subresource.isEmpty()) {
        var oldStatus = old.get("status");
        if (oldStatus == null) {
          object.remove("status");
        } else {
          object.set("status", oldStatus.deepCopy());
        }
      }
      strategy.prepareForUpdate(object, old);
      if (strategy.tracksGeneration() && specChanged(object, old)) {
        Metadata.of(object).put("generation", old.path("metadata").path("generation").asLong(0) + 1);
      }
      errors = new ArrayList<>(immutableMetadata(object, old));
      // A binding is the one write allowed to set spec.nodeName; upstream's binding REST runs no update validation.
      if (!subresource.equals("binding")) {
        errors.addAll(strategy.validateUpdate(object, old));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(def.group(), def.kind(), Metadata.name(object), errors);
    }
    hooks.beforeUpdate(this, object, old, options.dryRun());
    // A binding records no managed fields: upstream's binding writes storage directly, without the field
    // manager, so a scheduled pod's managers are its creator and its kubelet.
    if (options.apply() || subresource.equals("binding")) {
      return object;
    }
    return fieldManager.recordUpdate(old, object, options.fieldManager(), subresource, clock.instant());
  }

  private List<FieldError> immutableMetadata(ObjectNode object, ObjectNode old) {
    var errors = new ArrayList<FieldError>();
    if (!Metadata.name(object).equals(Metadata.name(old))) {
      errors.add(FieldError.invalid("metadata.name", Metadata.name(object), "field is immutable"));
    }
    if (!Metadata.uid(object).equals(Metadata.uid(old))) {
      errors.add(FieldError.invalid("metadata.uid", Metadata.uid(object), "field is immutable"));
    }
    return errors;
  }

  private static void copyField(ObjectNode from, ObjectNode to, String field) {
    var v = from.get(field);
    if (v == null) {
      to.remove(field);
    } else {
      to.set(field, v.deepCopy());
    }
  }

  /** Whether anything but metadata and status differs. */
  private static boolean specChanged(ObjectNode object, ObjectNode old) {
    var a = object.deepCopy();
    var b = old.deepCopy();
    for (var o : List.of(a, b)) {
      o.remove("metadata");
      o.remove("status");
    }
    return !a.equals(b);
  }

  /** Whether two stored forms are equal but for the old one's resourceVersion and managedFields timestamps; copies nothing. */
  static boolean sameStoredContent(ObjectNode toStore, ObjectNode old) {
    return sameFields(toStore, old, "", (name, a, b) -> name.equals("metadata") && a instanceof ObjectNode m && b instanceof ObjectNode n
        ? sameMetadata(m, n) : a.equals(b));
  }

  private static boolean sameMetadata(ObjectNode a, ObjectNode b) {
    // the new form never carries a resourceVersion; a stale one in it differs from the old form's
    return !a.has("resourceVersion") && sameFields(a, b, "resourceVersion",
        (name, x, y) -> name.equals("managedFields") ? sameIgnoringTime(x, y) : x.equals(y));
  }

  private static boolean sameIgnoringTime(JsonNode a, JsonNode b) {
    if (!(a instanceof ArrayNode x) || !(b instanceof ArrayNode y) || x.size() != y.size()) {
      return a.equals(b);
    }
    for (int i = 0; i < x.size(); i++) {
      boolean same = x.get(i) instanceof ObjectNode p && y.get(i) instanceof ObjectNode q
          ? sameFields(p, q, "time", (name, m, n) -> m.equals(n))
          : x.get(i).equals(y.get(i));
      if (!same) {
        return false;
      }
    }
    return true;
  }

  private interface FieldComparison {
    boolean same(String name, JsonNode a, JsonNode b);
  }

  /** Whether {@code a} and {@code b} have the same fields, but {@code ignored}, and {@code compare} finds each pair the same. */
  private static boolean sameFields(ObjectNode a, ObjectNode b, String ignored, FieldComparison compare) {
    for (var field : a.properties()) {
      var other = b.get(field.getKey());
      if (!field.getKey().equals(ignored) && (other == null || !compare.same(field.getKey(), field.getValue(), other))) {
        return false;
      }
    }
    for (var field : b.properties()) {
      if (!field.getKey().equals(ignored) && !a.has(field.getKey())) {
        return false;
      }
    }
    return true;
  }

  // ---- delete

  public Deleted delete(String namespace, String name, DeleteOptions options) {
    var key = def.key(namespace, name);
    for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
      var kv = read(namespace, name).orElseThrow(() -> notFound(name));
      var current = decode(kv);
      checkPreconditions(current, options, name);
      var marked = current.deepCopy();
      var meta = Metadata.of(marked);
      boolean finalizersChanged = updateGcFinalizers(meta, options.propagationPolicy());
      long grace = hooks.gracePeriod(this, marked, options.gracePeriodSeconds());
      boolean held = Metadata.hasFinalizers(marked) || hooks.holdsDeletion(marked);
      try {
        if (!held && grace == 0) {
          if (options.dryRun()) {
            return new Deleted(current, true);
          }
          var deleted = storage.delete(key, kv.modRevision());
          hooks.afterDelete(this, current);
          return new Deleted(withResourceVersion(current, deleted.modRevision()), true);
        }
        // graceful, or held by finalizers: mark for deletion and let its owners finish it
        var now = clock.instant();
        if (Metadata.terminating(current)) {
          long oldGrace = meta.path("deletionGracePeriodSeconds").asLong(0);
          if (grace >= oldGrace && !finalizersChanged) {
            return new Deleted(current, false);
          }
          if (grace < oldGrace) {
            meta.put("deletionTimestamp", Json.time(now.plusSeconds(grace)));
            meta.put("deletionGracePeriodSeconds", grace);
          }
        } else {
          meta.put("deletionTimestamp", Json.time(now.plusSeconds(grace)));
          meta.put("deletionGracePeriodSeconds", grace);
          hooks.beforeMarkDeleted(this, marked);
        }
        if (options.dryRun()) {
          return new Deleted(marked, false);
        }
        var written = storage.update(key, Json.bytes(stripRv(marked)), kv.modRevision());
        return new Deleted(withResourceVersion(marked, written.modRevision()), false);
      } catch (StorageException.RevisionMismatch e) {
        // changed under us: read again and decide again
      } catch (StorageException.NotFound e) {
        throw notFound(name);
      } catch (StorageException e) {
        throw StorageErrors.toApi(e, def, name);
      }
    }
    throw ApiException.conflict(def.group(), def.resource(), name, "too many concurrent updates, please retry");
  }

  private void checkPreconditions(ObjectNode current, DeleteOptions options, String name) {
    if (!options.preconditionUid().isEmpty() && !options.preconditionUid().equals(Metadata.uid(current))) {
      throw ApiException.conflict(def.group(), def.resource(), name,
          "Precondition failed: UID in precondition: " + options.preconditionUid() + ", UID in object meta: " + Metadata.uid(current));
    }
    if (!options.preconditionResourceVersion().isEmpty() && !options.preconditionResourceVersion().equals(Metadata.resourceVersion(current))) {
      throw ApiException.conflict(def.group(), def.resource(), name,
          "Precondition failed: ResourceVersion in precondition: " + options.preconditionResourceVersion()
              + ", ResourceVersion in object meta: " + Metadata.resourceVersion(current));
    }
  }

  /** Adds or removes the garbage collector's finalizers for a propagation policy, as upstream does. */
  private static boolean updateGcFinalizers(ObjectNode meta, String policy) {
    if (policy == null || policy.isEmpty()) {
      return false;
    }
    var finalizers = new ArrayList<String>();
    meta.path("finalizers").forEach(f -> finalizers.add(f.asText()));
    var before = List.copyOf(finalizers);
    switch (policy) {
      case "Orphan" -> {
        finalizers.remove("foregroundDeletion");
        if (!finalizers.contains("orphan")) {
          finalizers.add("orphan");
        }
      }
      case "Foreground" -> {
        finalizers.remove("orphan");
        if (!finalizers.contains("foregroundDeletion")) {
          finalizers.add("foregroundDeletion");
        }
      }
      case "Background" -> {
        finalizers.remove("orphan");
        finalizers.remove("foregroundDeletion");
      }
      default -> throw ApiException.invalid("meta.k8s.io", "DeleteOptions", "",
          List.of(FieldError.notSupported("propagationPolicy", policy, List.of("Foreground", "Background", "Orphan"))));
    }
    if (before.equals(finalizers)) {
      return false;
    }
    if (finalizers.isEmpty()) {
      meta.remove("finalizers");
    } else {
      var arr = meta.putArray("finalizers");
      finalizers.forEach(arr::add);
    }
    return true;
  }

  // ---- encoding

  /** The object stored in {@code kv}, with its resourceVersion. */
  public ObjectNode decode(KeyValue kv) {
    return withResourceVersion(Json.parseStored(kv.value()), kv.modRevision());
  }

  private static ObjectNode withResourceVersion(ObjectNode object, long revision) {
    Metadata.of(object).put("resourceVersion", String.valueOf(revision));
    return object;
  }

  private static ObjectNode stripRv(ObjectNode object) {
    var copy = object.deepCopy();
    Metadata.of(copy).remove("resourceVersion");
    return copy;
  }

  private ApiException notFound(String name) {
    return ApiException.notFound(def.group(), def.resource(), name);
  }

  public Instant now() {
    return clock.instant();
  }

  public Storage storage() {
    return storage;
  }

  /** Applies a function to a copy of an object: convenience for hooks and tests. */
  public static ObjectNode edit(ObjectNode object, UnaryOperator<ObjectNode> f) {
    return f.apply(object.deepCopy());
  }
}
