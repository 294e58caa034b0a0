package io.kube4j.api.validation;

/**
 * One reason an object is invalid, in the terms of Kubernetes' field errors: the Status cause has
 * {@code reason = type.reason()}, {@code field = field}, and message {@code "<field>: <type text>: <detail>"}.
 *
 * @param type what is wrong
 * @param field the JSON path, e.g. {@code spec.containers[0].image}
 * @param badValue the offending value as shown to the user, or null
 * @param detail extra explanation, or empty
 */
public record FieldError(Type type, String field, Object badValue, String detail) {

  /** The kinds of field errors upstream defines, with their Status cause reasons. */
  public enum Type {
    NOT_FOUND("FieldValueNotFound", "Not found"),
    REQUIRED("FieldValueRequired", "Required value"),
    DUPLICATE("FieldValueDuplicate", "Duplicate value"),
    INVALID("FieldValueInvalid", "Invalid value"),
    NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
    FORBIDDEN("FieldValueForbidden", "Forbidden"),
    TOO_LONG("FieldValueTooLong", "Too long"),
    TOO_MANY("FieldValueTooMany", "Too many"),
    INTERNAL("InternalError", "Internal error"),
    TYPE_INVALID("FieldValueTypeInvalid", "Invalid value");

    private final String reason;
    private final String text;

    Type(String reason, String text) {
      this.reason = reason;
      this.text = text;
    }

    public String reason() {
      return reason;
    }

    public String text() {
      return text;
    }
  }

  public static FieldError required(String field, String detail) {
    return new FieldError(Type.REQUIRED, field, null, detail);
  }

  public static FieldError invalid(String field, Object value, String detail) {
    return new FieldError(Type.INVALID, field, value, detail);
  }

  public static FieldError forbidden(String field, String detail) {
    return new FieldError(Type.FORBIDDEN, field, null, detail);
  }

  public static FieldError notSupported(String field, Object value, java.util.Collection<String> supported) {
    var sb = new StringBuilder("supported values: ");
    var first = true;
    for (String s : supported) {
      sb.append(first ? "" : ", ").append('"').append(s).append('"');
      first = false;
    }
    return new FieldError(Type.NOT_SUPPORTED, field, value, sb.toString());
  }

  public static FieldError duplicate(String field, Object value) {
    return new FieldError(Type.DUPLICATE, field, value, "");
  }

  public static FieldError notFound(String field, Object value) {
    return new FieldError(Type.NOT_FOUND, field, value, "");
  }

  public static FieldError tooLong(String field, Object value, int max) {
    return new FieldError(Type.TOO_LONG, field, value, "may not be more than " + max + " bytes");
  }

  /** The message upstream prints for this error, e.g. {@code spec.replicas: Invalid value: -1: must be greater than or equal to 0}. */
  public String message() {
    var sb = new StringBuilder(field).append(": ").append(type.text());
    // Like upstream 1.32, these types never print the bad value (TooLong omits it because it may be huge).
    if (type == Type.REQUIRED || type == Type.FORBIDDEN || type == Type.TOO_MANY || type == Type.INTERNAL
        || type == Type.TOO_LONG) {
      if (!detail.isEmpty()) {
        sb.append(": ").append(detail);
      }
      return sb.toString();
    }
    if (badValue != null || type == Type.INVALID || type == Type.NOT_SUPPORTED || type == Type.DUPLICATE) {
      sb.append(": ").append(render(badValue));
    }
    if (!detail.isEmpty()) {
      sb.append(": ").append(detail);
    }
    return sb.toString();
  }

  private static String render(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return '"' + s + '"';
    }
    return String.valueOf(value);
  }
}
