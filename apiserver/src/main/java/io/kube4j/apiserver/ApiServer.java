package io.kube4j.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.BuiltinResources;
import io.kube4j.api.GroupVersionResource;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.kinds.Strategies;
import io.kube4j.api.schema.BuiltinSchemas;
import io.kube4j.apiserver.auth.RbacAuthorizer;
import io.kube4j.apiserver.auth.ServiceAccountTokens;
import io.kube4j.apiserver.core.NamespaceHooks;
import io.kube4j.apiserver.core.NamespaceLifecycle;
import io.kube4j.apiserver.core.PodHooks;
import io.kube4j.apiserver.core.ServiceHooks;
import io.kube4j.apiserver.core.ServiceNetwork;
import io.kube4j.apiserver.discovery.Discovery;
import io.kube4j.apiserver.json.Json;
import io.kube4j.apiserver.registry.ManagedFieldsTracker;
import io.kube4j.apiserver.registry.ResourceStore;
import io.kube4j.apiserver.registry.StoreHooks;
import io.kube4j.apiserver.registry.WriteOptions;
import io.kube4j.apiserver.rest.Eviction;
import io.kube4j.apiserver.rest.OpenApiEndpoints;
import io.kube4j.apiserver.rest.Patching;
import io.kube4j.apiserver.rest.Representations;
import io.kube4j.apiserver.rest.ResourceHandler;
import io.kube4j.apiserver.rest.SchemaUnknownFields;
import io.kube4j.apiserver.rest.SelectorFilters;
import io.kube4j.apiserver.rest.TableRendering;
import io.kube4j.apiserver.rest.VersionConversion;
import io.kube4j.apiserver.rest.Watches;
import io.kube4j.apiserver.review.ReviewEndpoints;
import io.kube4j.machinery.errors.ApiException;
import io.kube4j.storage.Storage;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The API server's object graph: one {@link ResourceStore} per served resource and version over one
 * {@link Storage}, the request handler in front of them, and the bootstrap of the objects every
 * cluster has (system namespaces, the {@code kubernetes} service).
 */
public final class ApiServer implements AutoCloseable {

  /** What the server is told about its surroundings (its port is known only once it listens: see {@link #bootstrap}). */
  public record Settings(String advertiseAddress, ServiceNetwork serviceNetwork, String gitVersion) {}

  private final Map<GroupVersionResource, ResourceStore> stores = new HashMap<>();
  private final Map<String, ResourceStore> byResource = new HashMap<>();
  private final ApiHandler handler;
  private final AtomicBoolean ready = new AtomicBoolean();
  private final Settings settings;
  private final Clock clock;
  private volatile int port;
  private final io.kube4j.apiserver.registry.EventTtl eventTtl;

  private final ServiceAccountTokens serviceAccountTokens;

  /**
   * A server whose service-account tokens are signed with a key made for this process only: tokens do
   * not survive a restart. {@code Kube4jServer} passes the key kept in the data directory instead.
   */
  public ApiServer(Storage storage, Clock clock, Settings settings) {
    this(storage, clock, settings, ephemeralKey());
  }

