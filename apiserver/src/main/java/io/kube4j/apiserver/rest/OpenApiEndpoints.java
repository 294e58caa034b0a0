package io.kube4j.apiserver.rest;

import io.kube4j.api.BuiltinResources;
import io.kube4j.api.openapi.OpenApiDocuments;
import io.kube4j.api.schema.SchemaCatalog;
import io.kube4j.apiserver.ApiHandler;
import java.util.Optional;

/**
 * Serves {@code /openapi/v2} and {@code /openapi/v3}, built once on first use (start-up does not pay
 * for documents most sessions never ask for).
 */
public final class OpenApiEndpoints implements ApiHandler.OpenApi {

  private final SchemaCatalog schemas;
  private volatile OpenApiDocuments documents;

  public OpenApiEndpoints(SchemaCatalog schemas) {
    this.schemas = schemas;
  }

  private OpenApiDocuments documents() {
    var d = documents;
    if (d == null) {
      synchronized (this) {
        d = documents;
        if (d == null) {
          d = new OpenApiDocuments(BuiltinResources.all(), schemas);
          documents = d;
        }
      }
    }
    return d;
  }

  @Override
  public Optional<byte[]> v2(boolean protobuf) {
    return Optional.of(protobuf ? documents().v2Protobuf() : documents().v2Json());
  }

  @Override
  public byte[] v3Index() {
    return documents().v3Index();
  }

  @Override
  public Optional<byte[]> v3(String groupVersionPath) {
    return Optional.ofNullable(documents().v3().get(groupVersionPath));
  }
}
