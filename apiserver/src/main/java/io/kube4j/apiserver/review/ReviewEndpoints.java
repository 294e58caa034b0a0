package io.kube4j.apiserver.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.GroupVersionKind;
import io.kube4j.api.validation.FieldError;
import io.kube4j.apiserver.auth.Authorizer;
import io.kube4j.apiserver.auth.RbacAuthorizer;
import io.kube4j.apiserver.auth.ServiceAccountTokens;
import io.kube4j.apiserver.auth.User;
import io.kube4j.apiserver.http.ApiRequest;
import io.kube4j.apiserver.http.RequestInfo;
import io.kube4j.apiserver.json.Json;
import io.kube4j.machinery.errors.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The create-only resources answered by computation and never stored: the review APIs of
 * {@code authentication.k8s.io/v1} ({@code selfsubjectreviews}, {@code tokenreviews}) and
 * {@code authorization.k8s.io/v1} ({@code selfsubjectaccessreviews}, {@code subjectaccessreviews},
 * {@code localsubjectaccessreviews}, {@code selfsubjectrulesreviews}), and the {@code token}
 * subresource of service accounts. The caller has already authorized the request itself.
 */
public final class ReviewEndpoints {

  private static final String AUTHN = "authentication.k8s.io";
  private static final String AUTHZ = "authorization.k8s.io";

  private final Authorizer authorizer;
  private final RbacAuthorizer rbac;
  private final ServiceAccountTokens tokens;
  private final TokenRequests tokenRequests;

  /**
   * @param authorizer decides access reviews (the same authorizer that guards requests)
   * @param rbac lists the rules of a user for rules reviews
   * @param tokens issues tokens for TokenRequests and checks them for TokenReviews
   * @param objects finds service accounts and the objects tokens are bound to
   */
  public ReviewEndpoints(Authorizer authorizer, RbacAuthorizer rbac, ServiceAccountTokens tokens, ServiceAccountTokens.ObjectLookup objects) {
    this.authorizer = authorizer;
    this.rbac = rbac;
    this.tokens = tokens;
    this.tokenRequests = new TokenRequests(tokens, objects);
  }

  /** The review resources, by {@code group/resource}: what {@link #serves} answers for. */
  public static boolean isReview(String group, String resource) {
    return switch (group + "/" + resource) {
      case AUTHN + "/selfsubjectreviews", AUTHN + "/tokenreviews", AUTHZ + "/selfsubjectaccessreviews", AUTHZ + "/subjectaccessreviews",
          AUTHZ + "/localsubjectaccessreviews", AUTHZ + "/selfsubjectrulesreviews" -> true;
      default -> false;
    };
  }

  /** Whether a resource request is for one of these endpoints. */
  public boolean serves(RequestInfo info) {
    return isReview(info.group(), info.resource())
        || info.group().isEmpty() && info.resource().equals("serviceaccounts") && info.subresource().equals("token");
  }

  /**
   * Answers a request {@link #serves} accepts, as the object to send with status 201.
   *
   * @param user who the request acts as (after impersonation)
   */
  public ObjectNode create(ApiRequest request, RequestInfo info, User user) {
    if (!info.verb().equals("create")) {
      throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
    }
    if (!info.version().equals("v1")) {
      throw new ApiException(ApiException.Reason.NOT_FOUND, 404, "the server could not find the requested resource", ApiException.Details.NONE);
    }
    if (info.resource().equals("serviceaccounts")) {
      return tokenRequests.create(request, info.namespace(), info.name());
    }
    if (!info.name().isEmpty()) {
      throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
    }
    return switch (info.resource()) {
      case "selfsubjectreviews" -> selfSubjectReview(request, user);
      case "tokenreviews" -> tokenReview(request);
      case "selfsubjectaccessreviews" -> selfSubjectAccessReview(request, user);
      case "subjectaccessreviews" -> subjectAccessReview(request);
      case "localsubjectaccessreviews" -> localSubjectAccessReview(request, info.namespace());
      case "selfsubjectrulesreviews" -> selfSubjectRulesReview(request, user);
      default -> throw new IllegalStateException("not a review: " + info.resource());
    };
  }

