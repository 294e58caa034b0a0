package io.kube4j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.json.Json;
import io.kube4j.machinery.errors.ApiException;
import java.util.Map;

/** Builds {@code Status} objects and sends JSON answers. */
public final class Responses {

  public static final String JSON = "application/json";

  private Responses() {}

  /** The {@code Status} object for a failure, as upstream serialises it. */
  public static ObjectNode status(ApiException e) {
    var s = Json.object();
    s.put("kind", "Status").put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", "Failure");
    s.put("message", e.getMessage());
    s.put("reason", e.reason().text());
    var d = e.details();
    if (!d.name().isEmpty() || !d.kind().isEmpty() || !d.causes().isEmpty() || d.retryAfterSeconds() > 0) {
      var details = s.putObject("details");
      if (!d.name().isEmpty()) {
        details.put("name", d.name());
      }
      if (!d.group().isEmpty()) {
        details.put("group", d.group());
      }
      if (!d.kind().isEmpty()) {
        details.put("kind", d.kind());
      }
      if (!d.causes().isEmpty()) {
        var causes = details.putArray("causes");
        for (var c : d.causes()) {
          var cause = causes.addObject();
          cause.put("reason", c.reason());
          cause.put("message", c.message());
          if (c.field() != null && !c.field().isEmpty()) {
            cause.put("field", c.field());
          }
        }
      }
      if (d.retryAfterSeconds() > 0) {
        details.put("retryAfterSeconds", d.retryAfterSeconds());
      }
    }
    s.put("code", e.code());
    return s;
  }

  /** Sends the bare {@code Status} of success with {@code code} (201 for bindings and evictions, as upstream). */
  public static void success(ResponseSink sink, int code) {
    var s = Json.object();
    s.put("kind", "Status").put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", "Success");
    s.put("code", code);
    json(sink, code, s);
  }

  /** A {@code Status} of success, as returned by deletes. */
  public static ObjectNode success(String name, String group, String kind, String uid) {
    var s = Json.object();
    s.put("kind", "Status").put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", "Success");
    var details = s.putObject("details");
    details.put("name", name);
    if (!group.isEmpty()) {
      details.put("group", group);
    }
    details.put("kind", kind);
    if (uid != null && !uid.isEmpty()) {
      details.put("uid", uid);
    }
    return s;
  }

  public static void json(ResponseSink sink, int status, JsonNode body) {
    sink.send(status, JSON, Json.bytes(body), Map.of());
  }

  public static void json(ResponseSink sink, int status, JsonNode body, Map<String, String> headers) {
    sink.send(status, JSON, Json.bytes(body), headers);
  }

  public static void error(ResponseSink sink, ApiException e) {
    var headers = e.details().retryAfterSeconds() > 0 ? Map.of("Retry-After", String.valueOf(e.details().retryAfterSeconds())) : Map.<String, String>of();
    sink.send(e.code(), JSON, Json.bytes(status(e)), headers);
  }
}
