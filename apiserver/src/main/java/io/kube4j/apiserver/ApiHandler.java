package io.kube4j.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.GroupVersionResource;
import io.kube4j.apiserver.auth.Authenticator;
import io.kube4j.apiserver.auth.Authorizer;
import io.kube4j.apiserver.auth.Impersonation;
import io.kube4j.apiserver.auth.User;
import io.kube4j.apiserver.discovery.Discovery;
import io.kube4j.apiserver.http.ApiRequest;
import io.kube4j.apiserver.http.HttpHandler;
import io.kube4j.apiserver.http.MediaTypes;
import io.kube4j.apiserver.http.RequestInfo;
import io.kube4j.apiserver.http.ResponseSink;
import io.kube4j.apiserver.http.Responses;
import io.kube4j.apiserver.json.Json;
import io.kube4j.apiserver.registry.ResourceStore;
import io.kube4j.apiserver.rest.ResourceHandler;
import io.kube4j.apiserver.review.ReviewEndpoints;
import io.kube4j.machinery.errors.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request path of the API server after HTTP decoding: authentication result check,
 * impersonation, authorization, non-resource endpoints (health, version, discovery, OpenAPI, issuer
 * discovery), the review APIs and TokenRequests, and resource requests, with every failure answered as
 * a {@code Status}.
 */
