package io.kube4j.machinery.apply;

import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One {@code metadata.managedFields[]} entry: the fields one manager owns through one kind of operation.
 * An entry is identified by manager, operation and subresource, plus apiVersion for {@code Update}
 * entries (an applier keeps one entry whatever version it applies with), as upstream identifies them.
 *
 * @param manager the field manager name ({@code kubectl}, {@code kubectl-client-side-apply}, ...)
 * @param operation {@code Apply} or {@code Update}
 * @param apiVersion the API version the field set is expressed in
 * @param time when the manager last changed the object, in seconds; null if unknown
 * @param subresource {@code ""} for the main resource, or {@code status}, {@code scale}, ...
 * @param fields the owned fields
 */
public record ManagedFieldsEntry(String manager, Operation operation, String apiVersion, Instant time, String subresource,
    FieldSet fields) {

  /** {@code managedFields[].operation}. */
  public enum Operation {
    APPLY("Apply"),
    UPDATE("Update");

    private final String text;

    Operation(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }

    static Operation parse(String s) {
      for (var o : values()) {
        if (o.text.equals(s)) {
          return o;
        }
      }
      throw new IllegalArgumentException("operation must be `Apply` or `Update`");
    }
  }

  public ManagedFieldsEntry {
    Objects.requireNonNull(manager);
    Objects.requireNonNull(operation);
    apiVersion = apiVersion == null ? "" : apiVersion;
    subresource = subresource == null ? "" : subresource;
    time = time == null ? null : time.truncatedTo(ChronoUnit.SECONDS);
    fields = fields == null ? FieldSet.empty() : fields;
  }

  /** The identity of the entry, as upstream's JSON manager identifier (used to order conflicts). */
  public String identifier() {
    var sb = new StringBuilder("{\"manager\":");
    JsonValues.appendGoJsonString(sb, manager);
    sb.append(",\"operation\":\"").append(operation.text()).append('"');
    if (operation == Operation.UPDATE && !apiVersion.isEmpty()) {
      sb.append(",\"apiVersion\":");
      JsonValues.appendGoJsonString(sb, apiVersion);
    }
    if (!subresource.isEmpty()) {
      sb.append(",\"subresource\":");
      JsonValues.appendGoJsonString(sb, subresource);
    }
    return sb.append('}').toString();
  }

  /** How conflict messages name the manager: {@code "kubectl"}, {@code "kube-controller-manager" using apps/v1}. */
  public String describe() {
    var s = JsonValues.goString(TextNode.valueOf(manager));
    if (!subresource.isEmpty()) {
      s += " with subresource " + JsonValues.goString(TextNode.valueOf(subresource));
    }
    return operation == Operation.UPDATE ? s + " using " + apiVersion : s;
  }

  public ManagedFieldsEntry withFields(FieldSet f) {
    return new ManagedFieldsEntry(manager, operation, apiVersion, time, subresource, f);
  }

  public ManagedFieldsEntry withTime(Instant t) {
    return new ManagedFieldsEntry(manager, operation, apiVersion, t, subresource, fields);
  }

  public ManagedFieldsEntry withApiVersion(String v) {
    return new ManagedFieldsEntry(manager, operation, v, time, subresource, fields);
  }
}
