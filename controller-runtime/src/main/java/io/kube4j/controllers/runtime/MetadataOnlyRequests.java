package io.kube4j.controllers.runtime;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;

/**
 * Makes the lists and watches of the fabric8 client it is installed on ask for metadata only, as client-go's
 * metadata client does: a list for a {@code PartialObjectMetadataList}, a watch for a stream of
 * {@code PartialObjectMetadata}. fabric8 has no metadata informer, but its schemaless informer over such a
 * client is one: it caches each object as a {@code GenericKubernetesResource} holding the metadata alone.
 *
 * <p>Install it (as {@link #NAME}) on the client given to {@link SharedInformers} for its schemaless informers.
 * Their one user, the garbage collector, reads owner references, finalizers and deletion timestamps;
 * upstream's watches every resource through metadata informers so that it does not keep a second copy of
 * every ConfigMap and Secret in the cluster.
 *
 * <p>Only for lists and watches: every other GET through such a client asks for a list's representation,
 * which the API server refuses for a single object.
 */
public final class MetadataOnlyRequests implements Interceptor {

  /** The interceptor's name on a client's HTTP client builder. */
  public static final String NAME = "kube4j-metadata-only";

  static final String LIST = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";
  static final String WATCH = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    if ("GET".equals(request.method())) {
      builder.setHeader("Accept", isWatch(request) ? WATCH : LIST);
    }
  }

  private static boolean isWatch(HttpRequest request) {
    var query = request.uri().getRawQuery();
    if (query == null) {
      return false;
    }
    for (var parameter : query.split("&")) {
      if (parameter.equals("watch=true") || parameter.equals("watch=1") || parameter.equals("watch")) {
        return true;
      }
    }
    return false;
  }
}
