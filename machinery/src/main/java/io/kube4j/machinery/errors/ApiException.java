package io.kube4j.machinery.errors;

import io.kube4j.api.validation.FieldError;
import java.util.List;

/**
 * A failed API call, carrying everything of the Kubernetes {@code Status} object the client receives:
 * HTTP code, machine-readable reason, human message and details. Thrown anywhere on the request path;
 * the HTTP layer turns it into the response.
 */
public final class ApiException extends RuntimeException {

  /** The {@code Status.reason} values, with their default HTTP codes. */
  public enum Reason {
    BAD_REQUEST("BadRequest", 400),
    UNAUTHORIZED("Unauthorized", 401),
    FORBIDDEN("Forbidden", 403),
    NOT_FOUND("NotFound", 404),
    METHOD_NOT_ALLOWED("MethodNotAllowed", 405),
    NOT_ACCEPTABLE("NotAcceptable", 406),
    ALREADY_EXISTS("AlreadyExists", 409),
    CONFLICT("Conflict", 409),
    GONE("Expired", 410),
    REQUEST_ENTITY_TOO_LARGE("RequestEntityTooLarge", 413),
    UNSUPPORTED_MEDIA_TYPE("UnsupportedMediaType", 415),
    INVALID("Invalid", 422),
    TOO_MANY_REQUESTS("TooManyRequests", 429),
    INTERNAL_ERROR("InternalError", 500),
    SERVICE_UNAVAILABLE("ServiceUnavailable", 503),
    TIMEOUT("Timeout", 504);

    private final String text;
    private final int code;

    Reason(String text, int code) {
      this.text = text;
      this.code = code;
    }

    public String text() {
      return text;
    }

    public int code() {
      return code;
    }
  }

  /**
   * {@code Status.details}.
   *
   * @param name the object's name, or empty
   * @param group the resource's group, or empty
   * @param kind the resource (plural) or kind the error is about, or empty
   * @param causes field-level causes
   * @param retryAfterSeconds advice for 429/503, or 0
   */
  public record Details(String name, String group, String kind, List<Cause> causes, int retryAfterSeconds) {
    public static final Details NONE = new Details("", "", "", List.of(), 0);
  }

  /** {@code Status.details.causes[]}. */
  public record Cause(String reason, String message, String field) {}

  private final Reason reason;
  private final int code;
  private final Details details;

  public ApiException(Reason reason, int code, String message, Details details) {
    super(message);
    this.reason = reason;
    this.code = code;
    this.details = details == null ? Details.NONE : details;
  }

  public ApiException(Reason reason, String message) {
    this(reason, reason.code(), message, Details.NONE);
  }

  public Reason reason() {
    return reason;
  }

  public int code() {
    return code;
  }

  public Details details() {
    return details;
  }

  /** How upstream names a resource in messages: {@code deployments.apps}, or {@code pods} for core. */
  public static String qualified(String group, String resource) {
    return group.isEmpty() ? resource : resource + "." + group;
  }

  public static ApiException notFound(String group, String resource, String name) {
    return new ApiException(Reason.NOT_FOUND, 404, qualified(group, resource) + " \"" + name + "\" not found",
        new Details(name, group, resource, List.of(), 0));
  }

  public static ApiException alreadyExists(String group, String resource, String name) {
    return new ApiException(Reason.ALREADY_EXISTS, 409, qualified(group, resource) + " \"" + name + "\" already exists",
        new Details(name, group, resource, List.of(), 0));
  }

  public static ApiException conflict(String group, String resource, String name, String why) {
    return new ApiException(Reason.CONFLICT, 409,
        "Operation cannot be fulfilled on " + qualified(group, resource) + " \"" + name + "\": " + why,
        new Details(name, group, resource, List.of(), 0));
  }

  /** The 409 for a stale resourceVersion, with upstream's wording (kubectl and client-go retry on it). */
  public static ApiException staleResourceVersion(String group, String resource, String name) {
    return conflict(group, resource, name, "the object has been modified; please apply your changes to the latest version and try again");
  }

  /** A 422 listing every field error, formatted as upstream does. */
  public static ApiException invalid(String group, String kind, String name, List<FieldError> errors) {
    var causes = errors.stream().map(e -> new Cause(e.type().reason(), e.message().substring(e.field().length() + 2), e.field())).toList();
    var sb = new StringBuilder(qualified(group, kind)).append(" \"").append(name).append("\" is invalid: ");
    if (errors.size() == 1) {
      sb.append(errors.getFirst().message());
    } else {
      sb.append('[');
      for (int i = 0; i < errors.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append(errors.get(i).message());
      }
      sb.append(']');
    }
    return new ApiException(Reason.INVALID, 422, sb.toString(), new Details(name, group, kind, causes, 0));
  }

  public static ApiException badRequest(String message) {
    return new ApiException(Reason.BAD_REQUEST, message);
  }

  public static ApiException methodNotAllowed(String message) {
    return new ApiException(Reason.METHOD_NOT_ALLOWED, message);
  }

  public static ApiException gone(String message) {
    return new ApiException(Reason.GONE, message);
  }

  public static ApiException unsupportedMediaType(String contentType) {
    return new ApiException(Reason.UNSUPPORTED_MEDIA_TYPE, 415, "the body of the request was in an unknown format - accepted media types include: "
        + "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml", Details.NONE);
  }

  public static ApiException internal(String message) {
    return new ApiException(Reason.INTERNAL_ERROR, "Internal error occurred: " + message);
  }

  public static ApiException forbidden(String user, String verb, String group, String resource, String namespace, String name) {
    var what = qualified(group, resource);
    var msg = what + (name == null || name.isEmpty() ? "" : " \"" + name + "\"") + " is forbidden: User \"" + user
        + "\" cannot " + verb + " resource \"" + resource + "\" in API group \"" + group + "\""
        + (namespace == null || namespace.isEmpty() ? " at the cluster scope" : " in the namespace \"" + namespace + "\"");
    return new ApiException(Reason.FORBIDDEN, 403, msg, new Details(name == null ? "" : name, group, resource, List.of(), 0));
  }
}