  /** @param serviceAccountKey signs and verifies service-account tokens (RSA, or EC P-256) */
  public ApiServer(Storage storage, Clock clock, Settings settings, KeyPair serviceAccountKey) {
    this.settings = settings;
    this.clock = clock;
    // events expire one hour after their last write, as upstream's --event-ttl default
    this.eventTtl = io.kube4j.apiserver.registry.EventTtl.start(storage, clock, io.kube4j.apiserver.registry.EventTtl.DEFAULT_TTL,
        io.kube4j.apiserver.registry.EventTtl.DEFAULT_INTERVAL, io.kube4j.storage.PeriodicCompactor.REAL_TIME,
        e -> org.slf4j.LoggerFactory.getLogger(ApiServer.class).warn("event expiry sweep failed: {}", e.toString()));
    var schemas = new BuiltinSchemas();
    var fieldManager = new ManagedFieldsTracker(schemas);
    var serviceHooks = new ServiceHooks(settings.serviceNetwork(), storage, clock, () -> byResource.get("/services"));
    for (var def : BuiltinResources.all()) {
      if (ReviewEndpoints.isReview(def.group(), def.resource())) {
        continue; // computed per request, never stored
      }
      StoreHooks hooks = switch (def.group() + "/" + def.resource()) {
        case "/pods" -> new PodHooks(() -> byResource.get("scheduling.k8s.io/priorityclasses"));
        case "/namespaces" -> new NamespaceHooks();
        case "/services" -> serviceHooks;
        default -> StoreHooks.NONE;
      };
      var strategy = Strategies.forResource(def);
      var storageApiVersion = VersionConversion.storageApiVersion(def);
      var store = new ResourceStore(def, storageApiVersion, strategy, storage, clock, fieldManager.forResource(def, storageApiVersion), hooks);
      for (var version : def.versions()) {
        stores.put(def.resourceIn(version), store);
      }
      byResource.put(def.group() + "/" + def.resource(), store);
    }
    var tables = new TableRendering();
    var representations = new Representations(new VersionConversion(), tables, new SchemaUnknownFields(schemas), clock);
    var resourceHandler = new ResourceHandler(representations, new Watches(representations, clock),
        new Patching(schemas, representations), new SelectorFilters(), new Eviction(() -> store("policy", "poddisruptionbudgets")));
    var discovery = new Discovery(resources(), () -> settings.advertiseAddress() + ":" + port);
    var authorizer = new RbacAuthorizer(store("rbac.authorization.k8s.io", "roles"),
        store("rbac.authorization.k8s.io", "clusterroles"), store("rbac.authorization.k8s.io", "rolebindings"),
        store("rbac.authorization.k8s.io", "clusterrolebindings"));
    ServiceAccountTokens.ObjectLookup objects = (resource, namespace, name) -> store("", resource).find(namespace, name);
    serviceAccountTokens = new ServiceAccountTokens(serviceAccountKey, ServiceAccountTokens.DEFAULT_ISSUER,
        List.of(ServiceAccountTokens.DEFAULT_ISSUER), clock, objects);
    handler = new ApiHandler(stores, discovery, new OpenApiEndpoints(schemas), authorizer, resourceHandler,
        new NamespaceLifecycle(store("", "namespaces")), ready::get, version(settings.gitVersion()),
        new ReviewEndpoints(authorizer, authorizer, serviceAccountTokens, objects), new ApiHandler.IssuerDiscovery() {
          @Override
          public ObjectNode openIdConfiguration() {
            return serviceAccountTokens.openIdConfiguration("https://" + hostPort(settings.advertiseAddress(), port) + "/openid/v1/jwks");
          }

          @Override
          public ObjectNode jwks() {
            return serviceAccountTokens.jwks();
          }
        });
  }

  /** Verifies the service-account tokens this server issues: give it to the {@code Authenticator}. */
  public ServiceAccountTokens serviceAccountTokens() {
    return serviceAccountTokens;
  }

