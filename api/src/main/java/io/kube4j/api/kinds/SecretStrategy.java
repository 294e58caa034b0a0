package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.NameRule;
import io.kube4j.api.validation.Names;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Secrets: {@code stringData} folded into {@code data} and type Opaque by default (as upstream's v1 conversion and
 * defaulting do), key and size rules, the required keys of each well-known type, an immutable type, and the
 * {@code immutable: true} lock.
 */
final class SecretStrategy extends KindStrategy {
  private static final FieldPath DATA = FieldPath.root("data");
  private static final ObjectMapper JSON = new ObjectMapper();

  SecretStrategy(ResourceDefinition definition) {
    super(definition, NameRule.DNS_SUBDOMAIN);
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    Json.putIfEmpty(object, "type", "Opaque");
    var stringData = Json.object(object, "stringData");
    if (stringData != null) {
      var data = Json.objectOrCreate(object, "data");
      for (var e : stringData.properties()) {
        data.put(e.getKey(), Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
      }
      object.remove("stringData");
    }
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    var data = Json.object(object, "data");
    long size = ConfigData.validateKeys(data, DATA, true, errs);
    if (size > ConfigData.MAX_SIZE) {
      errs.add(FieldError.tooLong(DATA.value(), "", ConfigData.MAX_SIZE));
    }
    var type = Json.text(object, "type");
    switch (type) {
      case "kubernetes.io/service-account-token" -> {
        var annotations = Json.object(Json.object(object, "metadata"), "annotations");
        if (Json.text(annotations, "kubernetes.io/service-account.name").isEmpty()) {
          errs.add(FieldError.required("metadata.annotations[kubernetes.io/service-account.name]", ""));
        }
      }
      case "kubernetes.io/dockercfg" -> requireJson(data, ".dockercfg", errs);
      case "kubernetes.io/dockerconfigjson" -> requireJson(data, ".dockerconfigjson", errs);
      case "kubernetes.io/basic-auth" -> {
        if (ConfigData.decoded(data, "username").length == 0 && ConfigData.decoded(data, "password").length == 0) {
          errs.add(FieldError.required(DATA.key("username").value(), ""));
          errs.add(FieldError.required(DATA.key("password").value(), ""));
        }
      }
      case "kubernetes.io/ssh-auth" -> {
        if (ConfigData.decoded(data, "ssh-privatekey").length == 0) {
          errs.add(FieldError.required(DATA.key("ssh-privatekey").value(), ""));
        }
      }
      case "kubernetes.io/tls" -> {
        if (!Json.has(data, "tls.key")) {
          errs.add(FieldError.required(DATA.key("tls.key").value(), ""));
        }
        if (!Json.has(data, "tls.crt")) {
          errs.add(FieldError.required(DATA.key("tls.crt").value(), ""));
        }
      }
      case "bootstrap.kubernetes.io/token" -> {
        if (ConfigData.decoded(data, "token-id").length == 0) {
          errs.add(FieldError.required(DATA.key("token-id").value(), ""));
        }
        if (ConfigData.decoded(data, "token-secret").length == 0) {
          errs.add(FieldError.required(DATA.key("token-secret").value(), ""));
        }
      }
      case "" -> errs.add(FieldError.required("type", ""));
      default -> Checks.format(type, FieldPath.root("type"), Names::qualifiedName, errs);
    }
  }

  private static void requireJson(ObjectNode data, String key, List<FieldError> errs) {
    var p = DATA.key(key).value();
    if (!Json.has(data, key)) {
      errs.add(FieldError.required(p, ""));
      return;
    }
    var bytes = ConfigData.decoded(data, key);
    if (bytes.length == 0) {
      errs.add(FieldError.invalid(p, "<secret contents redacted>", "unexpected end of JSON input"));
      return;
    }
    try {
      JSON.readTree(bytes);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      errs.add(FieldError.invalid(p, "<secret contents redacted>", e.getOriginalMessage()));
    } catch (IOException e) {
      errs.add(FieldError.invalid(p, "<secret contents redacted>", e.getMessage()));
    }
  }

  @Override
  void validateObjectUpdate(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    var type = Json.text(object, "type");
    if (!type.equals(Json.text(old, "type"))) {
      errs.add(FieldError.invalid("type", type, "field is immutable"));
    }
    ConfigData.validateImmutable(object, old, List.of("data"), errs);
  }
}
