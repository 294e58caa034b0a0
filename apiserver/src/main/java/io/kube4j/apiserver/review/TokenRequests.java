package io.kube4j.apiserver.review;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.GroupVersionKind;
import io.kube4j.api.validation.FieldError;
import io.kube4j.apiserver.auth.ServiceAccountTokens;
import io.kube4j.apiserver.auth.ServiceAccountTokens.ObjectRef;
import io.kube4j.apiserver.http.ApiRequest;
import io.kube4j.apiserver.json.Json;
import io.kube4j.machinery.errors.ApiException;
import java.time.Duration;
import java.util.List;

/**
 * {@code POST /api/v1/namespaces/NS/serviceaccounts/NAME/token}: a TokenRequest answered with a signed
 * token for an existing service account, as upstream's TokenRequest REST: audiences default to the API
 * server's, the lifetime to an hour (at least ten minutes), and a token bound to a Pod, Secret or Node
 * names it (and a Pod's Node) and dies with it.
 */
final class TokenRequests {

  static final GroupVersionKind KIND = new GroupVersionKind("authentication.k8s.io", "v1", "TokenRequest");
  private static final long DEFAULT_SECONDS = 3600;
  private static final long MAX_SECONDS = 1L << 32;

  private final ServiceAccountTokens tokens;
  private final ServiceAccountTokens.ObjectLookup objects;

  TokenRequests(ServiceAccountTokens tokens, ServiceAccountTokens.ObjectLookup objects) {
    this.tokens = tokens;
    this.objects = objects;
  }

  ObjectNode create(ApiRequest request, String namespace, String name) {
    var review = RequestBodies.read(request, KIND);
    var metadata = (ObjectNode) review.get("metadata");
    var requestedName = metadata.path("name").asText();
    if (!requestedName.isEmpty() && !requestedName.equals(name)) {
      throw ApiException.badRequest("the name of the object (" + requestedName + ") does not match the name on the URL (" + name + ")");
    }
    var spec = (ObjectNode) review.get("spec");
    var seconds = spec.path("expirationSeconds").canConvertToLong() ? spec.path("expirationSeconds").asLong() : DEFAULT_SECONDS;
    if (seconds < ServiceAccountTokens.MIN_LIFETIME.toSeconds()) {
      throw invalid(name, FieldError.invalid("spec.expirationSeconds", seconds, "may not specify a duration less than 10 minutes"));
    }
    if (seconds > MAX_SECONDS) {
      throw invalid(name, FieldError.invalid("spec.expirationSeconds", seconds, "may not specify a duration larger than 2^32 seconds"));
    }
    var audiences = spec.path("audiences").isArray() && !spec.path("audiences").isEmpty()
        ? java.util.stream.StreamSupport.stream(spec.path("audiences").spliterator(), false).map(a -> a.asText()).toList()
        : tokens.apiAudiences();
    var serviceAccount = objects.find("serviceaccounts", namespace, name).orElseThrow(() -> ApiException.notFound("", "serviceaccounts", name));
    var saRef = new ObjectRef("ServiceAccount", name, serviceAccount.path("metadata").path("uid").asText());
    ObjectRef bound = null;
    ObjectRef node = null;
    var boundRef = spec.path("boundObjectRef");
    if (boundRef.isObject()) {
      var kind = boundRef.path("kind").asText();
      var apiVersion = boundRef.path("apiVersion").asText();
      var boundName = boundRef.path("name").asText();
      if (!apiVersion.equals("v1") || !(kind.equals("Pod") || kind.equals("Secret") || kind.equals("Node"))) {
        throw ApiException.badRequest("cannot bind token for serviceaccount \"" + name + "\" to object of type "
            + (apiVersion.isEmpty() ? "/, Kind=" : apiVersion + ", Kind=") + kind);
      }
      var resource = kind.toLowerCase() + "s";
      var object = objects.find(resource, kind.equals("Node") ? "" : namespace, boundName).orElseThrow(() -> ApiException.notFound("", resource, boundName));
      var uid = object.path("metadata").path("uid").asText();
      var wantedUid = boundRef.path("uid").asText();
      if (!wantedUid.isEmpty() && !wantedUid.equals(uid)) {
        throw ApiException.conflict("", resource, boundName, "the UID in the bound object reference (" + wantedUid
            + ") does not match the UID in record. The object might have been deleted and then recreated");
      }
      if (kind.equals("Node")) {
        node = new ObjectRef(kind, boundName, uid); // a token bound to a node names it as the node of its holder
      } else {
        bound = new ObjectRef(kind, boundName, uid);
      }
      var nodeName = kind.equals("Pod") ? object.path("spec").path("nodeName").asText() : "";
      if (!nodeName.isEmpty()) {
        node = objects.find("nodes", "", nodeName).map(n -> new ObjectRef("Node", nodeName, n.path("metadata").path("uid").asText())).orElse(null);
      }
      var ref = spec.putObject("boundObjectRef");
      ref.put("kind", kind).put("apiVersion", "v1").put("name", boundName).put("uid", uid);
    }
    var issued = tokens.issue(new ServiceAccountTokens.Subject(namespace, saRef, bound, node), audiences, Duration.ofSeconds(seconds));
    var arr = spec.putArray("audiences");
    audiences.forEach(arr::add);
    spec.put("expirationSeconds", seconds);
    if (!spec.has("boundObjectRef")) {
      spec.putNull("boundObjectRef");
    }
    metadata.put("name", name);
    metadata.put("namespace", namespace);
    metadata.put("creationTimestamp", Json.time(tokens.clock().instant()));
    review.putObject("status").put("token", issued.token()).put("expirationTimestamp", Json.time(issued.expiration()));
    return review;
  }

  private static ApiException invalid(String name, FieldError error) {
    return ApiException.invalid(KIND.group(), KIND.kind(), name, List.of(error));
  }
}