  private static String hostPort(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private static KeyPair ephemeralKey() {
    try {
      var generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no RSA", e);
    }
  }

  public ApiHandler handler() {
    return handler;
  }

  /** The store of a built-in resource, e.g. {@code ("apps", "deployments")}. */
  public ResourceStore store(String group, String resource) {
    var store = byResource.get(group + "/" + resource);
    if (store == null) {
      throw new IllegalArgumentException("no such resource: " + group + "/" + resource);
    }
    return store;
  }

  /** Creates what every cluster has, if missing, then turns {@code /readyz} green; {@code port} is where the server listens. */
  private static ObjectNode systemPriorityClass(String name, long value, String description) {
    var pc = Json.object();
    pc.put("apiVersion", "scheduling.k8s.io/v1").put("kind", "PriorityClass");
    pc.putObject("metadata").put("name", name);
    pc.put("value", value).put("description", description);
    return pc;
  }

  public void bootstrap(int port) {
    this.port = port;
    var namespaces = store("", "namespaces");
    for (var ns : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
      if (namespaces.find("", ns).isEmpty()) {
        var o = Json.object();
        o.put("apiVersion", "v1").put("kind", "Namespace");
        o.putObject("metadata").put("name", ns);
        createIgnoringExists(namespaces, "", o);
      }
    }
    var clusterRoles = store("rbac.authorization.k8s.io", "clusterroles");
    for (var role : io.kube4j.apiserver.auth.BootstrapPolicy.clusterRoles()) {
      createIgnoringExists(clusterRoles, "", role);
    }
    var clusterRoleBindings = store("rbac.authorization.k8s.io", "clusterrolebindings");
    for (var binding : io.kube4j.apiserver.auth.BootstrapPolicy.clusterRoleBindings()) {
      createIgnoringExists(clusterRoleBindings, "", binding);
    }
    var priorityClasses = store("scheduling.k8s.io", "priorityclasses");
    for (var pc : List.of(
        systemPriorityClass("system-node-critical", 2_000_001_000L, "Used for system critical pods that must not be moved from their current node."),
        systemPriorityClass("system-cluster-critical", 2_000_000_000L,
            "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary."))) {
      createIgnoringExists(priorityClasses, "", pc);
    }
    var services = store("", "services");
    if (services.find("default", "kubernetes").isEmpty()) {
      var svc = Json.object();
      svc.put("apiVersion", "v1").put("kind", "Service");
      var meta = svc.putObject("metadata");
      meta.put("name", "kubernetes");
      meta.putObject("labels").put("component", "apiserver").put("provider", "kubernetes");
      var spec = svc.putObject("spec");
      spec.put("type", "ClusterIP");
      spec.put("clusterIP", settings.serviceNetwork().apiServerIp());
      spec.put("sessionAffinity", "None");
      var servicePort = spec.putArray("ports").addObject();
      servicePort.put("name", "https").put("port", 443).put("protocol", "TCP").put("targetPort", port);
      try {
        createIgnoringExists(services, "default", svc);
      } catch (ApiException e) {
        // Another server bootstrapping the same etcd reserved the address and created the service first.
        if (services.find("default", "kubernetes").isEmpty()) {
          throw e;
        }
      }
    }
    var endpoints = store("", "endpoints");
    var ep = Json.object();
    ep.put("apiVersion", "v1").put("kind", "Endpoints");
    var epMeta = ep.putObject("metadata");
    epMeta.put("name", "kubernetes");
    epMeta.putObject("labels").put("endpointslice.kubernetes.io/skip-mirror", "true");
    var subset = ep.putArray("subsets").addObject();
    subset.putArray("addresses").addObject().put("ip", settings.advertiseAddress());
    subset.putArray("ports").addObject().put("name", "https").put("port", port).put("protocol", "TCP");
    endpoints.update("default", "kubernetes", "", current -> {
      if (current != null) {
        current.set("subsets", ep.get("subsets"));
        io.kube4j.apiserver.registry.Metadata.of(current).remove("resourceVersion");
        return current;
      }
      return ep;
    }, true, new WriteOptions(false, "kube-apiserver", false, false));
    ready.set(true);
  }

  private static void createIgnoringExists(ResourceStore store, String namespace, ObjectNode object) {
    try {
      store.create(namespace, object, new WriteOptions(false, "kube-apiserver", false, false));
    } catch (ApiException e) {
      if (e.reason() != ApiException.Reason.ALREADY_EXISTS) {
        throw e;
      }
    }
  }

  /** Stops the API server's background work (event expiry); the store is closed by its owner. */
  @Override
  public void close() {
    eventTtl.close();
  }

  public boolean isReady() {
    return ready.get();
  }

  public Clock clock() {
    return clock;
  }

  private static ObjectNode version(String gitVersion) {
    var v = Json.object();
    v.put("major", "1");
    v.put("minor", "32");
    v.put("gitVersion", gitVersion);
    v.put("gitCommit", "");
    v.put("gitTreeState", "clean");
    v.put("buildDate", "");
    v.put("goVersion", "java" + Runtime.version().feature());
    v.put("compiler", "kube4j");
    v.put("platform", System.getProperty("os.name").toLowerCase() + "/" + arch());
    return v;
  }

  private static String arch() {
    var a = System.getProperty("os.arch");
    return switch (a) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> a;
    };
  }

  /** Every served resource definition. */
  public static List<ResourceDefinition> resources() {
    return BuiltinResources.all();
  }
}