  private ObjectNode selfSubjectReview(ApiRequest request, User user) {
    var review = read(request, AUTHN, "SelfSubjectReview");
    review.remove("spec");
    review.putObject("status").set("userInfo", userInfo(user));
    return review;
  }

  private ObjectNode tokenReview(ApiRequest request) {
    var review = read(request, AUTHN, "TokenReview");
    var spec = (ObjectNode) review.get("spec");
    var token = spec.path("token").asText();
    if (token.isEmpty()) {
      throw ApiException.badRequest("token is required for TokenReview in authentication");
    }
    var audiences = strings(spec.path("audiences"));
    var status = review.putObject("status");
    try {
      var verified = tokens.verify(token, audiences.isEmpty() ? tokens.apiAudiences() : audiences);
      var groups = new ArrayList<>(verified.user().groups());
      groups.add(User.AUTHENTICATED);
      status.put("authenticated", true);
      status.set("user", userInfo(new User(verified.user().name(), verified.user().uid(), groups, verified.user().extra())));
      var aud = status.putArray("audiences");
      verified.audiences().forEach(aud::add);
    } catch (ServiceAccountTokens.InvalidToken e) {
      status.putObject("user");
      status.put("error", "[invalid bearer token, " + e.getMessage() + "]");
    }
    return review;
  }

  private ObjectNode selfSubjectAccessReview(ApiRequest request, User user) {
    var review = read(request, AUTHZ, "SelfSubjectAccessReview");
    decide(review, user, "SelfSubjectAccessReview");
    return review;
  }

  private ObjectNode subjectAccessReview(ApiRequest request) {
    var review = read(request, AUTHZ, "SubjectAccessReview");
    decide(review, subject(review, "SubjectAccessReview"), "SubjectAccessReview");
    return review;
  }

  private ObjectNode localSubjectAccessReview(ApiRequest request, String namespace) {
    var review = read(request, AUTHZ, "LocalSubjectAccessReview");
    var spec = (ObjectNode) review.get("spec");
    if (!(spec.get("resourceAttributes") instanceof ObjectNode attributes)) {
      throw invalid("LocalSubjectAccessReview", FieldError.invalid("spec.resourceAttributes", null, "resourceAttributes is required"));
    }
    if (spec.has("nonResourceAttributes") && !spec.get("nonResourceAttributes").isNull()) {
      throw invalid("LocalSubjectAccessReview", FieldError.invalid("spec.nonResourceAttributes", spec.get("nonResourceAttributes"),
          "disallowed on this kind of request"));
    }
    var asked = attributes.path("namespace").asText();
    if (asked.isEmpty()) {
      attributes.put("namespace", namespace);
    } else if (!asked.equals(namespace)) {
      throw ApiException.badRequest("spec.resourceAttributes.namespace must match namespace: " + namespace);
    }
    review.with("metadata").put("namespace", namespace);
    decide(review, subject(review, "LocalSubjectAccessReview"), "LocalSubjectAccessReview");
    return review;
  }

  private ObjectNode selfSubjectRulesReview(ApiRequest request, User user) {
    var review = read(request, AUTHZ, "SelfSubjectRulesReview");
    var namespace = review.get("spec").path("namespace").asText();
    var resourceRules = Json.mapper().createArrayNode();
    var nonResourceRules = Json.mapper().createArrayNode();
    for (var rule : rbac.rulesFor(user, namespace)) {
      if (rule.has("nonResourceURLs") && !rule.path("nonResourceURLs").isEmpty()) {
        var r = nonResourceRules.addObject();
        r.set("verbs", rule.path("verbs").deepCopy());
        r.set("nonResourceURLs", rule.path("nonResourceURLs").deepCopy());
      } else {
        var r = resourceRules.addObject();
        r.set("verbs", rule.path("verbs").deepCopy());
        for (var field : List.of("apiGroups", "resources", "resourceNames")) {
          if (rule.path(field).isArray() && !rule.path(field).isEmpty()) {
            r.set(field, rule.path(field).deepCopy());
          }
        }
      }
    }
    var status = review.putObject("status");
    status.set("resourceRules", resourceRules);
    status.set("nonResourceRules", nonResourceRules);
    status.put("incomplete", false);
    return review;
  }