public final class ApiHandler implements HttpHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
  private static final Set<String> PUBLIC_PATHS = Set.of("/healthz", "/livez", "/readyz", "/version");

  private final Map<GroupVersionResource, ResourceStore> stores;
  private final Discovery discovery;
  private final OpenApi openApi;
  private final Authorizer authorizer;
  private final ResourceHandler resources;
  private final Admission admission;
  private final BooleanSupplier ready;
  private final ObjectNode version;
  private final Impersonation impersonation;
  private final ReviewEndpoints reviews;
  private final IssuerDiscovery issuerDiscovery;
  private final io.kube4j.apiserver.http.InFlightLimit inFlight = new io.kube4j.apiserver.http.InFlightLimit(400, 200);

  /** Serves the OpenAPI documents. */
  public interface OpenApi {
    /** The v2 document as JSON, or as gnostic protobuf if {@code protobuf} (empty if that form is not available). */
    Optional<byte[]> v2(boolean protobuf);

    byte[] v3Index();

    Optional<byte[]> v3(String groupVersionPath);
  }

  /** Checks a request against cluster state before the store sees it (namespace lifecycle, and more later). */
  @FunctionalInterface
  public interface Admission {
    void admit(RequestInfo info, ResourceStore store);
  }

  public ApiHandler(Map<GroupVersionResource, ResourceStore> stores, Discovery discovery, OpenApi openApi, Authorizer authorizer,
      ResourceHandler resources, Admission admission, BooleanSupplier ready, ObjectNode version, ReviewEndpoints reviews,
      IssuerDiscovery issuerDiscovery) {
    this.stores = Map.copyOf(stores);
    this.discovery = discovery;
    this.openApi = openApi;
    this.authorizer = authorizer;
    this.resources = resources;
    this.admission = admission;
    this.ready = ready;
    this.version = version;
    this.impersonation = new Impersonation(authorizer);
    this.reviews = reviews;
    this.issuerDiscovery = issuerDiscovery;
  }

  /** The service-account issuer's discovery documents, as upstream serves them for token verifiers outside the cluster. */
  public interface IssuerDiscovery {
    /** {@code /.well-known/openid-configuration} */
    ObjectNode openIdConfiguration();

    /** {@code /openid/v1/jwks} */
    ObjectNode jwks();
  }

  @Override
  public void handle(ApiRequest request, ResponseSink sink) {
    try {
      var info = RequestInfo.parse(request.method(), request.path(), request.query());
      var user = request.user();
      if (user == Authenticator.INVALID || (user.isAnonymous() && !isPublic(request.path()))) {
        throw new ApiException(ApiException.Reason.UNAUTHORIZED, "Unauthorized");
      }
      if (!user.isAnonymous()) {
        user = impersonation.apply(user, request.headers());
        request = request.withUser(user);
        var decision = authorizer.authorize(user, info);
        if (!decision.allowed()) {
          throw forbidden(user, info);
        }
      }
      try (var slot = inFlight.acquire(info, user)) {
        if (info.resourceRequest()) {
          serveResource(request, info, sink);
        } else {
          serveNonResource(request, info, sink);
        }
      }
    } catch (ApiException e) {
      Responses.error(sink, e);
    } catch (InterruptedException e) {
      // The server is stopping while this request waited (a watch, mostly): there is no one left to answer.
      log.debug("{} {} interrupted", request.method(), request.path());
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.error("internal error serving {} {}", request.method(), request.path(), e);
      Responses.error(sink, ApiException.internal(String.valueOf(e.getMessage())));
    }
  }

  private static boolean isPublic(String path) {
    return PUBLIC_PATHS.contains(path) || path.startsWith("/healthz/") || path.startsWith("/livez/") || path.startsWith("/readyz/");
  }

  private static ApiException forbidden(User user, RequestInfo info) {
    if (!info.resourceRequest()) {
      return new ApiException(ApiException.Reason.FORBIDDEN, 403, "forbidden: User \"" + user.name() + "\" cannot " + info.verb() + " path \"" + info.path() + "\"",
          ApiException.Details.NONE);
    }
    var resource = info.subresource().isEmpty() ? info.resource() : info.resource() + "/" + info.subresource();
    return ApiException.forbidden(user.name(), info.verb(), info.group(), resource, info.namespace(), info.name());
  }

  private void serveResource(ApiRequest request, RequestInfo info, ResponseSink sink) throws Exception {
    if (reviews.serves(info)) {
      Responses.json(sink, 201, reviews.create(request, info, request.user()));
      return;
    }
    var store = stores.get(new GroupVersionResource(info.group(), info.version(), info.resource()));
    if (store == null) {
      throw new ApiException(ApiException.Reason.NOT_FOUND, 404, "the server could not find the requested resource", ApiException.Details.NONE);
    }
    if (Set.of("create", "update", "patch", "delete").contains(info.verb())) {
      admission.admit(info, store);
    }
    resources.handle(request, info, store, sink);
  }

  private void serveNonResource(ApiRequest request, RequestInfo info, ResponseSink sink) {
    var path = request.path();
    if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
      throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
    }
    switch (path) {
      case "/healthz", "/livez", "/healthz/ping", "/livez/ping" -> text(sink, 200, "ok");
      case "/readyz" -> {
        if (ready.getAsBoolean()) {
          text(sink, 200, "ok");
        } else {
          text(sink, 500, "[-]kube4j-bootstrap failed: not finished\nreadyz check failed");
        }
      }
      case "/version" -> Responses.json(sink, 200, version);
      case "/.well-known/openid-configuration", "/.well-known/openid-configuration/" ->
          Responses.json(sink, 200, issuerDiscovery.openIdConfiguration(), Map.of("Cache-Control", "public, max-age=3600"));
      case "/openid/v1/jwks", "/openid/v1/jwks/" ->
          sink.send(200, "application/jwk-set+json", Json.bytes(issuerDiscovery.jwks()), Map.of("Cache-Control", "public, max-age=3600"));
      case "/api" -> {
        if (wantsAggregated(request)) {
          sink.send(200, Discovery.AGGREGATED_V2, Json.bytes(discovery.aggregated(true)), Map.of());
        } else {
          Responses.json(sink, 200, discovery.apiVersions());
        }
      }
      case "/apis" -> {
        if (wantsAggregated(request)) {
          sink.send(200, Discovery.AGGREGATED_V2, Json.bytes(discovery.aggregated(false)), Map.of());
        } else {
          Responses.json(sink, 200, discovery.apiGroupList());
        }
      }
      case "/openapi/v2" -> {
        boolean protobuf = request.header("accept").contains("protobuf");
        var doc = openApi.v2(protobuf);
        if (doc.isPresent()) {
          sink.send(200, protobuf ? "application/com.github.proto-openapi.spec.v2.v1.0+protobuf" : MediaTypes.JSON, doc.get(), Map.of());
        } else if (protobuf) {
          throw new ApiException(ApiException.Reason.NOT_ACCEPTABLE, 406, "only application/json is available for /openapi/v2", ApiException.Details.NONE);
        } else {
          throw notFound();
        }
      }
      case "/openapi/v3", "/openapi/v3/" -> sink.send(200, MediaTypes.JSON, openApi.v3Index(), Map.of());
      default -> {
        if (path.startsWith("/openapi/v3/")) {
          var doc = openApi.v3(path.substring("/openapi/v3/".length())).orElseThrow(ApiHandler::notFound);
          sink.send(200, MediaTypes.JSON, doc, Map.of("Cache-Control", "public, immutable", "Expires", "Thu, 31 Dec 2099 23:59:59 GMT"));
          return;
        }
        if (path.startsWith("/healthz/") || path.startsWith("/livez/") || path.startsWith("/readyz/")) {
          text(sink, 200, "ok");
          return;
        }
        serveGroupDiscovery(path, sink);
      }
    }
  }

  private void serveGroupDiscovery(String path, ResponseSink sink) {
    var parts = List.of(path.replaceAll("^/+|/+$", "").split("/"));
    if (parts.size() == 2 && parts.get(0).equals("api")) {
      Responses.json(sink, 200, discovery.apiResourceList("", parts.get(1)).orElseThrow(ApiHandler::notFound));
    } else if (parts.size() == 2 && parts.get(0).equals("apis")) {
      Responses.json(sink, 200, discovery.apiGroup(parts.get(1)).orElseThrow(ApiHandler::notFound));
    } else if (parts.size() == 3 && parts.get(0).equals("apis")) {
      Responses.json(sink, 200, discovery.apiResourceList(parts.get(1), parts.get(2)).orElseThrow(ApiHandler::notFound));
    } else {
      throw notFound();
    }
  }

  private static boolean wantsAggregated(ApiRequest request) {
    var accept = request.header("accept");
    for (var alternative : accept.split(",")) {
      var a = alternative.trim().replace(" ", "");
      if (a.contains("g=apidiscovery.k8s.io") && a.contains("v=v2") && !a.contains("v=v2beta1") && a.contains("as=APIGroupDiscoveryList")) {
        return true;
      }
      if (a.startsWith("application/json") && !a.contains("as=")) {
        return false;
      }
    }
    return false;
  }

  private static ApiException notFound() {
    return new ApiException(ApiException.Reason.NOT_FOUND, 404, "the server could not find the requested resource", ApiException.Details.NONE);
  }

  private static void text(ResponseSink sink, int status, String body) {
    sink.send(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), Map.of("X-Content-Type-Options", "nosniff"));
  }
}