  /** Fills {@code status} with the decision for the review's attributes, as upstream's access-review REST. */
  private void decide(ObjectNode review, User user, String kind) {
    var spec = (ObjectNode) review.get("spec");
    var resource = spec.get("resourceAttributes");
    var nonResource = spec.get("nonResourceAttributes");
    boolean hasResource = resource != null && resource.isObject();
    boolean hasNonResource = nonResource != null && nonResource.isObject();
    if (hasResource == hasNonResource) {
      throw invalid(kind, FieldError.invalid("spec.resourceAttributes", null, "exactly one of nonResourceAttributes or resourceAttributes must be specified"));
    }
    RequestInfo attributes;
    if (hasResource) {
      attributes = new RequestInfo(true, resource.path("verb").asText(), "", "", resource.path("group").asText(), resource.path("version").asText(),
          resource.path("namespace").asText(), resource.path("resource").asText(), resource.path("name").asText(), resource.path("subresource").asText());
    } else {
      attributes = new RequestInfo(false, nonResource.path("verb").asText(), nonResource.path("path").asText(), "", "", "", "", "", "", "");
    }
    var decision = authorizer.authorize(user, attributes);
    var status = review.putObject("status");
    status.put("allowed", decision.allowed());
    if (decision.allowed()) {
      status.put("reason", decision.reason());
    }
  }

  /** The user a (local) subject access review asks about: {@code spec.user}, {@code spec.groups}, {@code spec.uid}, {@code spec.extra}. */
  private static User subject(ObjectNode review, String kind) {
    var spec = review.get("spec");
    var name = spec.path("user").asText();
    var groups = strings(spec.path("groups"));
    if (name.isEmpty() && groups.isEmpty()) {
      throw invalid(kind, FieldError.invalid("spec.user", "", "at least one of user or group must be specified"));
    }
    var extra = new LinkedHashMap<String, List<String>>();
    spec.path("extra").properties().forEach(e -> extra.put(e.getKey(), strings(e.getValue())));
    return new User(name, spec.path("uid").asText(), groups, extra);
  }

  private static ObjectNode userInfo(User user) {
    var info = Json.object();
    info.put("username", user.name());
    if (!user.uid().isEmpty()) {
      info.put("uid", user.uid());
    }
    var groups = info.putArray("groups");
    user.groups().forEach(groups::add);
    if (!user.extra().isEmpty()) {
      var extra = info.putObject("extra");
      for (Map.Entry<String, List<String>> e : user.extra().entrySet()) {
        var values = extra.putArray(e.getKey());
        e.getValue().forEach(values::add);
      }
    }
    return info;
  }

  private static ObjectNode read(ApiRequest request, String group, String kind) {
    var review = RequestBodies.read(request, new GroupVersionKind(group, "v1", kind));
    var metadata = (ObjectNode) review.get("metadata");
    if (!metadata.has("creationTimestamp")) {
      metadata.putNull("creationTimestamp");
    }
    return review;
  }

  private static List<String> strings(JsonNode array) {
    var out = new ArrayList<String>();
    if (array instanceof ArrayNode) {
      array.forEach(v -> out.add(v.asText()));
    }
    return out;
  }

  private static ApiException invalid(String kind, FieldError error) {
    var group = kind.equals("SelfSubjectReview") || kind.equals("TokenReview") ? AUTHN : AUTHZ;
    return ApiException.invalid(group, kind, "", List.of(error));
  }
}
